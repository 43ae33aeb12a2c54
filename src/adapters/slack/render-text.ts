// Text primitives for Slack: making stored and typed text inert in mrkdwn, and cutting it to
// Slack's limits without breaking what the cut lands in (an entity, a surrogate pair, a bidi
// isolate). Everything here works on single lines; slack.ts assembles lines into blocks.
import { rtlLine } from '../../i18n/bidi.ts';

export const ELLIPSIS = '…';
const LRI = '\u2066';
const PDI = '\u2069';

// Control characters, bidi marks/embeddings/overrides/isolates and the BOM. Stored text should
// carry none of them; the only bidi marks in our output are the ones rtlLine adds, so a stray
// override in the data cannot flip a line. ZWJ/ZWNJ stay: Urdu spelling uses them.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const LINE_BREAKS = /[\t\n\u2028\u2029]/g;

/** One line of plain text: no controls, no stray bidi marks, no line breaks. */
export function cleanLine(text: string): string {
  return String(text ?? '').replace(LINE_BREAKS, ' ').replace(UNSAFE, '').replace(/ {2,}/g, ' ').trim();
}

/** Splits text into clean, non-empty lines. */
export function cleanLines(text: string | undefined): string[] {
  return String(text ?? '')
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map(cleanLine)
    .filter(Boolean);
}

// mrkdwn formats *bold*, _italic_, ~strike~ and `code`, and has no escape for them. Stored and
// typed text gets look-alike characters instead, so "*CISA*" in a title stays literal.
const FORMATTING: Record<string, string> = { '*': '\u2217', _: '\u02CD', '~': '\u223C', '`': '\u02CB' };

/** Slack's three control characters as entities: no <!channel>, <@U123> or <url> survives. */
export function escapeEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A clean line made inert for a mrkdwn text object: no formatting, no links or mentions, and
 * "@channel" written out cannot be auto-parsed into a ping (a word joiner follows the @).
 * Urdu lines get their bidi marks before escaping, so no mark lands inside an entity.
 */
export function mrkdwnLine(text: string, dir: 'ltr' | 'rtl'): string {
  const inert = cleanLine(text)
    .replace(/[*_~`]/g, (c) => FORMATTING[c]!)
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
  return escapeEntities(dir === 'rtl' ? rtlLine(inert) : inert);
}

/** A clean line for a plain_text object. Slack still reads &, < and > there, so they are escaped. */
export function plainLine(text: string, dir: 'ltr' | 'rtl'): string {
  const clean = cleanLine(text);
  return escapeEntities(dir === 'rtl' ? rtlLine(clean) : clean);
}

/**
 * Cuts one already-escaped line to at most max UTF-16 units, ending in "…". The cut never
 * splits a surrogate pair or an entity (&amp;), and an isolate left open is closed again.
 */
export function cutLine(line: string, max: number): string {
  if (line.length <= max) return line;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  // Room for the ellipsis and a possible closing PDI.
  let end = max - ELLIPSIS.length - 1;
  const code = line.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  const amp = line.lastIndexOf('&', end - 1);
  if (amp >= 0) {
    const semi = line.indexOf(';', amp);
    if (semi === -1 || semi >= end) end = amp;
  }
  let head = line.slice(0, end).trimEnd();
  if (head.split(LRI).length > head.split(PDI).length) head += PDI;
  return head + ELLIPSIS;
}

/**
 * Joins lines with newlines into at most max units: whole lines while they fit, then "…" on a
 * line of its own. A first line that alone is too long is cut instead.
 */
export function fitLines(lines: string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const added = (kept.length ? 1 : 0) + line.length;
    const last = i === lines.length - 1;
    // Leave room for "\n…" unless this is the last line.
    if (length + added + (last ? 0 : 1 + ELLIPSIS.length) <= max) {
      kept.push(line);
      length += added;
      continue;
    }
    if (!kept.length) return cutLine(line, max);
    if (length + 1 + ELLIPSIS.length <= max) kept.push(ELLIPSIS);
    break;
  }
  return kept.join('\n');
}
