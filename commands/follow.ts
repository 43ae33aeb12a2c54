// /follow <actor|state|incident> [lang]: post an alert in this channel whenever a claim about it
// is published. Admins only, in a channel. A state covers the groups attributed to it; an actor
// is followed under every name it goes by. lang: sets the language of this channel's alerts.
import type { Command } from '../src/core/command.ts';
import { FOLLOWABLE_OPTION, followRequest, followsOffReply } from './follow-shared.ts';
import { LANG_OPTION } from './shared.ts';

export const follow: Command = {
  name: 'follow',
  description: { en: 'Get an alert here whenever a claim about an actor, a state or an incident is published', ur: 'کسی گروپ، ملک یا واقعے کے بارے میں نیا دعویٰ شائع ہوتے ہی اس چینل میں الرٹ' },
  examples: { en: ['apt28', 'pakistan lang:ur'], ur: ['اے پی ٹی 28', 'پاکستان'] },
  options: [FOLLOWABLE_OPTION, { ...LANG_OPTION, description: { en: 'Alerts (and this answer) in English or Urdu', ur: 'الرٹس (اور یہ جواب) انگریزی یا اردو میں' } }],
  access: 'admin',
  where: 'channel',
  private: true,
  run(input, ctx) {
    const service = ctx.services.follows;
    return service ? service.follow(followRequest(ctx, input), ctx, input.name) : followsOffReply(ctx);
  },
};
