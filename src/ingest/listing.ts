// A source's list of articles: the items of a feed (feedsmith: RSS, Atom, RDF, JSON Feed) or
// the links of an HTML index page picked by a CSS selector (linkedom). Links are resolved
// against the page's address; anything that is not http(s) is dropped here.
import { parseFeed } from 'feedsmith';
import { parseHTML } from 'linkedom';

export interface ListedItem {
  url: string;
  title: string;
  /** ISO date-time or date, when the feed gives one. */
  published?: string;
  /** The feed's summary, as plain text. */
  summary?: string;
}

export class ListingError extends Error {
  constructor(readonly reason: 'invalid-feed' | 'invalid-page', message: string) {
    super(message);
    this.name = 'ListingError';
  }
}

function plain(html: string | undefined): string | undefined {
  if (!html) return undefined;
  if (!/[<&]/.test(html)) return html.trim() || undefined;
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const el of document.querySelectorAll('script, style')) el.remove();
  return document.body.textContent?.replace(/\s+/g, ' ').trim() || undefined;
}

function absolute(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function toIso(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

type Text = string | { value?: string } | undefined;
const textOf = (t: Text) => (typeof t === 'string' ? t : t?.value);

/** Items of an RSS, Atom, RDF or JSON feed, newest first as the feed lists them. */
export function parseFeedItems(text: string, base: string): ListedItem[] {
  let parsed;
  try {
    parsed = parseFeed(text);
  } catch (err) {
    throw new ListingError('invalid-feed', `not a feed: ${(err as Error).message}`);
  }
  const items: ListedItem[] = [];
  const push = (href: string | undefined, title: string | undefined, published: unknown, summary: string | undefined) => {
    const url = absolute(href, base);
    if (url) items.push({ url, title: plain(title) ?? '', published: toIso(published), summary: plain(summary) });
  };
  switch (parsed.format) {
    case 'rss':
      for (const it of parsed.feed.items ?? []) {
        const guid = it.guid as { value?: string; isPermaLink?: boolean } | undefined;
        push(it.link ?? (guid?.isPermaLink !== false ? guid?.value : undefined), it.title, it.pubDate ?? it.dc?.dates?.[0], it.description);
      }
      break;
    case 'atom':
      for (const e of parsed.feed.entries ?? []) {
        const link = e.links?.find((l) => !l.rel || l.rel === 'alternate') ?? e.links?.[0];
        push(link?.href, textOf(e.title as Text), e.published ?? e.updated, textOf(e.summary as Text) ?? textOf(e.content as Text));
      }
      break;
    case 'rdf':
      for (const it of parsed.feed.items ?? []) push(it.link ?? it.rdf?.about, it.title, it.dc?.dates?.[0], it.description);
      break;
    case 'json':
      for (const it of parsed.feed.items ?? []) push(it.url ?? it.external_url, it.title, it.date_published ?? it.date_modified, it.summary ?? it.content_text ?? it.content_html);
      break;
  }
  return items;
}

/** Links on an HTML index page matched by a CSS selector (the element or its first <a>). */
export function parseListPage(html: string, base: string, selector: string): ListedItem[] {
  const { document } = parseHTML(html);
  let nodes;
  try {
    nodes = [...document.querySelectorAll(selector)];
  } catch (err) {
    throw new ListingError('invalid-page', `bad selector "${selector}": ${(err as Error).message}`);
  }
  const seen = new Set<string>();
  const items: ListedItem[] = [];
  for (const node of nodes) {
    const a = node.tagName === 'A' ? node : node.querySelector('a');
    const url = absolute(a?.getAttribute('href') ?? undefined, base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    items.push({ url, title: (a?.textContent ?? '').replace(/\s+/g, ' ').trim() });
  }
  return items;
}
