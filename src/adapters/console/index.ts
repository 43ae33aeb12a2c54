// The local console bot: the default when no platform is configured. Interactive on a
// terminal (with a prompt), or line by line from a pipe, exiting at end of input:
//   echo "/incident volt typhoon" | npm start
// A line without a leading slash is taken as an incident query, as a person would expect.
// Lines are answered one at a time, in order, whatever their speed.
//
// A pipe is read by readLines, which never holds more than MAX_LINE_BYTES of a line: a longer
// one is refused with one line, and the next is answered. When the reader of stdout goes away
// (`npm start | head -2`), the console stops quietly. Everything written goes through
// terminalText, so nothing typed or stored can reach the terminal as a control sequence.
import { createInterface } from 'node:readline';
import { LOCAL_CALLER, type Bot } from '../../core/bot.ts';
import { parseCommandText, splitCommandLine } from '../../core/parse-text.ts';
import type { Lang } from '../../i18n/lang.ts';
import { readLines } from './lines.ts';
import { renderTerminal, type TerminalOptions } from './render.ts';
import { isBrokenPipe, terminalText } from './terminal.ts';

/** Longer than any command anyone types; a longer line is refused, never held whole. */
export const MAX_LINE_BYTES = 64 * 1024;

export interface ConsoleOptions extends TerminalOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  interactive?: boolean;
}

/** Answers one typed line; undefined for a blank line. */
export async function answerLine(bot: Bot, line: string, options: TerminalOptions = {}): Promise<string | undefined> {
  if (!line.trim()) return undefined;
  const parsed = splitCommandLine(line) ?? { name: 'incident', text: line.trim() };
  const command = bot.commands.find(parsed.name);
  const reply = command ? await bot.run(command, parseCommandText(command, parsed.text), LOCAL_CALLER) : bot.unknownCommand(parsed.name);
  return renderTerminal(reply, options);
}

/** The answer to a line over the limit, in the bot's language. */
export function tooLongLine(bytes: number, lang: Lang): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return lang === 'ur'
    ? `یہ سطر بہت طویل ہے (${n(bytes)} بائٹ)؛ حد ${n(MAX_LINE_BYTES)} بائٹ ہے۔ اس پر کوئی کارروائی نہیں کی گئی۔`
    : `That line is too long (${n(bytes)} bytes); the limit is ${n(MAX_LINE_BYTES)}. Nothing was done with it.`;
}

export async function runConsole(bot: Bot, opts: ConsoleOptions = {}): Promise<void> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const interactive = opts.interactive ?? Boolean((input as NodeJS.ReadStream).isTTY);
  let gone = false;
  const onError = (err: unknown) => {
    // The reader went away: nobody is left to answer. Anything else is a real failure.
    if (!isBrokenPipe(err)) throw err;
    gone = true;
  };
  output.on('error', onError);
  const write = (text: string) => {
    if (!gone) output.write(terminalText(text));
  };
  // SIGTERM or SIGINT on a pipe (a process manager, a container's stop) ends the console like end
  // of input: the line being answered is finished, the input is closed, and it returns.
  let stopped = false;
  const stopReading = () => {
    stopped = true;
    (input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  };
  if (!interactive) {
    process.once('SIGTERM', stopReading);
    process.once('SIGINT', stopReading);
  }
  try {
    if (interactive) await interactiveConsole(bot, input, output, write, () => gone, opts);
    else {
      for await (const line of readLines(input as AsyncIterable<Buffer | string>, MAX_LINE_BYTES)) {
        const answer = 'tooLong' in line ? tooLongLine(line.tooLong, bot.config.defaultLang) : await answerLine(bot, line.text, opts);
        if (answer) write(`${answer}\n\n`);
        // Leaving the loop stops reading (and closes the input), so the writer upstream ends too.
        if (gone || stopped) break;
      }
    }
  } catch (err) {
    // Destroying the input on a signal ends its iterator with "premature close": that is the stop asked for.
    if (!(stopped && (err as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE')) throw err;
  } finally {
    process.off('SIGTERM', stopReading);
    process.off('SIGINT', stopReading);
    output.off('error', onError);
    // A late EPIPE (the last write's) must not become an unhandled error either.
    if (gone) output.on('error', () => undefined);
  }
}

function interactiveConsole(bot: Bot, input: NodeJS.ReadableStream, output: NodeJS.WritableStream, write: (text: string) => void, gone: () => boolean, opts: TerminalOptions): Promise<void> {
  const rl = createInterface({ input, output, terminal: true });
  write('ilzam (الزام): try /incident volt typhoon, /actor fancy bear, /week, /help. Ctrl+D to quit.\n');
  rl.setPrompt('ilzam> ');
  rl.prompt();
  return new Promise((resolve) => {
    let queue = Promise.resolve();
    let closed = false;
    rl.on('line', (line) => {
      if (/^\s*(exit|quit|\/exit|\/quit)\s*$/i.test(line)) {
        rl.close();
        return;
      }
      queue = queue.then(async () => {
        const bytes = Buffer.byteLength(line);
        const answer = bytes > MAX_LINE_BYTES ? tooLongLine(bytes, bot.config.defaultLang) : await answerLine(bot, line, opts);
        if (answer) write(`${answer}\n\n`);
        if (gone()) rl.close();
        else if (!closed) rl.prompt();
      });
    });
    // SIGTERM (a process manager) ends the console like end of input.
    const stop = () => rl.close();
    process.once('SIGTERM', stop);
    rl.on('close', () => {
      closed = true;
      process.off('SIGTERM', stop);
      void queue.then(() => resolve());
    });
  });
}
