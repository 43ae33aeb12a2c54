// Polite, bounded HTTP GET for feeds and articles. Built on node:http/https rather than fetch
// because the connection's DNS lookup must be checked (net-guard.ts) and the body must be
// counted as it streams, before and after decompression.
//
// Rules: a User-Agent that names the bot; conditional requests (ETag / Last-Modified); one
// deadline for the whole exchange and an idle timeout on the socket; a cap on the bytes
// received and, separately, on the bytes after decompression (a gzip bomb is stopped at the
// cap, never inflated in full); redirects followed by hand, at most maxRedirects, only to
// http(s) and only to allowed addresses.
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { checkLiteralHost, guardedLookup, type AddressPolicy } from './net-guard.ts';

export const DEFAULT_USER_AGENT = 'ilzam-ingest/0.1 (+https://github.com/ilzam; attribution news bot; polite: one request per host at a time)';

export type FetchFailure =
  | 'bad-url'
  | 'bad-scheme'
  | 'forbidden-address'
  | 'too-many-redirects'
  | 'timeout'
  | 'too-large'
  | 'decompression'
  | 'http-status'
  | 'network';

export class FetchError extends Error {
  constructor(
    readonly reason: FetchFailure,
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
  /** Worth retrying later (the source may come back); a bad scheme or a private address will not. */
  get transient(): boolean {
    return ['timeout', 'network'].includes(this.reason) || (this.reason === 'http-status' && (this.status === 429 || (this.status ?? 0) >= 500));
  }
}

export interface FetchOptions extends AddressPolicy {
  userAgent?: string;
  etag?: string;
  lastModified?: string;
  /** The whole exchange, redirects included. */
  timeoutMs?: number;
  /** Bytes on the wire and, separately, bytes after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  accept?: string;
}

export interface FetchResult {
  /** The URL the body came from, after redirects. */
  url: string;
  status: number;
  notModified: boolean;
  body: Buffer;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  redirects: number;
}

const DEFAULTS = { timeoutMs: 20_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 };

/** GET with the rules above. Resolves for 200 and 304; throws FetchError with a reason otherwise. */
export async function politeGet(startUrl: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  let url = startUrl;
  for (let redirects = 0; ; redirects++) {
    const target = checkUrl(url, startUrl, opts);
    const res = await request(target, opts, deadline, timeoutMs, redirects === 0);
    const status = res.statusCode ?? 0;
    if ([301, 302, 303, 307, 308].includes(status)) {
      res.resume();
      const location = res.headers.location;
      if (!location) throw new FetchError('http-status', `redirect ${status} without a Location header`, url, status);
      if (redirects >= (opts.maxRedirects ?? DEFAULTS.maxRedirects)) {
        throw new FetchError('too-many-redirects', `more than ${opts.maxRedirects ?? DEFAULTS.maxRedirects} redirects`, startUrl, status);
      }
      url = new URL(location, target).href;
      continue;
    }
    const header = (name: string) => {
      const v = res.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    if (status === 304) {
      res.resume();
      return { url: target.href, status, notModified: true, body: Buffer.alloc(0), etag: header('etag') ?? opts.etag, lastModified: header('last-modified') ?? opts.lastModified, redirects };
    }
    if (status !== 200) {
      res.resume();
      throw new FetchError('http-status', `HTTP ${status}`, target.href, status);
    }
    const body = await readCapped(res, target.href, opts.maxBytes ?? DEFAULTS.maxBytes, deadline);
    return { url: target.href, status, notModified: false, body, contentType: header('content-type'), etag: header('etag'), lastModified: header('last-modified'), redirects };
  }
}

function checkUrl(url: string, startUrl: string, opts: AddressPolicy): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new FetchError('bad-url', `not a URL: ${url.slice(0, 200)}`, startUrl);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new FetchError('bad-scheme', `refused ${target.protocol} URL (only http and https)`, startUrl);
  }
  try {
    checkLiteralHost(target.hostname, opts);
  } catch (err) {
    throw new FetchError('forbidden-address', (err as Error).message, startUrl);
  }
  return target;
}

function request(target: URL, opts: FetchOptions, deadline: AbortSignal, timeoutMs: number, first: boolean): Promise<http.IncomingMessage> {
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
    accept: opts.accept ?? '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  // Validators belong to the URL they came from; after a redirect they would be wrong.
  if (first && opts.etag) headers['if-none-match'] = opts.etag;
  if (first && opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.get(target, { headers, lookup: guardedLookup(opts), signal: deadline, timeout: timeoutMs }, resolve);
    req.on('timeout', () => req.destroy(new FetchError('timeout', `no data for ${timeoutMs} ms`, target.href)));
    req.on('error', (err) => reject(toFetchError(err, target.href, deadline)));
  });
}

function toFetchError(err: unknown, url: string, deadline: AbortSignal): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EFORBIDDENADDR') return new FetchError('forbidden-address', e.message, url);
  if (deadline.aborted || e.name === 'AbortError' || e.name === 'TimeoutError') return new FetchError('timeout', 'timed out', url);
  return new FetchError('network', e.code ? `${e.code}: ${e.message}` : e.message, url);
}

function decompressor(encoding: string | undefined): zlib.Gunzip | zlib.Unzip | zlib.BrotliDecompress | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case '':
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
    case 'deflate': // zlib-wrapped deflate, as servers send it; Unzip also takes gzip
      return zlib.createUnzip();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new Error(`unsupported content-encoding "${encoding}"`);
  }
}

/** Reads the body, counting bytes on the wire and after decompression; past either cap, aborts. */
async function readCapped(res: http.IncomingMessage, url: string, maxBytes: number, deadline: AbortSignal): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new FetchError('too-large', `Content-Length ${declared} is over the cap of ${maxBytes} bytes`, url);
  }
  let inflate;
  try {
    inflate = decompressor(res.headers['content-encoding']);
  } catch (err) {
    res.destroy();
    throw new FetchError('decompression', (err as Error).message, url);
  }
  let wire = 0;
  let total = 0;
  const chunks: Buffer[] = [];
  const countWire = async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      wire += chunk.length;
      if (wire > maxBytes) throw new FetchError('too-large', `body over the cap of ${maxBytes} bytes`, url);
      yield chunk;
    }
  };
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw new FetchError('too-large', `body over the cap of ${maxBytes} bytes once decompressed`, url);
      chunks.push(chunk);
    }
  };
  try {
    if (inflate) await pipeline(res, countWire, inflate, collect, { signal: deadline });
    else await pipeline(res, countWire, collect, { signal: deadline });
  } catch (err) {
    res.destroy();
    if (err instanceof FetchError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code?.startsWith('Z_') || e.code === 'ERR_BROTLI_DECOMPRESSION_FAILED' || /incorrect header|invalid|unexpected end/i.test(e.message)) {
      if (!deadline.aborted) throw new FetchError('decompression', `cannot decompress: ${e.message}`, url);
    }
    throw toFetchError(err, url, deadline);
  }
  return Buffer.concat(chunks);
}
