// Making stored or typed text safe to show in a Discord embed. Everything in the reply model
// is plain text, so every markdown character is escaped (a stored "[x](evil)" stays literal),
// and mention syntax is broken with a zero-width space as a second line of defence behind
// allowedMentions (a copied message or a future content line must still ping nobody).
import { rtlLine } from '../../i18n/bidi.ts';
import { cutText } from '../../text/clean.ts';

const ZWSP = '\u200B';

// Bidi embeddings, overrides, isolates and marks, plus the Arabic letter mark: stored or typed
// ones could reorder the whole line, so they go before rtlLine adds its own.
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/g;
// C0/C1 controls except tab and newline, and the Unicode line/paragraph separators.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;

// Every character Discord markdown gives a meaning to inside a line. A backslash before any
// ASCII punctuation renders as the character itself.
const MARKDOWN = /[\\*_`~|>[\]()#]/g;
// At the start of a line only: list markers ("- ", "+ ", "1. ") and subtext ("-# ").
const LINE_START_LIST = /^(\s*)([-+])(?=\s|#)|^(\s*\d+)\.(?=\s)/;

/** Removes control and bidi characters and folds newlines to spaces: one clean line. */
export function plainLine(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(CONTROLS, ' ').replace(/[\r\n\t]+/g, ' ');
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
 * One line of reply text, ready for a markdown field of an embed: cleaned, laid out right to
 * left for Urdu (before escaping, so the isolates wrap the words and not the backslashes),
 * escaped, and with mentions broken.
 */
export function safeLine(text: string, rtl: boolean): string {
  const clean = plainLine(text);
  return neutralizeMentions(escapeMarkdown(rtl ? rtlLine(clean) : clean));
}

/** For places Discord shows as plain text (the footer): no escaping, or the backslashes show. */
export function safePlain(text: string, rtl: boolean): string {
  const clean = plainLine(text);
  return neutralizeMentions(rtl ? rtlLine(clean) : clean);
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

export { cutText };
