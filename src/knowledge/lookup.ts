// Shared by the incident and actor commands: run a search, decide whether the best hit is an
// answer, an ambiguous name, or nothing, and build the "did you mean" replies.
import type { Lang } from '../i18n/lang.ts';
import type { Reply, Suggestion } from '../reply/model.ts';
import { emptyReply } from '../reply/model.ts';
import type { SearchEngine, SearchHit, TargetKind } from '../search/engine.ts';
import { echo } from '../text/clean.ts';
import type { KnowledgeBase } from './knowledge.ts';

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

export type Lookup =
  | { kind: 'found'; hit: SearchHit; others: SearchHit[] }
  | { kind: 'ambiguous'; hits: SearchHit[] }
  | { kind: 'none'; near: SearchHit[] };

export function lookup(ctx: Finder, query: string, kind: TargetKind): Lookup {
  const hits = ctx.search.search(query, { kinds: [kind], limit: 12 });
  const top = hits[0];
  if (!top || top.score < ANSWER_SCORE) return { kind: 'none', near: hits.filter((h) => h.score >= SUGGEST_SCORE).slice(0, MAX_SUGGESTIONS) };
  // One typed name that is exactly a name of several targets: never pick one silently.
  const tied = hits.filter((h) => h.how === 'exact' && h.score >= top.score - 1e-9);
  if (kind === 'entity' && tied.length > 1) return { kind: 'ambiguous', hits: tied };
  // After an exact hit only other exact hits are worth showing (the other incidents a group
  // is named in); after a fuzzy one, anything close to it ("did you mean").
  const close = (h: SearchHit) => (top.how === 'exact' ? h.how === 'exact' : h.score >= top.score * RUNNER_UP_RATIO);
  const others = hits.slice(1).filter((h) => h.score >= ANSWER_SCORE && close(h)).slice(0, MAX_SUGGESTIONS);
  return { kind: 'found', hit: top, others };
}

export function labelOf(ctx: Finder, hit: { kind: TargetKind; id: string }, lang: Lang): string {
  if (hit.kind === 'incident') return ctx.kb.incidents.get(hit.id)?.title[lang] ?? hit.id;
  const entity = ctx.kb.entities.get(hit.id);
  if (!entity) return hit.id;
  const name = (lang === 'ur' ? entity.name.ur : undefined) ?? entity.name.en;
  const state = entity.state?.name[lang] ?? entity.countryHint;
  return state && entity.kind !== 'state' ? `${name} (${state})` : name;
}

export function suggestionsFor(ctx: Finder, hits: SearchHit[], lang: Lang): Suggestion[] {
  return hits.map((h) => ({ label: labelOf(ctx, h, lang), value: h.id }));
}

const NOT_FOUND = {
  en: (q: string) => `Nothing matched “${q}”`,
  ur: (q: string) => `“${q}” سے کچھ نہیں ملا`,
};
const NOT_FOUND_HINT = {
  en: 'Try another name for the actor (any vendor’s), the incident’s name, or a few words such as “sony hack 2014”.',
  ur: 'کسی اور نام سے تلاش کریں (کسی بھی کمپنی کا دیا ہوا نام)، واقعے کا نام لکھیں، یا چند الفاظ جیسے “سونی ہیک 2014”۔',
};

export function notFoundReply(ctx: Finder, query: string, near: SearchHit[], lang: Lang): Reply {
  const reply = emptyReply('not-found', lang, NOT_FOUND[lang](echo(query)), true);
  reply.description = NOT_FOUND_HINT[lang];
  reply.suggestions = suggestionsFor(ctx, near, lang);
  reply.suggestionsLabel = lang === 'ur' ? 'کیا آپ کی مراد یہ تھی' : 'Did you mean';
  return reply;
}

const AMBIGUOUS = {
  en: (q: string) => `“${q}” is a name for more than one actor`,
  ur: (q: string) => `“${q}” ایک سے زیادہ گروپوں کا نام ہے`,
};

export function ambiguousReply(ctx: Finder, query: string, hits: SearchHit[], lang: Lang): Reply {
  const reply = emptyReply('not-found', lang, AMBIGUOUS[lang](echo(query)), true);
  reply.description = lang === 'ur' ? 'ان میں سے ایک منتخب کریں:' : 'Pick one of these:';
  reply.suggestions = suggestionsFor(ctx, hits, lang);
  reply.suggestionsLabel = lang === 'ur' ? 'امیدوار' : 'Candidates';
  return reply;
}
