// Making stored or typed text safe to show in a Discord embed. Everything in the reply model
// is plain text, so every markdown character is escaped (a stored "[x](evil)" stays literal),
// and mention syntax is broken with a zero-width space as a second line of defence behind
// allowedMentions (a copied message or a future content line must still ping nobody).
import { closeIsolates, keepIsolates, ltrLine, rtlLine, stripBidi } from '../../i18n/bidi.ts';
import { cutText as cutPlain } from '../../text/clean.ts';

const ZWSP = '\u200B';

// C0/C1 controls except tab and newline, and the Unicode line/paragraph separators.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;

// Every character Discord markdown gives a meaning to inside a line. A backslash before any
// ASCII punctuation renders as the character itself.
const MARKDOWN = /[\\*_`~|>[\]()#]/g;
// At the start of a line only: list markers ("- ", "+ ", "1. ") and subtext ("-# ").
const LINE_START_LIST = /^(\s*)([-+])(?=\s|#)|^(\s*\d+)\.(?=\s)/;

/**
 * Removes control characters and every bidi mark, embedding and override, and folds newlines to
 * spaces: one clean line. The isolates a reply marks its fields with stay, balanced
 * (src/i18n/bidi.ts); pass `isolates: false` where nothing is laid out (autocomplete choices).
 */
export function plainLine(text: string, isolates = true): string {
  const line = text.replace(CONTROLS, ' ').replace(/[\r\n\t]+/g, ' ');
  return isolates ? keepIsolates(line) : stripBidi(line);
}

/** cutText that closes the isolates a cut left open, within the same limit. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = cutPlain(text, max);
  for (let room = max; closeIsolates(cut).length > max && room > 1; ) {
    room -= closeIsolates(cut).length - max;
    cut = cutPlain(text, Math.max(1, room));
  }
  return closeIsolates(cut);
}

/** Breaks @everyone, @here and <@id>, <@&id>, <#id>, </cmd:id> so they are only text. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(?=(?:everyone|here)\b)/gi, `@${ZWSP}`).replace(/<(?=[@#/:!&]|[at]:)/g, `<${ZWSP}`);
}

export function escapeMarkdown(line: string): string {
  return line
    .replace(MARKDOWN, '\\$&')
    .replace(LINE_START_LIST, (_m, indent: string | undefined, marker: string | undefined, num: string | undefined) =>
      num !== undefined ? `${num}\\.` : `${indent ?? ''}\\${marker}`,
    );
}

/**
 * One line of reply text, ready for a markdown field of an embed: cleaned, laid out for the
 * client, which gives each line the direction of its first strong character (an Urdu line
 * gets an RLM, its Latin fields stay isolated; an English line that would start with an Urdu
 * field gets an LRM), escaped (after the marks, so they wrap words and not backslashes), and
 * with mentions broken.
 */
export function safeLine(text: string, rtl: boolean, marker = ''): string {
  const clean = plainLine(text);
  return neutralizeMentions(escapeMarkdown(rtl ? rtlLine(clean, marker) : ltrLine(marker + clean)));
}

/** One field inside a line that safeLine's caller assembles (a source's title): cleaned and escaped, no line mark. */
export function safeField(text: string): string {
  return neutralizeMentions(escapeMarkdown(plainLine(text)));
}

/** For places Discord shows as plain text (the footer): no escaping, or the backslashes show. */
export function safePlain(text: string, rtl: boolean): string {
  const clean = plainLine(text);
  return neutralizeMentions(rtl ? rtlLine(clean) : ltrLine(clean));
}

/**
 * A URL fit for a markdown link: http(s) only, parentheses and spaces encoded so it cannot end
 * the link early; undefined when it is not a URL or is absurdly long.
 */
export function linkUrl(raw: string | undefined, maxLength = 512): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const href = url.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  return href.length <= maxLength ? href : undefined;
}

