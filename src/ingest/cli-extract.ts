// `npm run cli -- extract <file|-> [--url URL] [--published YYYY-MM-DD] [--lang ur|en] [--json]`:
// the claims the extractor finds in one article, as JSON or a readable list. Returns the exit
// code: 0 claims found, 1 none, 2 bad usage, 3 the data failed to load.
import { readFileSync } from 'node:fs';
import { DataValidationError } from '../store/curated.ts';
import { RegistryError } from '../registry/registry.ts';
import { ClaimExtractor } from './extract/index.ts';
import type { ExtractedClaim } from './model.ts';

export interface ExtractCliOptions {
  url?: string;
  published?: string;
  lang?: string;
  json?: boolean;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

function describe(c: ExtractedClaim): string {
  const who = (p: { id: string | null; name: string }) => (p.id ? `${p.name} [${p.id}]` : `${p.name} [unresolved]`);
  const against = c.against.length ? ` → ${c.against.map(who).join(', ')}` : '';
  const extra = [c.date, c.strength && `strength: ${c.strength}`, c.reportedBy && `reported by ${c.reportedBy.name}`].filter(Boolean).join(', ');
  return `- ${c.type}: ${who(c.by)}${against}${extra ? ` (${extra})` : ''}\n    “${c.evidence}”`;
}

export function runExtractCli(args: string[], opts: ExtractCliOptions, io: CliIo): number {
  const [file, ...rest] = args;
  if (!file || rest.length) {
    io.err('extract needs one file (or - for standard input), e.g. npm run cli -- extract article.html --json');
    return 2;
  }
  if (opts.lang !== undefined && opts.lang !== 'en' && opts.lang !== 'ur') {
    io.err(`unknown --lang "${opts.lang}": use en or ur`);
    return 2;
  }
  if (opts.published !== undefined && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(opts.published)) {
    io.err(`--published must be YYYY-MM-DD, not "${opts.published}"`);
    return 2;
  }
  if (opts.url !== undefined && !/^https?:\/\/\S+$/i.test(opts.url)) {
    io.err(`--url must be an http(s) address, not "${opts.url}"`);
    return 2;
  }
  let input: string;
  try {
    input = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    io.err(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return 2;
  }
  let extractor: ClaimExtractor;
  try {
    extractor = ClaimExtractor.load();
  } catch (err) {
    if (err instanceof DataValidationError || err instanceof RegistryError) {
      io.err(err.message);
      return 3;
    }
    throw err;
  }
  const result = extractor.fromDocument(input, { lang: opts.lang as 'en' | 'ur' | undefined, published: opts.published });
  if (opts.json) {
    const json = {
      url: opts.url ?? null,
      title: result.title,
      language: result.language,
      published: result.published,
      claims: result.claims,
      incident: result.incident,
    };
    io.out(JSON.stringify(json, null, 2));
  } else if (!result.language) {
    io.out('The text is in neither English nor Urdu: no claims read.');
  } else if (!result.claims.length) {
    io.out('No claims found.');
  } else {
    const link = result.incident.id ? `incident: ${result.incident.id} (score ${result.incident.score})` : `incident: new${result.incident.candidate ? ` (closest: ${result.incident.candidate}, score ${result.incident.score})` : ''}`;
    io.out([`${result.title || '(untitled)'} [${result.language}${result.published ? `, ${result.published}` : ''}]`, ...result.claims.map(describe), link].join('\n'));
  }
  return result.claims.length ? 0 : 1;
}
