// /unsubscribe: stop the daily digest in this channel. Admins only, in a channel.
import type { Command } from '../src/core/command.ts';
import { digestOffReply, digestRequest } from './digest-shared.ts';
import { LANG_OPTION } from './shared.ts';

export const unsubscribe: Command = {
  name: 'unsubscribe',
  description: { en: 'Stop the daily digest in this channel', ur: 'اس چینل میں روزانہ خلاصہ بند کریں' },
  examples: { en: [''], ur: ['lang:ur'] },
  options: [LANG_OPTION],
  access: 'admin',
  where: 'channel',
  private: true,
  run(_input, ctx) {
    const service = ctx.services.subscriptions;
    return service ? service.unsubscribe(digestRequest(ctx)) : digestOffReply(ctx);
  },
};
