// /unfollow <name>: stop the alerts about something this channel follows. Admins only, in a channel.
import type { Command } from '../src/core/command.ts';
import { FOLLOWABLE_OPTION, followRequest, followsOffReply } from './follow-shared.ts';
import { LANG_OPTION } from './shared.ts';

export const unfollow: Command = {
  name: 'unfollow',
  description: { en: 'Stop the alerts about something this channel follows', ur: 'اس چینل میں کسی موضوع کے الرٹس بند کریں' },
  examples: { en: ['apt28'], ur: ['اے پی ٹی 28'] },
  options: [{ ...FOLLOWABLE_OPTION, description: { en: 'What this channel follows, by any of its names', ur: 'جو یہ چینل فالو کر رہا ہے، کسی بھی نام سے' } }, LANG_OPTION],
  access: 'admin',
  where: 'channel',
  private: true,
  run(input, ctx) {
    const service = ctx.services.follows;
    return service ? service.unfollow(followRequest(ctx, input), ctx, input.name) : followsOffReply(ctx);
  },
};
