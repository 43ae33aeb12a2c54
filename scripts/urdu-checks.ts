// The Urdu rules of `npm run data:check`, as functions the tests can call: the spelling sheet
// (src/i18n/spelling.ts) over the dataset's Urdu and over the bot's own Urdu strings, oblique
// names for the parties whose Urdu name inflects (src/i18n/urdu-grammar.ts), Urdu placeholders in
// Urdu sources, and no bidi controls in the data. docs/urdu-style.md explains every rule.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { Bilingual } from '../src/domain/schema.ts';
import { hasArabic } from '../src/i18n/bidi.ts';
import { spellingProblems } from '../src/i18n/spelling.ts';
import { needsOblique } from '../src/i18n/urdu-grammar.ts';
import type { CuratedDataset } from '../src/store/curated.ts';

/** One line of the report: where, and what to change. */
export type Problem = string;

const BIDI_CONTROL = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/u;

function spelling(where: string, text: string): Problem[] {
  return spellingProblems(text).map((p) => `  - ${where}: «${p.found}» is not on the spelling sheet; write «${p.use}»`);
}

/**
 * Spelling over every Urdu text the data holds in our own words: titles, summaries, victims,
 * claim paraphrases, quote translations, party names, oblique names and notes. Not checked:
 * source titles and publishers (a headline is cited as it was published), verbatim quotes, and
 * aliases and incident names (other spellings are kept there on purpose, so searches find them).
 */
export function dataSpellingProblems(data: CuratedDataset): Problem[] {
  const problems: Problem[] = [];
  const ur = (where: string, text: Partial<Bilingual> | undefined) => {
    if (text?.ur) problems.push(...spelling(where, text.ur));
  };
  for (const party of data.parties) {
    const where = `data/parties, record "${party.id}"`;
    ur(`${where}, field name.ur`, party.name);
    ur(`${where}, field note.ur`, party.note);
    if (party.urOblique) problems.push(...spelling(`${where}, field urOblique`, party.urOblique));
  }
  for (const incident of data.incidents) {
    const where = `data/incidents/${incident.id}.json`;
    ur(`${where}, field title.ur`, incident.title);
    ur(`${where}, field summary.ur`, incident.summary);
    incident.victims.forEach((v, i) => ur(`${where}, field victims.${i}.ur`, v));
    for (const claim of incident.claims) {
      ur(`${where}, claim "${claim.id}", field summary.ur`, claim.summary);
      ur(`${where}, claim "${claim.id}", field quote.translation.ur`, claim.quote?.translation);
    }
  }
  return problems;
}

/**
 * A party whose Urdu name holds a word that inflects («کا», «سفارت خانہ», a final «ادارہ» …) must
 * carry its oblique form, which must differ from the name and must have no direct form left.
 */
export function obliqueProblems(data: CuratedDataset): Problem[] {
  const problems: Problem[] = [];
  for (const party of data.parties) {
    const where = `  - data/parties, record "${party.id}"`;
    const name = party.name.ur;
    if (party.urOblique === undefined) {
      if (needsOblique(name)) problems.push(`${where}: the Urdu name «${name}» changes before نے، پر، کی، کے، سے; add urOblique (e.g. «… کے …», «… خانے»)`);
      continue;
    }
    if (party.urOblique === name) problems.push(`${where}, field urOblique: the same as name.ur; leave it out where the name does not change`);
    else if (needsOblique(party.urOblique)) problems.push(`${where}, field urOblique: «${party.urOblique}» still has a direct form («کا», «…خانہ», «ادارہ» …)`);
  }
  return problems;
}

const NO_HEADLINE = '(سرخی درج نہیں)';
const ENGLISH_PLACEHOLDER = /\((?:publisher|headline) not recorded\)/iu;

/** An Urdu source cites its Urdu headline as published, or says in Urdu that it is not recorded. */
export function urduSourceProblems(data: CuratedDataset): Problem[] {
  const problems: Problem[] = [];
  for (const incident of data.incidents) {
    for (const source of incident.sources) {
      const where = `  - data/incidents/${incident.id}.json, source "${source.id}"`;
      if (source.language !== 'ur') continue;
      if (ENGLISH_PLACEHOLDER.test(source.publisher) || ENGLISH_PLACEHOLDER.test(source.title)) {
        problems.push(`${where}: an Urdu source's placeholder is in Urdu: «(ناشر درج نہیں)», «${NO_HEADLINE}»`);
      } else if (!hasArabic(source.title)) {
        problems.push(`${where}, field title: an Urdu source's headline as published in Urdu, or «${NO_HEADLINE}» when it is not known`);
      }
    }
  }
  return problems;
}

/** Bidi marks, embeddings, overrides and isolates in the data would reorder whatever line shows them. */
export function bidiControlProblems(data: CuratedDataset): Problem[] {
  const problems: Problem[] = [];
  const visit = (where: string, value: unknown): void => {
    if (typeof value === 'string') {
      if (BIDI_CONTROL.test(value)) problems.push(`  - ${where}: holds a bidi control character (U+200E/F, U+202A-E, U+2066-9 or U+061C); remove it`);
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(`${where}.${i}`, v));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(`${where}.${k}`, v);
  };
  for (const party of data.parties) visit(`data/parties, record "${party.id}"`, party);
  for (const incident of data.incidents) visit(`data/incidents/${incident.id}.json`, incident);
  return problems;
}

/** Where the bot keeps its own words; the search tables hold other spellings on purpose. */
export const TEMPLATE_ROOTS = ['commands', 'src'];
// Not the bot's own voice: search folding, text tools, the sheet itself, and the extractor's
// lexicon, which must list the spellings articles use in the wild.
const NOT_TEMPLATES = ['src/search/', 'src/text/', 'src/i18n/spelling.ts', 'src/ingest/extract/'];

function tsFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...tsFiles(root, rel));
    else if (entry.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

/** The text of every string literal and template piece in a TypeScript source that holds Urdu. */
export function urduStrings(source: string, fileName = 'file.ts'): { line: number; text: string }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      if (hasArabic(node.text)) found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    node.forEachChild(visit);
  };
  visit(file);
  return found;
}

/** The spelling sheet over the Urdu strings of the bot's own code. */
export function templateSpellingProblems(root: string): Problem[] {
  const problems: Problem[] = [];
  for (const dir of TEMPLATE_ROOTS) {
    for (const rel of tsFiles(root, dir)) {
      if (NOT_TEMPLATES.some((skip) => rel === skip || rel.startsWith(skip))) continue;
      for (const { line, text } of urduStrings(readFileSync(path.join(root, rel), 'utf8'), rel)) {
        // An English string that names the bot («الزام») is checked word by word; its quotes are English.
        const english = (text.match(/\p{Script=Latin}/gu)?.length ?? 0) > (text.match(/[\u0600-\u06FF]/gu)?.length ?? 0);
        problems.push(...spelling(`${rel}:${line}`, text).filter((p) => !(english && p.includes('«’…‘»'))));
      }
    }
  }
  return problems;
}

/** Every Urdu rule over the dataset and the code under `root`. */
export function urduProblems(data: CuratedDataset, root: string): Problem[] {
  return [...dataSpellingProblems(data), ...obliqueProblems(data), ...urduSourceProblems(data), ...bidiControlProblems(data), ...templateSpellingProblems(root)];
}
