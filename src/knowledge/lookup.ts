// Shared by the incident and actor commands: run a search, decide whether the best hit is an
// answer, an ambiguous name, or nothing, and build the "did you mean" replies.
import { embed } from '../i18n/bidi.ts';
import { t } from '../i18n/labels.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Reply, Suggestion } from '../reply/model.ts';
import { emptyReply } from '../reply/model.ts';
import type { SearchEngine, SearchHit, TargetKind } from '../search/engine.ts';
import { osaDistance } from '../search/edit-distance.ts';
import { compactKey } from '../search/normalize.ts';
import { echo } from '../text/clean.ts';
import type { Entity, KnowledgeBase } from './knowledge.ts';

/** What a lookup needs: the knowledge base and the search over it. */
export interface Finder {
  kb: KnowledgeBase;
  search: SearchEngine;
}

/** Below this a hit is not an answer, only a "did you mean". */
export const ANSWER_SCORE = 0.5;
const SUGGEST_SCORE = 0.25;
const RUNNER_UP_RATIO = 0.75;
const MAX_SUGGESTIONS = 5;
/**
 * A fuzzy hit needs more: short everyday words land between 0.5 and 0.6 on some name that
 * shares letters with them ("the" on "The 2017 Equifax breach", "@everyone" on the Everest
 * gang), while real typos of a name score 0.63 and up (the bench's 100 typo queries).
 */
export const FUZZY_ANSWER_SCORE = 0.6;
/**
 * Up to this many letters, a query resembles too many names for a loose match to mean
 * anything ("here" is two edits from Hermes, "hi" from Hive): a fuzzy hit answers only when
 * the query is one edit from the name, or is one of its words ("sony" in "Sony hack").
 */
const SHORT_QUERY = 5;

function isAnswer(h: SearchHit, compact: string): boolean {
  if (h.how !== 'fuzzy') return h.score >= ANSWER_SCORE;
  if (h.score < FUZZY_ANSWER_SCORE) return false;
  if (compact.length > SHORT_QUERY) return true;
  const name = compactKey(h.matched);
  if (osaDistance(compact, name) <= 1) return true;
  return compact.length >= 4 && h.matched.split(/[\s\-_.:,()]+/).some((word) => compactKey(word) === compact);
}

export type Lookup =
  | { kind: 'found'; hit: SearchHit; others: SearchHit[] }
  | { kind: 'ambiguous'; hits: SearchHit[] }
  | { kind: 'none'; near: SearchHit[] };

export function lookup(ctx: Finder, query: string, kind: TargetKind): Lookup {
  const hits = ctx.search.search(query, { kinds: [kind], limit: 12 });
  const top = hits[0];
  const compact = compactKey(query);
  if (!top || !isAnswer(top, compact)) return { kind: 'none', near: hits.filter((h) => h.score >= SUGGEST_SCORE).slice(0, MAX_SUGGESTIONS) };
  // One typed name that is exactly a name of several targets: never pick one silently.
  const tied = hits.filter((h) => h.how === 'exact' && h.score >= top.score - 1e-9);
  if (kind === 'entity' && tied.length > 1) return { kind: 'ambiguous', hits: tied };
  // After an exact hit only other exact hits are worth showing (the other incidents a group
  // is named in); after a fuzzy one, anything close to it ("did you mean").
  const close = (h: SearchHit) => (top.how === 'exact' ? h.how === 'exact' : h.score >= top.score * RUNNER_UP_RATIO);
  const others = hits.slice(1).filter((h) => isAnswer(h, compact) && close(h)).slice(0, MAX_SUGGESTIONS);
  return { kind: 'found', hit: top, others };
}

// The registry names countries by ISO code or by the catalogues' long names; these are the
// curated states they stand for, so an Urdu reader sees «چین» rather than "CN".
const REGISTRY_COUNTRIES: ReadonlyMap<string, string> = new Map([
  ['CN', 'china'],
  ['China', 'china'],
  ["People's Republic of China", 'china'],
  ['RU', 'russia'],
  ['Russian Federation', 'russia'],
  ['IR', 'iran'],
  ['Iran (Islamic Republic of)', 'iran'],
  ['KP', 'north-korea'],
  ["Korea (Democratic People's Republic of)", 'north-korea'],
  ['KR', 'south-korea'],
  ['Korea (Republic of)', 'south-korea'],
  ['US', 'united-states'],
  ['United States', 'united-states'],
  ['IL', 'israel'],
  ['UA', 'ukraine'],
  ['IN', 'india'],
  ['PK', 'pakistan'],
  ['FR', 'france'],
  ['GB', 'united-kingdom'],
]);

/**
 * The country an entity belongs to or is attributed to, in the reply's language: its curated
 * state, else the registry's country (a curated state's name where one matches). Undefined for
 * a state, and where nothing is known.
 */
export function countryOf(kb: KnowledgeBase, entity: Entity, lang: Lang): string | undefined {
  if (entity.kind === 'state') return undefined;
  if (entity.state) return entity.state.name[lang];
  const hint = entity.countryHint;
  if (!hint || hint === 'Unknown') return undefined;
  const state = kb.parties.get(REGISTRY_COUNTRIES.get(hint) ?? '');
  return state ? state.name[lang] : hint;
}

export function labelOf(ctx: Finder, hit: { kind: TargetKind; id: string }, lang: Lang): string {
  if (hit.kind === 'incident') return ctx.kb.incidents.get(hit.id)?.title[lang] ?? hit.id;
  const entity = ctx.kb.entities.get(hit.id);
  if (!entity) return hit.id;
  const name = (lang === 'ur' ? entity.name.ur : undefined) ?? entity.name.en;
  const country = countryOf(ctx.kb, entity, lang);
  return country ? `${name} (${country})` : name;
}

export function suggestionsFor(ctx: Finder, hits: SearchHit[], lang: Lang): Suggestion[] {
  return hits.map((h) => ({ label: labelOf(ctx, h, lang), value: h.id }));
}

// What was typed is quoted back as one field, so an English query keeps its order in an Urdu line.
const NOT_FOUND = {
  en: (q: string) => `Nothing matched “${embed(q, 'en')}”`,
  ur: (q: string) => `’${embed(q, 'ur')}‘ کے بارے میں کچھ نہیں ملا`,
};
const NOT_FOUND_HINT = {
  en: 'Try another name for the actor (any vendor’s), the incident’s name, or a few words such as “sony hack 2014”.',
  ur: 'کسی اور نام سے تلاش کریں (کسی بھی کمپنی کا دیا ہوا نام)، واقعے کا نام لکھیں، یا چند الفاظ جیسے ’سونی ہیک 2014‘۔',
};

export function notFoundReply(ctx: Finder, query: string, near: SearchHit[], lang: Lang): Reply {
  const reply = emptyReply('not-found', lang, NOT_FOUND[lang](echo(query)), true);
  reply.description = NOT_FOUND_HINT[lang];
  reply.suggestions = suggestionsFor(ctx, near, lang);
  reply.suggestionsLabel = t('didYouMean', lang);
  return reply;
}

const AMBIGUOUS = {
  en: (q: string) => `“${embed(q, 'en')}” is a name for more than one actor`,
  ur: (q: string) => `’${embed(q, 'ur')}‘ ایک سے زیادہ فریقوں کا نام ہے`,
};

export function ambiguousReply(ctx: Finder, query: string, hits: SearchHit[], lang: Lang): Reply {
  const reply = emptyReply('not-found', lang, AMBIGUOUS[lang](echo(query)), true);
  reply.description = lang === 'ur' ? 'ان میں سے ایک منتخب کریں:' : 'Pick one of these:';
  reply.suggestions = suggestionsFor(ctx, hits, lang);
  reply.suggestionsLabel = t('possibleMatches', lang);
  return reply;
}
