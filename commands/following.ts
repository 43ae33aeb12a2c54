// /following: what this channel follows, since when, and how its alerts are doing. Admins only, in a channel.
import type { Command } from '../src/core/command.ts';
import { followRequest, followsOffReply } from './follow-shared.ts';
import { LANG_OPTION } from './shared.ts';

export const following: Command = {
  name: 'following',
  description: { en: 'What this channel follows, and how its alerts are doing', ur: 'یہ چینل کیا فالو کر رہا ہے اور اس کے الرٹس کی صورتحال' },
  examples: { en: [''], ur: ['lang:ur'] },
  options: [LANG_OPTION],
  access: 'admin',
  where: 'channel',
  private: true,
  run(input, ctx) {
    const service = ctx.services.follows;
    return service ? service.list(followRequest(ctx, input), ctx) : followsOffReply(ctx);
  },
};
