// Right-to-left text, done with Unicode isolates (UAX #9). A reply line in Urdu embeds fields
// written in Latin script or in both scripts: an English title, a publisher, an alias, a command
// with its options. Each such field is wrapped whole in an isolate, so it keeps its own order
// and cannot pull the brackets, numbers or slash next to it into its run (the word-run regex
// this replaces cut one English title into reversed chunks at every bracket or quote).
//
// The summaries mark the fields (embed); the platform renderers decide what a line needs on
// their platform (a right-to-left mark on Discord, none on a Latin line on Slack, nothing in a
// pipe) and re-check what they got (keepIsolates, isolateLooseLatin).
import type { Lang } from './lang.ts';

export const RLM = '\u200F';
export const LRM = '\u200E';
/** Left-to-right isolate: the field is Latin. */
export const LRI = '\u2066';
/** Right-to-left isolate: the field is Urdu. */
export const RLI = '\u2067';
/** First-strong isolate: the field is mixed and takes the direction of its first letter. */
export const FSI = '\u2068';
/** Pop directional isolate: closes any of the three. */
export const PDI = '\u2069';

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/u;
// Letters of left-to-right scripts: Latin, and the Cyrillic of a Russian headline.
const LTR_LETTER = /(?=\p{L})[^\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const ISOLATE_OPEN = /[\u2066-\u2068]/;

// Every bidi control: marks, embeddings, overrides, isolates, the Arabic letter mark.
const ALL_BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/g;
// The ones that never belong in our output: isolates are kept (and balanced), the rest go.
const FOREIGN_BIDI = /[\u200E\u200F\u202A-\u202E\u061C]/g;
/** Isolates nest at most this deep in what we send; UAX #9 allows 125, we never need 3. */
const MAX_DEPTH = 4;

export function hasArabic(text: string): boolean {
  return ARABIC_LETTER.test(text);
}

/** Letters of a left-to-right script (Latin, Cyrillic …). */
export function hasLatin(text: string): boolean {
  return LTR_LETTER.test(text);
}

/** Removes every bidi control: for stored or typed text before we add our own. */
export function stripBidi(text: string): string {
  return text.replace(ALL_BIDI, '');
}

/**
 * Marks one embedded field (a title, a publisher, a name, a command with its options) for a
 * line in `lang`: wrapped whole in an isolate when it holds letters of the other script, left as
 * it is when it is all in the line's own script (or has no letters at all, like a date).
 * LRI for Latin, RLI for Urdu, FSI when it holds both.
 */
export function embed(text: string, lang: Lang): string {
  const clean = stripBidi(text);
  const arabic = hasArabic(clean);
  const latin = hasLatin(clean);
  // After Urdu letters, digits are Arabic numbers to the algorithm, and "2024-05-24" or "1/2"
  // would come apart at the hyphen or slash: such a value is a Latin field too.
  const joinedNumber = lang === 'ur' && !arabic && /\d[^\s\d]+\d/u.test(clean);
  const foreign = lang === 'ur' ? latin || joinedNumber : arabic;
  if (!foreign) return clean;
  const open = arabic && latin ? FSI : latin ? LRI : RLI;
  return open + clean + PDI;
}

/**
 * For a renderer: drops marks, embeddings and overrides (only isolates may come from a reply),
 * drops a PDI that closes nothing and an isolate nested deeper than we ever nest, and closes
 * isolates left open at the end of the line, so nothing can leak into the next part.
 */
export function keepIsolates(line: string): string {
  // One entry per open isolate: whether it was kept (false: nested too deep, dropped with its PDI).
  const open: boolean[] = [];
  let out = '';
  for (const ch of line.replace(FOREIGN_BIDI, '')) {
    if (ISOLATE_OPEN.test(ch)) {
      const keep = open.filter(Boolean).length < MAX_DEPTH;
      open.push(keep);
      if (keep) out += ch;
    } else if (ch === PDI) {
      if (open.length && open.pop()) out += ch;
    } else out += ch;
  }
  return out + PDI.repeat(open.filter(Boolean).length);
}

/** Closes isolates a cut left open ("Title of an artic…" inside an LRI). */
export function closeIsolates(line: string): string {
  let depth = 0;
  for (const ch of line) {
    if (ISOLATE_OPEN.test(ch)) depth++;
    else if (ch === PDI && depth > 0) depth--;
  }
  return line + PDI.repeat(depth);
}

/** The parts of a line outside isolates, with the isolated ones (whole, with their marks) between them. */
function splitIsolates(line: string): { text: string; isolated: boolean }[] {
  const parts: { text: string; isolated: boolean }[] = [];
  let depth = 0;
  let current = '';
  for (const ch of line) {
    if (ISOLATE_OPEN.test(ch)) {
      if (depth === 0 && current) {
        parts.push({ text: current, isolated: false });
        current = '';
      }
      depth++;
      current += ch;
    } else if (ch === PDI && depth > 0) {
      current += ch;
      depth--;
      if (depth === 0) {
        parts.push({ text: current, isolated: true });
        current = '';
      }
    } else current += ch;
  }
  if (current) parts.push({ text: current, isolated: depth > 0 });
  return parts;
}

/** True when the line has Arabic-script letters outside its isolates. */
export function hasLooseArabic(line: string): boolean {
  return splitIsolates(line).some((p) => !p.isolated && hasArabic(p.text));
}

// A stretch of Latin text that a reply did not mark: it starts at a Latin letter (or at the
// slash of a command), and runs over letters, digits, spaces and the punctuation found inside
// English titles and options ("Reuters (via Daily Maverick)", "$70 million", "lang:ur").
const LATIN_STRETCH = /(?:\/(?=\p{Script=Latin}))?\p{Script=Latin}[\p{Script=Latin}\p{M}\p{N} .,;:'’‘"“”&%$#@+_\-–—/()[\]!?]*/gu;
const OPENERS: Record<string, string> = { ')': '(', ']': '[' };

/** Trims a stretch back to its last letter, digit or closing bracket whose opener is inside it. */
function trimStretch(run: string): string {
  let end = run.length;
  for (;;) {
    const text = run.slice(0, end);
    const last = text.at(-1);
    if (last === undefined) return '';
    if (/[\p{L}\p{M}\p{N}]/u.test(last)) break;
    if (last in OPENERS) {
      const opens = text.split(OPENERS[last]!).length - 1;
      const closes = text.split(last).length - 1;
      if (opens >= closes) break;
    }
    if ((last === '”' || last === '"' || last === '’') && text.split(/[“"‘]/).length - 1 >= 1) break;
    end--;
  }
  // A bracket opened inside and never closed belongs to the sentence around it.
  let text = run.slice(0, end);
  for (const [close, open] of Object.entries(OPENERS)) {
    while (text.split(open).length > text.split(close).length) {
      const at = text.lastIndexOf(open);
      text = text.slice(0, at).replace(/[\s.,;:]+$/u, '');
    }
  }
  return text;
}

/**
 * The safety net for right-to-left lines: Latin text that nobody marked (a template outside the
 * summaries, English words inside Urdu prose) is isolated one stretch at a time. Marked fields
 * are left as they are.
 */
export function isolateLooseLatin(line: string): string {
  return splitIsolates(line)
    .map((part) => {
      if (part.isolated) return part.text;
      return part.text
        .replace(LATIN_STRETCH, (run) => {
          const kept = trimStretch(run);
          return kept ? LRI + kept + PDI + run.slice(kept.length) : run;
        })
        .split(/([\u2066-\u2069])/u)
        .map((piece, i, pieces) => (inIsolate(pieces, i) ? piece : piece.replace(JOINED_NUMBER, (n) => LRI + n + PDI)))
        .join('');
    })
    .join('');
}

// After Urdu letters digits are Arabic numbers, and a hyphen or slash between them does not join
// them: «ہدایت نامہ 24-02» would show as 02-24. Such a number is isolated whole.
const JOINED_NUMBER = /\d+(?:[-/]\d+)+/gu;

/** Whether pieces[i] (of a split that kept the isolate marks as pieces) lies inside an isolate. */
function inIsolate(pieces: string[], i: number): boolean {
  let depth = 0;
  for (let k = 0; k < i; k++) {
    if (/^[\u2066-\u2068]$/u.test(pieces[k]!)) depth++;
    else if (pieces[k] === PDI && depth > 0) depth--;
  }
  return depth > 0;
}

/** The first letter of a line decides its direction where a client looks at the first strong character. */
function firstStrongIsArabic(line: string): boolean {
  for (const ch of stripBidi(line)) {
    if (hasArabic(ch)) return true;
    if (/\p{L}/u.test(ch)) return false;
  }
  return false;
}

/**
 * A line of an Urdu reply laid out right to left wherever the client lays out each line by its
 * first strong character (Discord): one RLM in front, then the list marker if any (so it stands
 * where the reader starts, at the right), unmarked Latin stretches isolated, and a line with no
 * Urdu of its own isolated whole so that it reads left to right inside.
 */
export function rtlLine(text: string, marker = ''): string {
  return RLM + marker + rtlBody(text);
}

/** rtlLine without its mark: for a caller that puts a list marker between the two. */
function rtlBody(text: string): string {
  const line = keepIsolates(text);
  if (!hasLooseArabic(line) && hasLatin(line)) return LRI + line + PDI;
  return isolateLooseLatin(line);
}

/** A line of an English reply: a mark only when an Urdu field would come first. */
export function ltrLine(text: string): string {
  const line = keepIsolates(text);
  return firstStrongIsArabic(line) ? LRM + line : line;
}
