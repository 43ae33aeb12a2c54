// Cleaning what people type before it goes anywhere: invisible and control characters out,
// whitespace collapsed, length capped. A 10,000-character paste or a bidi override becomes
// an ordinary, short query; nothing typed is ever echoed back longer than a chat line.

/** Longer than any name or descriptive query; the rest is ignored. */
export const MAX_QUERY_LENGTH = 200;
/** How much of a query is quoted back in a reply ("Nothing matched …"). */
export const MAX_ECHO_LENGTH = 80;

// C0/C1 controls, bidi embeddings/overrides/isolates and marks, zero-width characters, BOM,
// line/paragraph separators. (ZWNJ carries no meaning in a search key either.)
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2028\u2029\u2060-\u2069\uFEFF]/g;

export function cleanText(raw: string | undefined | null, max = MAX_QUERY_LENGTH): string {
  if (!raw) return '';
  const cleaned = String(raw).replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  return [...cleaned].slice(0, max).join('').trim();
}

/** A query as quoted back to the user: cleaned and shortened with an ellipsis. */
export function echo(query: string): string {
  const chars = [...cleanText(query, MAX_QUERY_LENGTH)];
  return chars.length > MAX_ECHO_LENGTH ? `${chars.slice(0, MAX_ECHO_LENGTH - 1).join('')}…` : chars.join('');
}
