// The identity of an article, so it is processed once: its URL in a canonical form (the same
// story reached through two feeds, with different tracking parameters or a #fragment, is one
// key) and, as a second key, a hash of its text (the same story under two URLs).
import { createHash } from 'node:crypto';

// Parameters that only say how a reader arrived: analytics, campaign and click ids.
const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ref|ref_src|cmpid|ocid|at_medium|at_campaign|at_custom\d*|xtor|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee|spm|share|s_cid|cid|sr_share|rss|feed|from)$/i;

/**
 * Canonical form of an http(s) URL, as a key for "seen before" (never fetched: it may differ
 * from the real address in scheme and host): scheme and host lowercased, default port and fragment
 * dropped, tracking parameters removed, the rest sorted, a trailing slash on a non-root path
 * dropped. Returns undefined for anything that is not http(s).
 */
export function normalizeUrl(input: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  if (url.hostname.startsWith('www.')) url.hostname = url.hostname.slice(4);
  // http and https of one page are one article.
  url.protocol = 'https:';
  url.port = url.port === '80' || url.port === '443' ? '' : url.port;
  const kept = [...url.searchParams].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
  url.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.href;
}

/** SHA-256 of the text with whitespace and case folded: the same story, however it was laid out. */
export function contentHash(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(folded).digest('hex');
}
