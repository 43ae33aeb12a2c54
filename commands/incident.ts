// /incident <query> [lang] [detail]: the best-matching incident's summary, with "did you
// mean" for close runners-up.
import type { Command } from '../src/core/command.ts';
import { cleanText } from '../src/text/clean.ts';
import { lookup, notFoundReply, suggestionsFor, usageReply } from '../src/knowledge/lookup.ts';
import { t } from '../src/i18n/labels.ts';
import { incidentReply } from '../src/summary/incident.ts';
import { DETAIL_OPTION, hasSearchableText, inLanguage, isOn, LANG_OPTION } from './shared.ts';

export const incident: Command = {
  name: 'incident',
  description: {
    en: 'Who was accused of a cyber attack, who accused them, who denied it, and the sources',
    ur: 'سائبر حملے کا الزام کس پر لگا، کس نے لگایا، کس نے تردید کی، اور ذرائع',
  },
  example: '/incident volt typhoon',
  options: [
    {
      name: 'query',
      kind: 'text',
      required: true,
      autocomplete: 'incident',
      description: { en: 'Incident, actor or a few words (e.g. sony hack 2014)', ur: 'واقعہ، گروپ یا چند الفاظ' },
    },
    LANG_OPTION,
    DETAIL_OPTION,
  ],
  run(input, ctx) {
    const query = cleanText(input.query);
    return inLanguage(input.lang, query, ctx, (lang) => {
      if (!hasSearchableText(query)) {
        return usageReply(
          lang,
          lang === 'ur' ? 'کس واقعے کے بارے میں جاننا چاہتے ہیں؟' : 'Which incident?',
          lang === 'ur' ? 'مثال: /incident وولٹ ٹائیفون' : 'Type a name or a few words, for example: /incident volt typhoon',
        );
      }
      const found = lookup(ctx, query, 'incident');
      if (found.kind !== 'found') return notFoundReply(ctx, query, found.kind === 'none' ? found.near : found.hits, lang);
      const incidentData = ctx.kb.incidents.get(found.hit.id)!;
      const reply = incidentReply(ctx.kb, incidentData, lang, isOn(input.detail));
      reply.suggestions = suggestionsFor(ctx, found.others, lang);
      reply.suggestionsLabel = t('alsoMatching', lang);
      return reply;
    });
  },
};
