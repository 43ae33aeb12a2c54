// One ingestion pass: for each source, fetch its feed or list page (conditionally, unless it
// is backing off), then each new article in it, extract claims, and store a draft for review.
// Every outcome is reported, every failure with a reason. Per host, one request at a time.
//
// What "new" means: an article whose URL key (url.ts) and text hash are not in the seen-list.
// Articles that failed for a reason that may pass (timeout, 5xx) are not marked seen, so the
// next pass tries again; permanent failures (a private address, a 404, over the size cap)
// are marked, so they are not fetched again and again.
import { openStorage } from '../store/open.ts';
import type { Storage } from '../store/storage.ts';
import { extractArticle } from './article.ts';
import { decodeBody } from './charset.ts';
import { ClaimExtractor } from './extract/index.ts';
import { FetchError, politeGet, type FetchOptions } from './http.ts';
import { detectLanguage } from './language.ts';
import { ListingError, parseFeedItems, parseListPage, type ListedItem } from './listing.ts';
import type { Draft, SeenRecord } from './model.ts';
import { loadSources, type SourceDef } from './sources.ts';
import { StorageIngestState, type IngestState } from './state.ts';
import { contentHash, normalizeUrl } from './url.ts';

export interface IngestPassOptions {
  sources?: SourceDef[];
  sourcesFile?: string;
  /** The bot's storage; opened from stateDir (or ILZAM_STATE_DIR, or DATABASE_URL) when not given. */
  store?: Storage;
  stateDir?: string;
  /** A custom state backend; default: the storage's ingestion bookkeeping. */
  state?: IngestState;
  extractor?: ClaimExtractor;
  fetch?: Omit<FetchOptions, 'etag' | 'lastModified'>;
  /** Articles read per source per pass, newest first. */
  maxItemsPerSource?: number;
  /** First wait after a failure; doubles with each failure in a row, up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  now?: () => Date;
}

export interface Failure {
  source: string;
  url: string;
  reason: string;
  message: string;
}

export interface SourceReport {
  id: string;
  status: 'fetched' | 'not-modified' | 'backing-off' | 'failed' | 'disabled';
  items: number;
  newArticles: number;
  drafts: number;
  /** backing-off: when it will be tried again. */
  until?: string;
}

export interface IngestReport {
  startedAt: string;
  sources: SourceReport[];
  newArticles: number;
  drafts: Draft[];
  skipped: Array<{ source: string; url: string; reason: 'language' | 'duplicate' | 'no-claims' }>;
  failures: Failure[];
}

/** Runs one pass over the given sources. Never throws for a source's failure: it is reported. */
export async function runIngestPass(options: IngestPassOptions = {}): Promise<IngestReport> {
  const now = options.now ?? (() => new Date());
  const sources = options.sources ?? loadSources(options.sourcesFile ?? (process.env.INGEST_SOURCES_FILE || undefined));
  // A storage opened here is closed here; one handed in belongs to the caller.
  const opened = options.state || options.store ? undefined : await openStorage({ stateDir: options.stateDir, databaseUrl: process.env.DATABASE_URL || undefined, databaseSchema: process.env.DATABASE_SCHEMA || undefined });
  const store = options.store ?? opened;
  const state = options.state ?? new StorageIngestState(store!);
  const extractor = options.extractor ?? ClaimExtractor.load();
  const fetchOpts: FetchOptions = { allowLoopback: process.env.INGEST_ALLOW_LOOPBACK === '1', ...options.fetch };
  const report: IngestReport = { startedAt: now().toISOString(), sources: [], newArticles: 0, drafts: [], skipped: [], failures: [] };
  const hosts = new HostQueue();
  const inFlight = new Set<string>(); // URL keys being read in this pass (two feeds, one article)

  const backoff = (failures: number) => Math.min(options.maxBackoffMs ?? 24 * 3_600_000, (options.backoffMs ?? 15 * 60_000) * 2 ** Math.max(0, failures - 1));

  const failSource = async (source: SourceDef, reason: string, message: string, transient: boolean) => {
    report.failures.push({ source: source.id, url: source.url, reason, message });
    const at = now();
    await state.updateSourceHealth(source.id, (h) => {
      h.failures += 1;
      h.lastFetchedAt = at.toISOString();
      h.lastError = { at: at.toISOString(), reason, message: message.slice(0, 500) };
      // A permanent failure (a bad address) waits the longest; a flaky one, less at first.
      h.nextAttemptAt = new Date(at.getTime() + (transient ? backoff(h.failures) : (options.maxBackoffMs ?? 24 * 3_600_000))).toISOString();
    });
  };

  const processSource = async (source: SourceDef): Promise<SourceReport> => {
    const line: SourceReport = { id: source.id, status: 'fetched', items: 0, newArticles: 0, drafts: 0 };
    if (!source.enabled) return { ...line, status: 'disabled' };
    const health = await state.sourceHealth(source.id);
    if (health.nextAttemptAt && Date.parse(health.nextAttemptAt) > now().getTime()) return { ...line, status: 'backing-off', until: health.nextAttemptAt };
    let listing: ListedItem[];
    try {
      const res = await hosts.run(source.url, () => politeGet(source.url, { ...fetchOpts, etag: health.etag, lastModified: health.lastModified, accept: source.kind === 'feed' ? 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8' : 'text/html, */*;q=0.8' }));
      if (res.notModified) {
        await state.updateSourceHealth(source.id, (h) => {
          h.failures = 0;
          h.lastFetchedAt = h.lastOkAt = now().toISOString();
          delete h.nextAttemptAt;
        });
        return { ...line, status: 'not-modified' };
      }
      const { text } = decodeBody(res.body, res.contentType);
      listing = source.kind === 'feed' ? parseFeedItems(text, res.url) : parseListPage(text, res.url, source.selector!);
      await state.updateSourceHealth(source.id, (h) => {
        h.failures = 0;
        h.lastFetchedAt = h.lastOkAt = now().toISOString();
        delete h.nextAttemptAt;
        delete h.lastError;
        if (res.etag) h.etag = res.etag;
        else delete h.etag;
        if (res.lastModified) h.lastModified = res.lastModified;
        else delete h.lastModified;
      });
    } catch (err) {
      if (err instanceof FetchError) await failSource(source, err.reason, err.message, err.transient);
      else if (err instanceof ListingError) await failSource(source, err.reason, err.message, true);
      else await failSource(source, 'error', (err as Error).message, true);
      return { ...line, status: 'failed' };
    }
    line.items = listing.length;
    for (const item of listing.slice(0, options.maxItemsPerSource ?? 30)) {
      const outcome = await processItem(source, item);
      if (outcome === 'new' || outcome === 'draft') line.newArticles++;
      if (outcome === 'draft') line.drafts++;
    }
    return line;
  };

  const processItem = async (source: SourceDef, item: ListedItem): Promise<'seen' | 'new' | 'draft' | 'failed'> => {
    const key = normalizeUrl(item.url);
    if (!key) return 'seen';
    if (inFlight.has(key) || (await state.isSeen(key))) return 'seen';
    inFlight.add(key);
    const fetchedAt = now().toISOString();
    const record = (r: Omit<SeenRecord, 'key' | 'source' | 'at'>, drafts: Draft[] = []) => state.recordArticles([{ key, source: source.id, at: fetchedAt, ...r }], drafts);
    let res;
    try {
      res = await hosts.run(item.url, () => politeGet(item.url, { ...fetchOpts, accept: 'text/html, text/plain;q=0.9, */*;q=0.8' }));
    } catch (err) {
      const e = err instanceof FetchError ? err : new FetchError('network', (err as Error).message, item.url);
      report.failures.push({ source: source.id, url: item.url, reason: e.reason, message: e.message });
      if (!e.transient) await record({ outcome: 'failed' });
      return 'failed';
    }
    const html = decodeBody(res.body, res.contentType).text;
    const article = extractArticle(html);
    const title = article.title || item.title;
    const hash = contentHash(`${title}\n${article.text}`);
    const finalKey = normalizeUrl(res.url);
    // The same text under another URL, or a redirect to an article already read.
    const sameText = await state.isSeen('', hash);
    const sameTarget = finalKey && finalKey !== key ? await state.isSeen(finalKey) : false;
    if (sameText || sameTarget) {
      report.skipped.push({ source: source.id, url: item.url, reason: 'duplicate' });
      await record({ outcome: 'duplicate' });
      return 'seen';
    }
    report.newArticles++;
    const language = detectLanguage(`${title}\n${article.text}`);
    if (!language) {
      report.skipped.push({ source: source.id, url: item.url, reason: 'language' });
      await record({ outcome: 'language', hash });
      return 'new';
    }
    const published = dayOf(item.published) ?? article.published ?? null;
    const result = extractor.fromDocument(html, {
      lang: language,
      published: published ?? undefined,
      title,
      defaultBy: source.party ? extractor.named(source.party) : undefined,
      outlet: { id: null, name: source.name },
    });
    if (!result.claims.length) {
      report.skipped.push({ source: source.id, url: item.url, reason: 'no-claims' });
      await record({ outcome: 'no-claims', hash });
      return 'new';
    }
    const draft: Draft = {
      id: `${source.id}-${hash.slice(0, 16)}`,
      source: source.id,
      url: res.url,
      title,
      published,
      language,
      fetchedAt,
      claims: result.claims,
      incident: result.incident,
      status: 'pending',
    };
    if (source.storeText) draft.text = article.text.slice(0, 100_000);
    const { added } = await record({ outcome: 'draft', hash, draft: draft.id }, [draft]);
    if (!added) return 'seen'; // another source recorded the same text a moment ago
    report.drafts.push(draft);
    return 'draft';
  };

  try {
    report.sources = await Promise.all(sources.map((s) => processSource(s)));
  } finally {
    await store?.flush();
    await opened?.close();
  }
  return report;
}

function dayOf(iso: string | undefined): string | undefined {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : undefined;
}

/** One request at a time per host: each host's requests queue behind each other. */
class HostQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    let host: string;
    try {
      host = new URL(url).host.toLowerCase();
    } catch {
      host = url;
    }
    const next = (this.#tails.get(host) ?? Promise.resolve()).then(task, task);
    this.#tails.set(host, next.catch(() => undefined));
    return next;
  }
}

/** One line: what the pass found. */
export function summaryLine(report: IngestReport): string {
  return `new articles: ${report.newArticles}; drafts created: ${report.drafts.length}; skipped: ${report.skipped.length}; failures: ${report.failures.length}`;
}

/** The pass as text for a person: what was fetched, what is new, what failed and why. */
export function formatReport(report: IngestReport): string {
  const lines = [`ingest pass at ${report.startedAt}`];
  for (const s of report.sources) {
    const detail = s.status === 'backing-off' ? ` until ${s.until}` : s.status === 'fetched' ? `: ${s.items} items, ${s.newArticles} new, ${s.drafts} drafts` : '';
    lines.push(`  ${s.id}: ${s.status}${detail}`);
  }
  lines.push(summaryLine(report));
  for (const d of report.drafts) {
    lines.push(`  draft ${d.id} [${d.language}] ${d.title}`);
    for (const c of d.claims) lines.push(`    ${c.type}: ${c.by.name}${c.against.length ? ` → ${c.against.map((a) => a.name).join(', ')}` : ''}`);
    lines.push(`    incident: ${d.incident.id ?? `new${d.incident.candidate ? ` (closest ${d.incident.candidate})` : ''}`} (score ${d.incident.score})`);
  }
  for (const s of report.skipped) lines.push(`  skipped (${s.reason}): ${s.url}`);
  for (const f of report.failures) lines.push(`  FAILED ${f.source} ${f.url}: ${f.reason}: ${f.message}`);
  return lines.join('\n');
}
