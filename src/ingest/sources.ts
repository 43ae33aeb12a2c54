// The list of sources the ingester polls: data/sources.json, versioned in git. Each source is
// a feed (RSS, Atom, RDF or JSON Feed) or an HTML list page read with a CSS selector (the
// Chinese foreign ministry publishes its press conferences that way, with no feed).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../domain/paths.ts';
import { Slug } from '../domain/schema.ts';

// From the project root, not from this module's own place: compiled or bundled (dist/src/…,
// dist/src/chunks/…), the module is not where the source file is.
export const DEFAULT_SOURCES_FILE = path.join(PROJECT_ROOT, 'data', 'sources.json');

const nonBlank = z.string().trim().min(1, 'must not be empty');

export const SourceDef = z
  .object({
    id: Slug,
    name: nonBlank,
    kind: z.enum(['feed', 'html-list']),
    url: z.string().url().refine((u) => /^https?:/i.test(u), 'must be http or https'),
    /** The language of the articles: en or ur (the extractor knows these two). */
    language: z.enum(['en', 'ur']),
    /** html-list: CSS selector for the links to articles (a elements, or elements containing one). */
    selector: nonBlank.optional(),
    /** Who publishes it and on what terms we may store its text (public domain, OGL, © with link and short quote). */
    licence: nonBlank,
    /** What kind of claims it yields, for people reading the list. */
    yields: nonBlank.optional(),
    /** The party that speaks in the source's own releases (doj-press: us-justice-department), for sentences with no subject. */
    party: Slug.optional(),
    /** Temporarily off (a broken feed) without losing its entry. */
    enabled: z.boolean().default(true),
    /** Store the article text (public-domain and OGL sources); otherwise only the evidence sentences. */
    storeText: z.boolean().default(false),
  })
  .refine((s) => s.kind !== 'html-list' || s.selector, { path: ['selector'], message: 'an html-list source needs a selector' });
export type SourceDef = z.infer<typeof SourceDef>;

export const SourcesFile = z
  .object({ version: z.number().int().min(1), sources: z.array(SourceDef) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.sources.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source id "${s.id}"` });
      seen.add(s.id);
    });
  });
export type SourcesFile = z.infer<typeof SourcesFile>;

export class SourcesError extends Error {
  constructor(readonly file: string, details: string[]) {
    super(`The source list ${file} is invalid:\n${details.map((d) => `  - ${d}`).join('\n')}`);
    this.name = 'SourcesError';
  }
}

export function loadSources(file: string = DEFAULT_SOURCES_FILE): SourceDef[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SourcesError(file, [(err as NodeJS.ErrnoException).code ? `cannot be read (${(err as NodeJS.ErrnoException).code})` : `is not valid JSON: ${(err as Error).message}`]);
  }
  const parsed = SourcesFile.safeParse(raw);
  if (!parsed.success) throw new SourcesError(file, parsed.error.issues.map((i) => `field ${i.path.join('.') || '(root)'}: ${i.message}`));
  return parsed.data.sources;
}
