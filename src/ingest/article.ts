// An article page to text: @mozilla/readability finds the main content in a linkedom DOM (no
// scripts run: linkedom does not execute them, and script and style elements are removed
// before reading), then the text is taken block by block so sentences do not run together.
// Plain text passes through. Also reads the published date and the page's language where the
// page states them.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface ArticleText {
  title: string;
  /** Paragraphs separated by blank lines. */
  text: string;
  /** YYYY-MM-DD when the page gives a publication date. */
  published?: string;
  /** The page's declared language (html lang), lowercased, if any. */
  declaredLang?: string;
}

const BLOCKS = 'p, h1, h2, h3, h4, li, blockquote, pre, td, dd, figcaption';

export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])/i.test(text) || /<\/(p|div|article|body)>/i.test(text.slice(0, 20_000));
}

function blockText(root: { querySelectorAll(s: string): Iterable<{ textContent: string | null; closest?(s: string): unknown; parentElement?: unknown }>; textContent: string | null }): string {
  const parts: string[] = [];
  for (const el of root.querySelectorAll(BLOCKS)) {
    // A block inside another block (p in li, p in blockquote) is read with its parent.
    const parent = (el as { parentElement?: { closest?(s: string): unknown } | null }).parentElement;
    if (parent?.closest?.(BLOCKS)) continue;
    const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) parts.push(t);
  }
  if (!parts.length) return (root.textContent ?? '').replace(/[ \t]+/g, ' ').trim();
  return parts.join('\n\n');
}

function isoDay(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  if (m) return m[1];
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

function cleanDocument(html: string) {
  const { document } = parseHTML(html);
  for (const el of document.querySelectorAll('script, style, noscript, template, iframe, object, embed')) el.remove();
  return document;
}

export function extractArticle(input: string): ArticleText {
  if (!looksLikeHtml(input)) {
    const lines = input.replace(/\r\n?/g, '\n').trim();
    const title = lines.split('\n', 1)[0]?.trim() ?? '';
    return { title, text: lines };
  }
  const document = cleanDocument(input);
  const meta = (sel: string) => document.querySelector(sel)?.getAttribute('content') ?? undefined;
  const published =
    isoDay(meta('meta[property="article:published_time"]')) ??
    isoDay(meta('meta[name="pubdate"]')) ??
    isoDay(meta('meta[name="date"]')) ??
    isoDay(meta('meta[itemprop="datePublished"]')) ??
    isoDay(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  const declaredLang = document.documentElement?.getAttribute('lang')?.toLowerCase() || undefined;
  const docTitle = (document.querySelector('h1')?.textContent ?? document.title ?? '').replace(/\s+/g, ' ').trim();
  let text = '';
  let title = docTitle;
  try {
    const read = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
    if (read?.content) {
      const inner = parseHTML(`<!doctype html><html><body>${read.content}</body></html>`).document;
      text = blockText(inner.body as never);
      title = (read.title ?? '').trim() || docTitle;
    }
  } catch {
    // A page Readability cannot handle still has its blocks.
  }
  // Readability changes the document it reads, so the fallback reads a fresh copy.
  if (!text) text = blockText(cleanDocument(input).body as never);
  return { title, text, published, declaredLang };
}
