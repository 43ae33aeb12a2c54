// Renders the neutral Reply as one Discord embed that always fits Discord's limits. Every part
// is first capped on its own (title, description, field values); then, while the embed is over
// the 6,000 total, lines are dropped from the least important part first, leaving a
// "… 3 more" marker («… مزید 3»), so an oversized answer loses its tail, never its core.
//
// Importance, least first: suggestions; continuation fields (a long field split over several);
// fields after the first three (counter-accusations, timeline, victims…); sources; the
// description; the first three fields (accused, accused by, denied). Title and footer last.
import { embedLength, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Lang } from '../../i18n/lang.ts';
import { moreLabel, t } from '../../i18n/labels.ts';
import type { Reply, ReplyKind, ReplySource, Suggestion } from '../../reply/model.ts';
import { embed, LRI, ltrLine, PDI, RLM } from '../../i18n/bidi.ts';
import { cutText, linkUrl, safeField, safeLine, safePlain } from './render-text.ts';

export const CONTENT_MAX = 2000;
export const TITLE_MAX = 256;
export const DESCRIPTION_MAX = 4096;
export const FIELDS_MAX = 25;
export const FIELD_NAME_MAX = 256;
export const FIELD_VALUE_MAX = 1024;
export const FOOTER_MAX = 2048;
export const EMBED_TOTAL_MAX = 6000;

export interface DiscordReplyPayload {
  content?: string;
  embeds: APIEmbed[];
  allowedMentions: { parse: [] };
  ephemeral: boolean;
}

/** Room kept free in every part for the "… 3 more" line that trimming may add later. */
const MARKER_ROOM = 24;
/** How many fields count as the core of an answer (accused, accused by, denied). */
const CORE_FIELDS = 3;
/** Parts ranked at least this (the description, the core fields) are cut, never dropped. */
const CORE_RANK = 80;
const SOURCE_TITLE_MAX = 200;
const SOURCE_PUBLISHER_MAX = 100;

const COLORS: Record<ReplyKind, number> = {
  incident: 0x5865f2,
  actor: 0x5865f2,
  week: 0x3ba55c,
  help: 0x99aab5,
  'not-found': 0xfaa61a,
  usage: 0xfaa61a,
  error: 0xed4245,
};

// «بقیہ» is how Urdu papers mark the rest of an item; «جاری» would read as "ongoing".
const CONTINUED: Record<Lang, string> = { en: 'continued', ur: 'بقیہ' };

/** A part of the embed that trimming can shorten: the description or one field. */
interface Block {
  /** Field name; undefined for the description. */
  name?: string;
  lines: string[];
  /** Lines already dropped from this part (shown as a marker). */
  hidden: number;
  /** Lower is trimmed first. */
  rank: number;
  /** Lines it keeps before it is trimmed further by cutting characters; 0: may vanish. */
  minLines: number;
  cap: number;
  /** The previous piece of the same field, which takes over this one's marker if it goes. */
  prev?: Block;
}

export function renderDiscord(reply: Reply): DiscordReplyPayload {
  const rtl = reply.dir === 'rtl';
  const line = (text: string, marker = '') => safeLine(text, rtl, marker);
  const more = (n: number) => line(`… ${moreLabel(n, reply.lang)}`);

  const title = cutText(line(reply.title) || 'ilzam', TITLE_MAX);
  const footer = reply.footer ? cutText(safePlain(reply.footer, rtl), FOOTER_MAX) : undefined;

  const blocks: Block[] = [];
  if (reply.description) {
    blocks.push(descriptionBlock(reply.description.split('\n').map((l) => line(l))));
  }
  reply.fields.forEach((field, i) => {
    const lines = field.lines.length ? field.lines.map((l) => line(l, field.lines.length > 1 ? '• ' : '')) : ['—'];
    const rank = i < CORE_FIELDS ? 90 - i * 0.01 : 60 - i * 0.01;
    blocks.push(...fieldBlocks(line(field.label), lines, rank, 1, reply.lang));
  });
  if (reply.sources.length) {
    const lines = reply.sources.map((s, i) => sourceLine(s, i, reply.lang));
    blocks.push(...fieldBlocks(line(t('sources', reply.lang)), lines, 70, 1, reply.lang));
  }
  if (reply.suggestions.length) {
    const label = line(reply.suggestionsLabel ?? t('didYouMean', reply.lang));
    blocks.push(...fieldBlocks(label, reply.suggestions.map((s) => suggestionLine(s, rtl)), 10, 0, reply.lang));
  }

  dropExtraFields(blocks);
  const build = () => buildEmbed(reply.kind, title, blocks, footer, more);
  for (let excess = embedLength(build()) - EMBED_TOTAL_MAX; excess > 0 && shrink(blocks, excess); ) {
    excess = embedLength(build()) - EMBED_TOTAL_MAX;
  }
  const embed = hardFit(build());
  return { embeds: [embed], allowedMentions: { parse: [] }, ephemeral: reply.ephemeral };
}

/**
 * "1. [Title](url) — Publisher, 24 May 2023" / «1. [Title](url) — Publisher، 24 مئی 2023», the
 * title as plain text when there is no safe URL. Title and publisher are fields: each is
 * isolated whole when its script differs from the line's, so an English headline keeps its
 * order inside an Urdu line.
 */
function sourceLine(source: ReplySource, index: number, lang: Lang): string {
  const rtl = lang === 'ur';
  const field = (text: string, max: number) => safeField(embed(cutText(text, max), lang));
  const title = field(source.title, SOURCE_TITLE_MAX);
  const url = linkUrl(source.url);
  const publisher = field(source.publisher, SOURCE_PUBLISHER_MAX);
  const date = source.date ? `${rtl ? '، ' : ', '}${safeField(source.date)}` : '';
  const hasTitle = source.title && source.title !== source.url && source.title !== source.publisher;
  const text = hasTitle ? title : publisher;
  const linked = url ? `[${text}](${url})` : text;
  const line = `${index + 1}. ${linked}${hasTitle ? ` — ${publisher}` : ''}${date}`;
  // An RLM in front keeps an Urdu line right to left (and from being read as a markdown list);
  // an English line gets an LRM only when an Urdu headline would come first.
  return rtl ? RLM + line : ltrLine(line);
}

function suggestionLine(s: Suggestion, rtl: boolean): string {
  // Ids are slugs; show them as code to copy, unless one ever holds a character code spans can't.
  const code = /^[\w.:-]{1,100}$/.test(s.value);
  const value = code ? `\`${s.value}\`` : safeField(s.value);
  return `${safeLine(s.label, rtl, '• ')} — ${rtl ? LRI + value + PDI : value}`;
}

/** The description: lines in order while they fit; the rest are counted for the marker. */
function descriptionBlock(lines: string[]): Block {
  const room = DESCRIPTION_MAX - MARKER_ROOM;
  const block: Block = { lines: [], hidden: 0, rank: 80, minLines: 1, cap: DESCRIPTION_MAX };
  let size = 0;
  for (const raw of lines) {
    const l = cutText(raw, room);
    const added = l.length + (block.lines.length ? 1 : 0);
    if (block.hidden || size + added > room) block.hidden += 1;
    else {
      block.lines.push(l);
      size += added;
    }
  }
  return block;
}

/**
 * A field as one or more pieces of at most FIELD_VALUE_MAX (less the marker room); a single
 * line longer than that is cut. Pieces after the first ("Timeline (continued)") rank below
 * every first piece, later ones lower, so a long field loses its tail before anything else.
 */
function fieldBlocks(name: string, lines: string[], rank: number, minLines: number, lang: Lang): Block[] {
  const room = FIELD_VALUE_MAX - MARKER_ROOM;
  const headName = cutText(name, FIELD_NAME_MAX) || '\u200B';
  const restName = cutText(`${name} (${CONTINUED[lang]})`, FIELD_NAME_MAX);
  const blocks: Block[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    if (!current.length) return;
    const prev = blocks[blocks.length - 1];
    const piece = prev
      ? { name: restName, rank: Math.min(rank, 20 + rank / 10) - blocks.length * 0.01, minLines: 0 }
      : { name: headName, rank, minLines };
    blocks.push({ ...piece, lines: current, hidden: 0, cap: FIELD_VALUE_MAX, prev });
    current = [];
    size = 0;
  };
  for (const raw of lines) {
    const l = cutText(raw, room);
    if (size + l.length + (current.length ? 1 : 0) > room) flush();
    size += l.length + (current.length ? 1 : 0);
    current.push(l);
  }
  flush();
  return blocks;
}

function valueOf(block: Block, more: (n: number) => string): string {
  const lines = block.hidden ? [...block.lines, more(block.hidden)] : block.lines;
  return cutText(lines.join('\n'), block.cap) || '—';
}

function buildEmbed(kind: ReplyKind, title: string, blocks: Block[], footer: string | undefined, more: (n: number) => string): APIEmbed {
  const description = blocks.find((b) => b.name === undefined);
  const fields: APIEmbedField[] = blocks.filter((b) => b.name !== undefined).map((b) => ({ name: b.name!, value: valueOf(b, more), inline: false }));
  const embed: APIEmbed = { title, color: COLORS[kind], fields };
  if (description) embed.description = valueOf(description, more);
  if (footer) embed.footer = { text: footer };
  return embed;
}

/** Removes a block, handing its line count to the piece before it for the marker. */
function remove(blocks: Block[], block: Block): void {
  blocks.splice(blocks.indexOf(block), 1);
  if (block.prev && blocks.includes(block.prev)) block.prev.hidden += block.lines.length + block.hidden;
}

function dropExtraFields(blocks: Block[]): void {
  const fieldCount = () => blocks.filter((b) => b.name !== undefined).length;
  while (fieldCount() > FIELDS_MAX) {
    const lowest = blocks.filter((b) => b.name !== undefined).reduce((a, b) => (b.rank < a.rank ? b : a));
    remove(blocks, lowest);
  }
}

/**
 * Drops lines from the end of the least important part that can spare any, as many as the
 * excess calls for. When every part is down to its last line (only absurd data gets here),
 * drops a whole part outside the core instead. False when nothing is left to drop.
 */
function shrink(blocks: Block[], excess: number): boolean {
  const lowest = (list: Block[]) => list.reduce((a, b) => (b.rank < a.rank ? b : a));
  const spare = blocks.filter((b) => b.lines.length > Math.max(b.minLines, 1) || b.minLines === 0);
  if (spare.length) {
    const block = lowest(spare);
    let saved = 0;
    while (saved < excess && block.lines.length > Math.max(block.minLines, 1)) {
      saved += block.lines.at(-1)!.length + 1;
      block.lines = block.lines.slice(0, -1);
      block.hidden += 1;
    }
    if (saved < excess && block.minLines === 0) remove(blocks, block);
    return true;
  }
  const outsideCore = blocks.filter((b) => b.rank < CORE_RANK);
  if (!outsideCore.length) return false;
  remove(blocks, lowest(outsideCore));
  return true;
}

/**
 * The last resort, when even the core in one line per part is too much: cut the longest texts
 * down to a common length (water-filling) so that the embed fits. Only absurd data gets here.
 */
function hardFit(embed: APIEmbed): APIEmbed {
  const excess = embedLength(embed) - EMBED_TOTAL_MAX;
  if (excess > 0) {
    const slots: { get: () => string; set: (v: string) => void }[] = [
      { get: () => embed.description ?? '', set: (v) => (embed.description = v) },
      ...(embed.fields ?? []).flatMap((f) => [
        { get: () => f.value, set: (v: string) => (f.value = v || '—') },
        { get: () => f.name, set: (v: string) => (f.name = v || '\u200B') },
      ]),
      { get: () => embed.footer?.text ?? '', set: (v) => (embed.footer = { text: v }) },
      { get: () => embed.title ?? '', set: (v) => (embed.title = v || 'ilzam') },
    ];
    const lengths = slots.map((s) => s.get().length);
    // The highest level L at which cutting everything longer than L to L saves enough.
    let low = 0;
    let high = Math.max(...lengths);
    while (low < high) {
      const level = Math.ceil((low + high) / 2);
      const saved = lengths.reduce((n, len) => n + Math.max(0, len - level), 0);
      if (saved >= excess) low = level;
      else high = level - 1;
    }
    slots.forEach((slot, i) => {
      if (lengths[i]! > low) slot.set(cutText(slot.get(), Math.max(1, low)));
    });
  }
  if (!embed.footer?.text) delete embed.footer;
  if (!embed.description) delete embed.description;
  return embed;
}
