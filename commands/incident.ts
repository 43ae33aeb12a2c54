// /incident <query> [lang] [detail]: the best-matching incident's summary, with "did you
// mean" for close runners-up. A query that names an actor or a state rather than an incident
// gets that actor's incidents to choose from, and a pointer to /actor.
import type { Command, CommandContext } from '../src/core/command.ts';
import { t } from '../src/i18n/labels.ts';
import { say } from '../src/i18n/lang.ts';
import { lookup, notFoundReply, suggestionsFor } from '../src/knowledge/lookup.ts';
import { usageReply } from '../src/reply/common.ts';
import { emptyReply, type Reply } from '../src/reply/model.ts';
import { actorHistory, entityTitle } from '../src/summary/actor.ts';
import { incidentReply } from '../src/summary/incident.ts';
import { cleanText, echo } from '../src/text/clean.ts';
import { commandText, DETAIL_OPTION, exampleOf, hasSearchableText, isOn, LANG_OPTION } from './shared.ts';
import { embed } from '../src/i18n/bidi.ts';

const MAX_ACTOR_INCIDENTS = 10;

export const incident: Command = {
  name: 'incident',
  description: {
    en: 'Who was accused of a cyber attack, who accused them, who denied it, and the sources',
    ur: 'سائبر حملے کا الزام کس پر لگا، کس نے لگایا، کس نے تردید کی اور ذرائع',
  },
  examples: { en: ['volt typhoon', 'sony hack 2014'], ur: ['وولٹ ٹائیفون', 'سونی پکچرز'] },
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
    const lang = ctx.lang;
    if (!hasSearchableText(query)) {
      return usageReply(lang, say(lang, { en: 'Which incident?', ur: 'کس واقعے کے بارے میں جاننا چاہتے ہیں؟' }), `${say(lang, { en: 'Type a name or a few words, for example:', ur: 'مثال:' })} ${exampleOf(incident, ctx)}`);
    }
    const found = lookup(ctx, query, 'incident');
    if (found.kind !== 'found') return actorIncidents(ctx, query) ?? notFoundReply(ctx, query, found.kind === 'none' ? found.near : found.hits, lang);
    const reply = incidentReply(ctx.kb, ctx.kb.incidents.get(found.hit.id)!, lang, isOn(input.detail));
    reply.suggestions = suggestionsFor(ctx, found.others, lang);
    reply.suggestionsLabel = t('alsoMatching', lang);
    return reply;
  },
};

/** When the query is an actor's or a state's name: the incidents it appears in, newest first. */
function actorIncidents(ctx: CommandContext, query: string): Reply | undefined {
  const found = lookup(ctx, query, 'entity');
  if (found.kind !== 'found') return undefined;
  const entity = ctx.kb.entities.get(found.hit.id)!;
  const lang = ctx.lang;
  const name = embed(entityTitle(entity, lang), lang);
  const typed = embed(echo(query), lang);
  const actorCommand = commandText(ctx, 'actor', echo(query));
  const history = actorHistory(ctx.kb, entity, lang);
  const reply = emptyReply('not-found', lang, say(lang, { en: `“${typed}” is an actor: ${name}`, ur: `’${typed}‘ کسی واقعے کا نہیں بلکہ ${name} کا نام ہے` }), true);
  reply.description = history.length
    ? say(lang, {
        en: `Pick one of the incidents it appears in, or see everything about it with ${actorCommand}.`,
        ur: `ان واقعات میں سے کوئی ایک منتخب کریں جن میں اس کا ذکر ہے، یا مکمل معلومات کے لیے ${actorCommand} لکھیں۔`,
      })
    : say(lang, {
        en: `No incident in the dataset names it yet; ${actorCommand} shows its names and what is known.`,
        ur: `ڈیٹا سیٹ کے کسی واقعے میں ابھی اس کا ذکر نہیں؛ اس کے نام اور دستیاب معلومات ${actorCommand} سے دیکھیں۔`,
      });
  reply.suggestions = history.slice(0, MAX_ACTOR_INCIDENTS).map((h) => ({ label: h.title, value: h.incidentId }));
  reply.suggestionsLabel = t('alsoMatching', lang);
  return reply;
}
