// /actor <name> [lang] [detail]: every name an actor goes by (by vendor), its state, and its
// history. Works for states ("China", "چین"), groups ("APT28") and accusers ("FBI").
import type { Command } from '../src/core/command.ts';
import { cleanText } from '../src/text/clean.ts';
import { ambiguousReply, lookup, notFoundReply, suggestionsFor, usageReply } from '../src/knowledge/lookup.ts';
import { t } from '../src/i18n/labels.ts';
import { actorReply } from '../src/summary/actor.ts';
import { DETAIL_OPTION, hasSearchableText, inLanguage, isOn, LANG_OPTION } from './shared.ts';

export const actor: Command = {
  name: 'actor',
  description: {
    en: 'Every name an actor goes by, its state, and its record of accusations and denials',
    ur: 'کسی گروپ یا ملک کے تمام نام، اس کی ریاست، اور الزامات و تردید کا ریکارڈ',
  },
  example: '/actor fancy bear',
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
    return inLanguage(input.lang, query, ctx, (lang) => {
      if (!hasSearchableText(query)) {
        return usageReply(
          lang,
          lang === 'ur' ? 'کس گروپ یا ملک کے بارے میں؟' : 'Which actor?',
          lang === 'ur' ? 'مثال: /actor فینسی بئیر' : 'Type any name it goes by, for example: /actor fancy bear',
        );
      }
      const found = lookup(ctx, query, 'entity');
      if (found.kind === 'ambiguous') return ambiguousReply(ctx, query, found.hits, lang);
      if (found.kind === 'none') return notFoundReply(ctx, query, found.near, lang);
      const entity = ctx.kb.entities.get(found.hit.id)!;
      const reply = actorReply(ctx.kb, entity, lang, isOn(input.detail));
      reply.suggestions = suggestionsFor(ctx, found.others, lang);
      reply.suggestionsLabel = t('alsoMatching', lang);
      return reply;
    });
  },
};
