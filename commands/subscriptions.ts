// /subscriptions: the channels of this server (or workspace) that get the daily digest, with
// when each last posted. Admins only, in a channel.
import type { Command } from '../src/core/command.ts';
import { digestOffReply, digestRequest } from './digest-shared.ts';
import { LANG_OPTION } from './shared.ts';

export const subscriptions: Command = {
  name: 'subscriptions',
  description: { en: 'The channels here that get the daily digest', ur: 'یہاں کے وہ چینل جن میں روزانہ خلاصہ آتا ہے' },
  examples: { en: [''], ur: ['lang:ur'] },
  options: [LANG_OPTION],
  access: 'admin',
  where: 'channel',
  private: true,
  run(_input, ctx) {
    const service = ctx.services.subscriptions;
    return service ? service.list(digestRequest(ctx)) : digestOffReply(ctx);
  },
};
