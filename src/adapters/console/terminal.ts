// Writing to a terminal safely. Whatever reaches stdout or stderr, from a reply, the data or an
// error message that quotes what was typed, goes through terminalText: a terminal acts on
// control characters (ESC starts a sequence that can retitle the window or rewrite the screen;
// CSI is one byte in C1), so none gets through but tab and newline, and text that is not
// well-formed Unicode is mended first.
import { wellFormed } from '../../text/clean.ts';

const TERMINAL_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Text a terminal only prints: no control character but tab and newline, no unpaired surrogate. */
export function terminalText(text: string): string {
  return wellFormed(text).replace(TERMINAL_CONTROLS, '');
}

/**
 * JSON for a terminal: JSON.stringify escapes C0 and unpaired surrogates, but leaves DEL and C1
 * as they are; those are escaped too, so the output is the same JSON, inert.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007F-\u009F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A reader that went away (`| head`): EPIPE on a write. Not an error for a console; the end of it. */
export function isBrokenPipe(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'EPIPE';
}
