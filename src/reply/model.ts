// The neutral reply model: what a command answers, before any platform renders it. Text here
// is plain (no markdown, no mentions syntax); each renderer escapes it for its platform and
// owns that platform's limits. Urdu replies carry dir 'rtl' so renderers can add bidi marks.
import type { Lang } from '../i18n/lang.ts';

export interface ReplyField {
  label: string;
  /** One entry per line; renderers join and trim them to fit. */
  lines: string[];
}

export interface ReplySource {
  publisher: string;
  title: string;
  /** Already formatted for the reply's language. */
  date: string;
  url?: string;
}

export interface Suggestion {
  label: string;
  /** What to type (or pick) to get it: an incident or entity id. */
  value: string;
}

export type ReplyKind = 'incident' | 'actor' | 'week' | 'help' | 'not-found' | 'usage' | 'error';

export interface Reply {
  kind: ReplyKind;
  lang: Lang;
  dir: 'ltr' | 'rtl';
  title: string;
  description?: string;
  fields: ReplyField[];
  sources: ReplySource[];
  suggestions: Suggestion[];
  /** Label for the suggestions ("Did you mean", "Also matching"). */
  suggestionsLabel?: string;
  footer?: string;
  /** Only the asker should see it: usage and errors. */
  ephemeral: boolean;
}

export function directionOf(lang: Lang): 'ltr' | 'rtl' {
  return lang === 'ur' ? 'rtl' : 'ltr';
}

export function emptyReply(kind: ReplyKind, lang: Lang, title: string, ephemeral = false): Reply {
  return { kind, lang, dir: directionOf(lang), title, fields: [], sources: [], suggestions: [], ephemeral };
}
