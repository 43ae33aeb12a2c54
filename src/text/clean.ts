// Cleaning what people type before it goes anywhere: invisible and control characters out
// (which also disarms terminal escape sequences: their ESC is gone), unpaired UTF-16
// surrogates replaced, whitespace collapsed, length capped. A 10,000-character paste or a bidi
// override becomes an ordinary, short query; nothing typed is ever echoed back longer than a
// chat line.

/** Longer than any name or descriptive query; the rest is ignored. */
export const MAX_QUERY_LENGTH = 200;
/** How much of a query is quoted back in a reply ("Nothing matched …"). */
export const MAX_ECHO_LENGTH = 80;

export const ELLIPSIS = '…';

// C0/C1 controls, bidi embeddings/overrides/isolates and marks, zero-width characters, BOM,
// line/paragraph separators. (ZWNJ carries no meaning in a search key either.)
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2028\u2029\u2060-\u2069\uFEFF]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one: such
// text is not valid Unicode, and platforms reject or mangle it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces unpaired surrogates with U+FFFD, so the text is well-formed Unicode. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

export function cleanText(raw: string | undefined | null, max = MAX_QUERY_LENGTH): string {
  if (!raw) return '';
  const cleaned = wellFormed(String(raw)).replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  return [...cleaned].slice(0, max).join('').trim();
}

/** A query as quoted back to the user: cleaned and shortened with an ellipsis. */
export function echo(query: string): string {
  return cutText(cleanText(query, MAX_QUERY_LENGTH), MAX_ECHO_LENGTH);
}

/**
 * Cuts text to at most max UTF-16 units (what Discord and most limits count), ending in "…".
 * Never splits a surrogate pair; prefers a word boundary near the end.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? ELLIPSIS : '';
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  const space = out.lastIndexOf(' ');
  if (space > out.length * 0.8) out = out.slice(0, space);
  return `${out.trimEnd()}${ELLIPSIS}`;
}
