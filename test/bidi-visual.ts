// What a reader sees: a rendered line laid out with the Unicode Bidirectional Algorithm (UAX #9,
// by bidi-js), in the paragraph direction the platform uses, and the checks that tell a line
// that reads right from one that scrambles. Used by test/bidi.test.ts and scripts/screenshots.ts
// shows the same lines in a browser.
import * as bidiJs from 'bidi-js';
import type { Bidi } from 'bidi-js';

// bidi-js is CommonJS with an ES build: the factory is the default export under a bundler and
// module.exports under Node; its typings describe the former.
const loaded = bidiJs as unknown as { default?: (() => Bidi) | { default: () => Bidi } };
const bidiFactory = (typeof loaded.default === 'function' ? loaded.default : loaded.default?.default) as () => Bidi;
const bidi = bidiFactory();

/** How a platform picks a line's direction: Discord by its first strong character, Slack always left to right. */
export type Paragraph = 'first-strong' | 'ltr';

const CONTROL = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C\u200B\u2060]/u;
const ISOLATE_OPEN = /[\u2066-\u2068]/u;
const PDI = '\u2069';
const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06D5\u06EE-\u06FF]/u;
/** Letters of a left-to-right script (Latin; Cyrillic in a Russian headline). */
const LATIN_LETTER = /(?=\p{L})[^\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

export interface Laid {
  /** The line as sent, marks included. */
  line: string;
  /** Right to left as a paragraph. */
  rtl: boolean;
  /** The visible characters in logical order (marks removed). */
  plain: string;
  /** For each character of plain: its index in line. */
  source: number[];
  /** For each character of plain: its column from the left, 0-based. */
  column: number[];
  /** For each character of plain: the isolate it sits in (0: none), counted from the start. */
  isolate: number[];
  /** For each isolate: the isolate it sits in (0: none), and its initiator (LRI, RLI or FSI). */
  isolates: Map<number, { parent: number; opener: string }>;
  /** The glyph drawn for each character of plain (mirrored when right to left). */
  glyph: string[];
  /** What the reader sees, left to right. */
  visual: string;
}

/** The first strong letter decides, without skipping isolates (what a naive client does). */
function naiveFirstStrongRtl(line: string): boolean {
  for (const ch of line) {
    const type = bidi.getBidiCharTypeName(ch);
    if (type === 'L') return false;
    if (type === 'R' || type === 'AL') return true;
  }
  return false;
}

export function layOut(line: string, paragraph: Paragraph): Laid {
  const auto = bidi.getEmbeddingLevels(line);
  const autoRtl = (auto.paragraphs[0]?.level ?? 0) === 1;
  if (paragraph === 'first-strong' && autoRtl !== naiveFirstStrongRtl(line)) {
    // Clients differ in whether they skip isolates when looking for the first strong character;
    // our lines must not depend on it.
    throw new Error(`direction depends on isolate skipping: ${JSON.stringify(line)}`);
  }
  const rtl = paragraph === 'first-strong' ? autoRtl : false;
  const levels = bidi.getEmbeddingLevels(line, rtl ? 'rtl' : 'ltr');
  // bidi-js works on UTF-16 indices, and so does everything here.
  const indices = Array.from({ length: line.length }, (_, i) => i);
  for (const [start, end] of bidi.getReorderSegments(line, levels) as [number, number][]) {
    const flipped = indices.slice(start, end + 1).reverse();
    indices.splice(start, flipped.length, ...flipped);
  }
  const mirrored = bidi.getMirroredCharactersMap(line, levels.levels);
  const visible = indices.filter((i) => !CONTROL.test(line[i]!));
  const columnOf = new Map(visible.map((logical, column) => [logical, column]));
  const plainIndices = Array.from({ length: line.length }, (_, i) => i).filter((i) => !CONTROL.test(line[i]!));
  const isolateAt: number[] = [];
  const isolates = new Map<number, { parent: number; opener: string }>();
  let depthIds: number[] = [];
  let next = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ISOLATE_OPEN.test(ch)) {
      isolates.set(++next, { parent: depthIds.at(-1) ?? 0, opener: ch });
      depthIds = [...depthIds, next];
    } else if (ch === PDI) depthIds = depthIds.slice(0, -1);
    isolateAt[i] = depthIds.at(-1) ?? 0;
  }
  return {
    line,
    rtl,
    plain: plainIndices.map((i) => line[i]).join(''),
    source: plainIndices,
    column: plainIndices.map((i) => columnOf.get(i)!),
    isolate: plainIndices.map((i) => isolateAt[i]!),
    isolates,
    glyph: plainIndices.map((i) => mirrored.get(i) ?? line[i]!),
    visual: visible.map((i) => mirrored.get(i) ?? line[i]!).join(''),
  };
}

/** Columns of plain[from..to) are one block, left to right in logical order. */
function readsLeftToRight(laid: Laid, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (laid.column[i] !== laid.column[i - 1]! + 1) return false;
  return true;
}

/** Columns of plain[from..to) are one block, right to left in logical order. */
function readsRightToLeft(laid: Laid, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (laid.column[i] !== laid.column[i - 1]! - 1) return false;
  return true;
}

function span(laid: Laid, from: number, to: number): [number, number] {
  const cols = laid.column.slice(from, to);
  return [Math.min(...cols), Math.max(...cols)];
}

const URDU_MONTHS = 'جنوری|فروری|مارچ|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر';
const ENGLISH_MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const ARROWS = /[\u2190-\u21FF\u27F0-\u27FF\u2900-\u297F]/u;
/** Where one field ends and the next begins, in either direction: these never join two words into one reading. */
const SEPARATORS = /[—·،؛۔|:;]/u;

interface Word {
  from: number;
  to: number;
  script: 'arabic' | 'latin';
  isolate: number;
}

function words(laid: Laid): Word[] {
  const out: Word[] = [];
  for (const m of laid.plain.matchAll(/[\p{L}\p{M}]+/gu)) {
    const arabic = ARABIC_LETTER.test(m[0]);
    const latin = LATIN_LETTER.test(m[0]);
    if (arabic === latin) continue;
    out.push({ from: m.index, to: m.index + m[0].length, script: arabic ? 'arabic' : 'latin', isolate: laid.isolate[m.index]! });
  }
  return out;
}

/** A piece of a line that is read as one: a word, a number, a Latin stretch, or a whole isolate. */
interface Unit {
  from: number;
  to: number;
  text: string;
}

/** The isolate `id` holding plain[i] as seen from segment `segment`: the child of segment on the way down, or undefined. */
function childOf(laid: Laid, i: number, segment: number): number | undefined {
  let id = laid.isolate[i]!;
  if (id === segment) return undefined;
  while (id !== 0) {
    const parent = laid.isolates.get(id)!.parent;
    if (parent === segment) return id;
    id = parent;
  }
  return -1; // not inside this segment at all
}

/** The units of one segment (0: the line outside isolates), in logical order. */
function units(laid: Laid, segment: number): Unit[] {
  const out: Unit[] = [];
  const { plain } = laid;
  let i = 0;
  while (i < plain.length) {
    const child = childOf(laid, i, segment);
    if (child === -1) {
      i++;
      continue;
    }
    if (child !== undefined) {
      let j = i;
      while (j < plain.length && childOf(laid, j, segment) === child) j++;
      out.push({ from: i, to: j, text: plain.slice(i, j) });
      i = j;
      continue;
    }
    const rest = plain.slice(i);
    const m = /^(?:[\p{Script=Latin}\p{Script=Cyrillic}][\p{Script=Latin}\p{Script=Cyrillic}\p{M}\p{N} '’.,&/:_+-]*[\p{Script=Latin}\p{Script=Cyrillic}\p{N}]|[\p{Script=Latin}\p{Script=Cyrillic}]|\d+(?:[.,:/-]\d+)*|[\u0600-\u06FF\p{M}]*[\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF][\u0600-\u06FF\p{M}\u200C]*(?: [\u0600-\u06FF\p{M}\u200C]*[\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF][\u0600-\u06FF\p{M}\u200C]*)*)/u.exec(rest);
    let len = m ? m[0].length : 1;
    // A stretch ends where the segment ends (at a child isolate).
    for (let k = 1; k < len; k++) {
      if (childOf(laid, i + k, segment) !== undefined) {
        len = k;
        break;
      }
    }
    if (m) out.push({ from: i, to: i + len, text: plain.slice(i, i + len) });
    i += len;
  }
  return out.filter((u) => /[\p{L}\p{N}]/u.test(u.text));
}

/** The direction a segment is meant to be read in. */
function intended(laid: Laid, segment: number, paragraph: Paragraph): 'rtl' | 'ltr' {
  const firstStrong = (from: number, inside: (i: number) => boolean): 'rtl' | 'ltr' | undefined => {
    for (let i = from; i < laid.line.length; i++) {
      if (!inside(i)) continue;
      const ch = laid.line[i]!;
      if (ch === '\u200F' || ARABIC_LETTER.test(ch)) return 'rtl';
      if (ch === '\u200E' || LATIN_LETTER.test(ch)) return 'ltr';
    }
    return undefined;
  };
  if (segment === 0) {
    if (paragraph === 'first-strong') return laid.rtl ? 'rtl' : 'ltr';
    // Left to right, unless the line (outside its isolates) opens right to left.
    const outside = new Set(laid.source.filter((_, k) => laid.isolate[k] === 0));
    return firstStrong(0, (i) => outside.has(i) || laid.line[i] === '\u200F' || laid.line[i] === '\u200E') === 'rtl' ? 'rtl' : 'ltr';
  }
  const opener = laid.isolates.get(segment)!.opener;
  if (opener === '\u2066') return 'ltr';
  if (opener === '\u2067') return 'rtl';
  const start = laid.source[laid.isolate.indexOf(segment)]!;
  return firstStrong(start, (i) => i >= start) ?? 'ltr';
}

export interface LineExpectations {
  /** Fields that must come out whole: English titles, publishers, names, commands. */
  fields?: string[];
  /** How the platform picked the paragraph's direction (decides what the line is meant to read as). */
  paragraph?: Paragraph;
  /** Where a list marker ("• ", "1. ") must be: at the start of the reading (Discord) or at the left (Slack). */
  marker?: 'reading-start' | 'left';
}

/**
 * Everything wrong with how a laid-out line reads; empty when it reads right. A line's words
 * read in its direction (Urdu right to left, English left to right, word by word); each word
 * and number is whole; dates read day, month, year; a command keeps its slash before its name;
 * a bracket pair encloses exactly what it encloses in the text and is drawn facing it; no arrow.
 */
export function readingProblems(laid: Laid, expect: LineExpectations = {}): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${what} — sees «${laid.visual}»`);
  const { plain } = laid;

  if (ARROWS.test(plain)) say('an arrow, which does not turn with the line');

  // Words whole, in their own direction; neighbours of the same script, in the same isolate,
  // with no other-script word or field separator between them, in reading order.
  const list = words(laid);
  for (const w of list) {
    const ok = w.script === 'latin' ? readsLeftToRight(laid, w.from, w.to) : readsRightToLeft(laid, w.from, w.to);
    if (!ok) say(`the word «${plain.slice(w.from, w.to)}» is broken`);
  }
  for (let i = 0; i + 1 < list.length; i++) {
    const a = list[i]!;
    const b = list[i + 1]!;
    if (a.script !== b.script || a.isolate !== b.isolate) continue;
    if (SEPARATORS.test(plain.slice(a.to, b.from))) continue;
    const [, aRight] = span(laid, a.from, a.to);
    const [aLeft] = span(laid, a.from, a.to);
    const [bLeft, bRight] = span(laid, b.from, b.to);
    const ok = a.script === 'latin' ? aRight < bLeft : bRight < aLeft;
    if (!ok) say(`«${plain.slice(a.from, a.to)}» and «${plain.slice(b.from, b.to)}» read in the wrong order`);
  }

  // The line and each isolate read in their direction, unit by unit: an Urdu sentence right to
  // left with its English fields and numbers in their places, an English line left to right.
  // A list marker at the start stands apart (where, the marker check below says).
  const markerEnd = /^(?:•|\d+\.) /u.exec(plain)?.[0].length ?? 0;
  for (const segment of [0, ...laid.isolates.keys()]) {
    if (segment !== 0 && !laid.isolate.includes(segment)) continue;
    const direction = intended(laid, segment, expect.paragraph ?? 'first-strong');
    const list = units(laid, segment).filter((u) => u.from >= markerEnd);
    for (let i = 0; i + 1 < list.length; i++) {
      const [aLeft, aRight] = span(laid, list[i]!.from, list[i]!.to);
      const [bLeft, bRight] = span(laid, list[i + 1]!.from, list[i + 1]!.to);
      const ok = direction === 'rtl' ? bRight < aLeft : aRight < bLeft;
      if (!ok) say(`«${list[i]!.text}» and «${list[i + 1]!.text}» are out of ${direction === 'rtl' ? 'right-to-left' : 'left-to-right'} order`);
    }
  }

  // Numbers whole and left to right ("30,000", "21:30", "2023").
  for (const m of plain.matchAll(/\d+(?:[.,:/-]\d+)*/gu)) {
    if (!readsLeftToRight(laid, m.index, m.index + m[0].length)) say(`the number ${m[0]} is broken`);
  }

  // Dates: Urdu reads day, month, year right to left; English left to right.
  for (const m of plain.matchAll(new RegExp(`(\\d{1,2} )?(${URDU_MONTHS}) (\\d{4})`, 'gu'))) {
    const day = m[1] ? laid.column[m.index]! : undefined;
    const monthAt = m.index + (m[1]?.length ?? 0);
    const month = laid.column[monthAt]!;
    const year = laid.column[monthAt + m[2]!.length + 1]!;
    if (!(year < month && (day === undefined || month < day))) say(`the date «${m[0]}» reads out of order`);
  }
  for (const m of plain.matchAll(new RegExp(`(\\d{1,2} )?(${ENGLISH_MONTHS}) (\\d{4})`, 'gu'))) {
    const day = m[1] ? laid.column[m.index]! : undefined;
    const monthAt = m.index + (m[1]?.length ?? 0);
    const month = laid.column[monthAt]!;
    const year = laid.column[monthAt + m[2]!.length + 1]!;
    if (!(month < year && (day === undefined || day < month))) say(`the date «${m[0]}» reads out of order`);
  }

  // Commands keep their slash right before the name: "/incident", "/ilzam-week".
  for (const m of plain.matchAll(/(?<![\w/.])\/[a-z][\w-]*/gu)) {
    if (laid.column[m.index + 1] !== laid.column[m.index]! + 1) say(`the command ${m[0]} lost its slash`);
  }

  // Bracket pairs: drawn facing each other, around exactly their content.
  const stack: { ch: string; at: number }[] = [];
  const pairs: [number, number][] = [];
  for (let i = 0; i < plain.length; i++) {
    const ch = plain[i]!;
    if (ch === '(' || ch === '[') stack.push({ ch, at: i });
    else if (ch === ')' || ch === ']') {
      const open = stack.pop();
      if (open && (open.ch === '(') === (ch === ')')) pairs.push([open.at, i]);
    }
  }
  for (const [open, close] of pairs) {
    const left = Math.min(laid.column[open]!, laid.column[close]!);
    const leftGlyph = laid.column[open] === left ? laid.glyph[open]! : laid.glyph[close]!;
    if (leftGlyph !== '(' && leftGlyph !== '[') say(`the brackets around «${plain.slice(open + 1, close)}» face the wrong way`);
    const right = Math.max(laid.column[open]!, laid.column[close]!);
    const inside = laid.column.slice(open + 1, close);
    if (inside.some((c) => c <= left || c >= right) || (inside.length && right - left - 1 !== inside.length)) {
      say(`the brackets do not hold «${plain.slice(open + 1, close)}»`);
    }
  }

  // Fields the caller knows: whole, and a Latin one left to right.
  for (const field of expect.fields ?? []) {
    let at = plain.indexOf(field);
    while (at >= 0) {
      const end = at + field.length;
      const latin = LATIN_LETTER.test(field) && !ARABIC_LETTER.test(field);
      if (latin && !readsLeftToRight(laid, at, end)) say(`the field «${field}» is split or reversed`);
      else {
        const [l, r] = span(laid, at, end);
        if (r - l + 1 !== field.length) say(`the field «${field}» is split`);
      }
      at = plain.indexOf(field, end);
    }
  }

  // List markers: where the reader starts (the right of an Urdu line on Discord) or at the left (Slack).
  const marker = /^(•|\d+\.) /u.exec(plain);
  if (marker && expect.marker) {
    const cols = laid.column.slice(0, marker[1]!.length);
    const atRight = Math.max(...cols) === plain.length - 1;
    const atLeft = Math.min(...cols) === 0;
    const wanted = expect.marker === 'left' || !laid.rtl ? atLeft : atRight;
    if (!wanted) say(`the list marker ${marker[1]} is not at the ${expect.marker === 'left' || !laid.rtl ? 'left' : 'right'}`);
  }
  return problems;
}
