// Block Kit rendering of the neutral reply for Slack: a header, the description, who accused /
// who denied as sections, the sources as links in a context block, suggestions and a footer.
// Every text is made inert (slack-text.ts) and cut to Slack's limits here, so a payload is
// always one Slack accepts, whatever the data or the query held. renderSlack never throws.
import type { types } from '@slack/bolt';
import { t } from '../../i18n/labels.ts';
import type { Reply, ReplyField, ReplySource } from '../../reply/model.ts';
import { embed, hasLooseArabic, RLI, PDI } from '../../i18n/bidi.ts';
import { cleanLine, cleanLines, cutLine, ELLIPSIS, escapeEntities, fitLines, inertText, mrkdwnLine, plainLine, slackDirection } from './render-text.ts';
import { logFor } from '../../log/logger.ts';

type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;
type ContextBlock = types.ContextBlock;
type MrkdwnElement = types.MrkdwnElement;

// Slack's limits (Block Kit reference), in UTF-16 units, which is what we count.
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_SECTION_TEXT_MAX = 3000;
export const SLACK_SECTION_FIELDS_MAX = 10;
export const SLACK_SECTION_FIELD_TEXT_MAX = 2000;
export const SLACK_HEADER_TEXT_MAX = 150;
export const SLACK_CONTEXT_ELEMENTS_MAX = 10;
/** A context element is a text object: at most 3,000 like any other. */
export const SLACK_CONTEXT_TEXT_MAX = 3000;
export const SLACK_FALLBACK_TEXT_TARGET = 300;

// Our own caps, for readability rather than Slack's rules.
/** A field this short (and with few lines) sits in a two-column section with its neighbours. */
const COMPACT_FIELD_MAX = 400;
const COMPACT_FIELD_LINES = 6;
/** One line of a field or the description; a longer one (hostile data) is cut. */
const LINE_MAX = 500;
const SOURCE_LABEL_MAX = 300;
const LABEL_MAX = 200;
const SOURCE_URL_MAX = 2000;
const FOOTER_MAX = 500;

export interface SlackReplyPayload {
  response_type: 'in_channel' | 'ephemeral';
  text: string;
  blocks: KnownBlock[];
}

/**
 * Lower is more important; when blocks must go, the highest number goes first, and among
 * equals the later one. Sources outrank fields because an answer without its sources is not
 * one; fields come in the order the reply gives them (accused, accused by, denied first).
 */
const PRIORITY = { header: 0, firstSources: 1, description: 2, field: 3, moreSources: 4, footer: 5, suggestions: 6 } as const;

interface Part {
  priority: number;
  block: KnownBlock;
}

export function renderSlack(reply: Reply): SlackReplyPayload {
  // Answers are for the channel; errors, usage and help only for the one who asked (help in
  // the channel would be a wall of text nobody else wanted).
  const response_type = reply.ephemeral || reply.kind === 'help' ? 'ephemeral' : 'in_channel';
  try {
    const dir = reply.dir === 'rtl' ? 'rtl' : 'ltr';
    const parts: Part[] = [{ priority: PRIORITY.header, block: header(reply.title, dir) }];
    const description = cleanLines(reply.description).map((l) => cutLine(mrkdwnLine(l, dir), SLACK_SECTION_TEXT_MAX));
    if (description.length) parts.push({ priority: PRIORITY.description, block: section(fitLines(description, SLACK_SECTION_TEXT_MAX)) });
    for (const block of fieldSections(reply.fields ?? [], dir)) parts.push({ priority: PRIORITY.field, block });
    sourceBlocks(reply, dir).forEach((block, i) => parts.push({ priority: i === 0 ? PRIORITY.firstSources : PRIORITY.moreSources, block }));
    const suggestions = suggestionsBlock(reply, dir);
    if (suggestions) parts.push({ priority: PRIORITY.suggestions, block: suggestions });
    const footer = cleanLine(reply.footer ?? '');
    if (footer) parts.push({ priority: PRIORITY.footer, block: context([{ type: 'plain_text', text: cutLine(plainLine(footer, dir), FOOTER_MAX), emoji: false }]) });
    return { response_type, text: fallbackText(reply, dir), blocks: withinBlockLimit(parts) };
  } catch (err) {
    // A renderer bug must not leave the user with no answer at all: log it, send the title.
    logFor('slack').error('renderSlack failed', err);
    const text = cutLine(plainLine(String(reply?.title ?? ''), 'ltr'), SLACK_HEADER_TEXT_MAX) || ELLIPSIS;
    return { response_type, text, blocks: [{ type: 'header', text: { type: 'plain_text', text, emoji: false } }] };
  }
}

function header(title: string, dir: 'ltr' | 'rtl'): KnownBlock {
  const text = cutLine(plainLine(title, dir), SLACK_HEADER_TEXT_MAX);
  return { type: 'header', text: { type: 'plain_text', text: text || ELLIPSIS, emoji: false } };
}

function mrkdwn(text: string): MrkdwnElement {
  // verbatim: Slack must not auto-link channel names or URLs in stored text either.
  return { type: 'mrkdwn', text, verbatim: true };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text || ELLIPSIS) };
}

function context(elements: ContextBlock['elements']): ContextBlock {
  return { type: 'context', elements };
}

/** A label in bold, cut before the asterisks go on so a cut never leaves one unclosed. */
function bold(text: string, dir: 'ltr' | 'rtl', max = LABEL_MAX): string {
  const line = cutLine(mrkdwnLine(text, dir), max - 4);
  // Right-to-left marks go outside the asterisks, so they still open and close bold.
  const head = line.startsWith('\u200F') ? '\u200F' : '';
  const tail = line.length > head.length && line.endsWith('\u200F') ? '\u200F' : '';
  return `${head}*${line.slice(head.length, line.length - tail.length)}*${tail}`;
}

/** A field as "*Label*" and its lines (bulleted when there are several), cut to max. */
function fieldText(field: ReplyField, dir: 'ltr' | 'rtl', max: number): string {
  const lines = (field.lines ?? []).map(cleanLine).filter(Boolean);
  const body = lines.map((l) => cutLine(mrkdwnLine(l, dir, lines.length > 1 ? '• ' : ''), LINE_MAX));
  const label = cleanLine(field.label ?? '');
  const head = label ? [bold(label, dir)] : [];
  return fitLines([...head, ...body], max);
}

/**
 * Short fields go side by side in two-column sections (Accused | Accused by / Denied | ...);
 * long ones get a section each. Urdu gets a section per field: Slack lays columns out left to
 * right, which would read backwards.
 */
function fieldSections(fields: ReplyField[], dir: 'ltr' | 'rtl'): SectionBlock[] {
  const blocks: SectionBlock[] = [];
  let row: MrkdwnElement[] = [];
  const flush = () => {
    if (row.length) blocks.push({ type: 'section', fields: row });
    row = [];
  };
  for (const field of fields) {
    const compact = fieldText(field, dir, SLACK_SECTION_FIELD_TEXT_MAX);
    if (!compact) continue;
    const lineCount = compact.split('\n').length;
    if (dir === 'ltr' && compact.length <= COMPACT_FIELD_MAX && lineCount <= COMPACT_FIELD_LINES) {
      row.push(mrkdwn(compact));
      if (row.length === SLACK_SECTION_FIELDS_MAX) flush();
    } else {
      flush();
      blocks.push(section(fieldText(field, dir, SLACK_SECTION_TEXT_MAX)));
    }
  }
  flush();
  return blocks;
}

/** Only http(s) links, with the characters that would end or split <url|label> encoded. */
function linkUrl(url: string | undefined): string | undefined {
  const clean = cleanLine(url ?? '');
  if (!/^https?:\/\/[^\s]+$/i.test(clean)) return undefined;
  const encoded = clean.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  return encoded.length <= SOURCE_URL_MAX ? encoded : undefined;
}

/**
 * "1. <url|Publisher: “Title”> · 24 May 2023". Publisher and title are fields, isolated whole
 * when their script differs from the reply's. Slack is left to right, so the label decides the
 * line: an English headline makes an ordinary left-to-right line (the Urdu date isolated in
 * it, no RLM), an Urdu one an Urdu line (an RLM after the number, never before it, so the
 * number stays at the left and does not join the text).
 */
function sourceLine(source: ReplySource, n: number, dir: 'ltr' | 'rtl'): string {
  const lang = dir === 'rtl' ? 'ur' : 'en';
  const publisher = embed(inertText(source.publisher ?? ''), lang);
  const rawTitle = cleanLine(source.title ?? '');
  const title = rawTitle && rawTitle !== cleanLine(source.url ?? '') ? embed(inertText(rawTitle), lang) : '';
  const urduLine = dir === 'rtl' && hasLooseArabic(`${publisher} ${title}`);
  const quoted = title ? (urduLine ? `’${title}‘` : `“${title}”`) : '';
  const name = [publisher, quoted].filter(Boolean).join(': ') || ELLIPSIS;
  const label = cutLine(escapeEntities(urduLine ? slackDirection(name, dir) : name), SOURCE_LABEL_MAX);
  const url = linkUrl(source.url);
  const date = inertText(source.date ?? '');
  const dated = date && dir === 'rtl' && !urduLine ? RLI + date + PDI : date;
  const when = dated ? `${urduLine ? '، ' : ' · '}${cutLine(escapeEntities(dated), 100)}` : '';
  return `${n}. ${url ? `<${url}|${label}>` : label}${when}`;
}

/**
 * The sources, one per line, packed into context elements of at most 3,000 units and context
 * blocks of at most 10 elements. A line is never cut, because a cut link would not be a link.
 */
function sourceBlocks(reply: Reply, dir: 'ltr' | 'rtl'): ContextBlock[] {
  const sources = reply.sources ?? [];
  if (!sources.length) return [];
  const lines = [bold(t('sources', reply.lang === 'ur' ? 'ur' : 'en'), dir), ...sources.map((s, i) => sourceLine(s, i + 1, dir))];
  const elements: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > SLACK_CONTEXT_TEXT_MAX) {
      elements.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) elements.push(current);
  const blocks: ContextBlock[] = [];
  for (let i = 0; i < elements.length; i += SLACK_CONTEXT_ELEMENTS_MAX) {
    blocks.push(context(elements.slice(i, i + SLACK_CONTEXT_ELEMENTS_MAX).map(mrkdwn)));
  }
  return blocks;
}

function suggestionsBlock(reply: Reply, dir: 'ltr' | 'rtl'): ContextBlock | undefined {
  const suggestions = reply.suggestions ?? [];
  if (!suggestions.length) return undefined;
  const lang = reply.lang === 'ur' ? 'ur' : 'en';
  const label = cleanLine(reply.suggestionsLabel ?? '') || t('alsoMatching', lang);
  const lines = suggestions.map((s) => {
    const name = cleanLine(s.label ?? '');
    const value = cleanLine(s.value ?? '');
    return mrkdwnLine(`${name}${value && value !== name ? ` (${embed(value, lang)})` : ''}`, dir, '• ');
  });
  return context([mrkdwn(fitLines([bold(label, dir), ...lines.map((l) => cutLine(l, 300))], SLACK_CONTEXT_TEXT_MAX))]);
}

/** The notification line: the title and the first line of the description. */
function fallbackText(reply: Reply, dir: 'ltr' | 'rtl'): string {
  const first = cleanLines(reply.description)[0];
  const text = [cleanLine(reply.title ?? ''), first].filter(Boolean).join(' — ');
  return cutLine(mrkdwnLine(text, dir), SLACK_FALLBACK_TEXT_TARGET) || ELLIPSIS;
}

/** Keeps the most important blocks within 50, in their original order, marking the cut with "…". */
function withinBlockLimit(parts: Part[]): KnownBlock[] {
  if (parts.length <= SLACK_MAX_BLOCKS) return parts.map((p) => p.block);
  const ranked = parts.map((p, i) => ({ priority: p.priority, i })).sort((a, b) => a.priority - b.priority || a.i - b.i);
  const kept = new Set(ranked.slice(0, SLACK_MAX_BLOCKS - 1).map((p) => p.i));
  const blocks: KnownBlock[] = [];
  let marked = false;
  parts.forEach((part, i) => {
    if (kept.has(i)) blocks.push(part.block);
    else if (!marked) {
      blocks.push(context([{ type: 'plain_text', text: ELLIPSIS, emoji: false }]));
      marked = true;
    }
  });
  return blocks;
}
