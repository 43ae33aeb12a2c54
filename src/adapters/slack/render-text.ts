// Text primitives for Slack: making stored and typed text inert in mrkdwn, laying out Urdu for
// a client that is always left to right, and cutting text to Slack's limits without breaking
// what the cut lands in (an entity, a surrogate pair, a bidi isolate). Everything here works on
// single lines; render.ts assembles lines into blocks.
//
// Slack's clients set no direction on a message: every paragraph is left to right, and Urdu
// cannot be right-aligned. So an Urdu line gets an RLM only where it must (it would otherwise
// begin with a number, a Latin field or punctuation), after any list marker, which stays at the
// left like every list marker in Slack; a line whose only words are Latin gets no mark at all
// and reads as an ordinary left-to-right line. docs/slack.md shows what a reader sees.
import { closeIsolates, hasLooseArabic, isolateLooseLatin, keepIsolates, RLM } from '../../i18n/bidi.ts';

export const ELLIPSIS = '…';

// Control characters, bidi marks/embeddings/overrides and the BOM. Stored text should carry none
// of them; the only marks in our output are the ones slackDirection adds, so a stray override in
// the data cannot flip a line. Isolates stay (balanced): replies mark their fields with them.
// ZWJ/ZWNJ stay: Urdu spelling uses them.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFEFF]/g;
const LINE_BREAKS = /[\t\n\u2028\u2029]/g;

/** One line of plain text: no controls, no stray bidi marks, no line breaks; isolates balanced. */
export function cleanLine(text: string): string {
  return keepIsolates(String(text ?? '').replace(LINE_BREAKS, ' ').replace(UNSAFE, '').replace(/ {2,}/g, ' ').trim());
}

const STARTS_WITH_ARABIC_LETTER = /^[\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF]/u;
const ENDS_WITH_ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06D4\u06D5\u06FA-\u06FF]$/u;

/**
 * An Urdu reply's line as Slack should get it: unmarked Latin stretches isolated, and an RLM
 * where the line has Urdu words of its own but would begin, or end, with something else (a
 * number, a Latin field, punctuation). In a left-to-right paragraph that beginning would be
 * drawn at the left and that end at the right, outside the sentence they belong to. A line of
 * Latin words (and isolated Urdu fields) stays an ordinary left-to-right line.
 */
export function slackDirection(line: string, dir: 'ltr' | 'rtl'): string {
  if (dir !== 'rtl' || !hasLooseArabic(line)) return line;
  const isolated = isolateLooseLatin(line);
  const head = STARTS_WITH_ARABIC_LETTER.test(isolated) ? '' : RLM;
  const tail = ENDS_WITH_ARABIC_LETTER.test(isolated) ? '' : RLM;
  return head + isolated + tail;
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

/** Stored or typed text made inert for mrkdwn: no formatting, no links or mentions. */
export function inertText(text: string): string {
  return cleanLine(text)
    .replace(/[*_~`]/g, (c) => FORMATTING[c]!)
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

/**
 * A clean line made inert for a mrkdwn text object: no formatting, no links or mentions, and
 * "@channel" written out cannot be auto-parsed into a ping (a word joiner follows the @).
 * A list marker ("• ", "1. ") goes in front of any mark, so it stays at the left. Urdu lines
 * get their bidi marks before escaping, so no mark lands inside an entity.
 */
export function mrkdwnLine(text: string, dir: 'ltr' | 'rtl', marker = ''): string {
  return escapeEntities(marker + slackDirection(inertText(text), dir));
}

/** A clean line for a plain_text object. Slack still reads &, < and > there, so they are escaped. */
export function plainLine(text: string, dir: 'ltr' | 'rtl'): string {
  return escapeEntities(slackDirection(cleanLine(text), dir));
}

/**
 * Cuts one already-escaped line to at most max UTF-16 units, ending in "…". The cut never
 * splits a surrogate pair or an entity (&amp;), and an isolate left open is closed again.
 */
export function cutLine(line: string, max: number): string {
  if (line.length <= max) return line;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  // Room for the ellipsis and for closing each isolate the cut leaves open.
  for (let room = max - ELLIPSIS.length; room > 0; room--) {
    const cut = closeIsolates(line.slice(0, safeEnd(line, room)).trimEnd()) + ELLIPSIS;
    if (cut.length <= max) return cut;
  }
  return ELLIPSIS;
}

/** The largest end at or before `end` that splits no surrogate pair and no entity. */
function safeEnd(line: string, end: number): number {
  const code = line.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  const amp = line.lastIndexOf('&', end - 1);
  if (amp >= 0) {
    const semi = line.indexOf(';', amp);
    if (semi === -1 || semi >= end) end = amp;
  }
  return end;
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
