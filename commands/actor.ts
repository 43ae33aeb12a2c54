// /actor <name> [lang] [detail]: every name an actor goes by (by vendor), its state, and its
// history. Works for states ("China", "چین"), groups ("APT28") and accusers ("FBI").
import type { Command } from '../src/core/command.ts';
import { t } from '../src/i18n/labels.ts';
import { say } from '../src/i18n/lang.ts';
import { ambiguousReply, lookup, notFoundReply, suggestionsFor } from '../src/knowledge/lookup.ts';
import { usageReply } from '../src/reply/common.ts';
import { actorReply } from '../src/summary/actor.ts';
import { cleanText } from '../src/text/clean.ts';
import { DETAIL_OPTION, exampleOf, hasSearchableText, isOn, LANG_OPTION } from './shared.ts';

export const actor: Command = {
  name: 'actor',
  description: {
    en: 'Every name an actor goes by, its state, and its record of accusations and denials',
    ur: 'کسی گروپ یا ملک کے تمام نام، منسوب ملک اور الزامات اور تردیدوں کا ریکارڈ',
  },
  examples: { en: ['fancy bear', 'china', 'FBI'], ur: ['فینسی بئیر', 'چین'] },
  options: [
    {
      name: 'name',
      kind: 'text',
      required: true,
      autocomplete: 'actor',
      description: { en: 'A group, state, agency or company, by any name', ur: 'گروپ، ملک، ادارہ یا کمپنی، کسی بھی نام سے' },
    },
    LANG_OPTION,
    DETAIL_OPTION,
  ],
  run(input, ctx) {
    const query = cleanText(input.name);
    const lang = ctx.lang;
    if (!hasSearchableText(query)) {
      return usageReply(lang, say(lang, { en: 'Which actor?', ur: 'کس گروپ یا ملک کے بارے میں؟' }), `${say(lang, { en: 'Type any name it goes by, for example:', ur: 'مثال:' })} ${exampleOf(actor, ctx)}`);
    }
    const found = lookup(ctx, query, 'entity');
    if (found.kind === 'ambiguous') return ambiguousReply(ctx, query, found.hits, lang);
    if (found.kind === 'none') return notFoundReply(ctx, query, found.near, lang);
    const reply = actorReply(ctx.kb, ctx.kb.entities.get(found.hit.id)!, lang, isOn(input.detail));
    reply.suggestions = suggestionsFor(ctx, found.others, lang);
    reply.suggestionsLabel = t('alsoMatching', lang);
    return reply;
  },
};
