// The local console bot: the default when no platform is configured. Interactive on a
// terminal (with a prompt), or line by line from a pipe, exiting at end of input:
//   echo "/incident volt typhoon" | npm start
// A line without a leading slash is taken as an incident query, as a person would expect.
// Lines are answered one at a time, in order, whatever their speed.
import { createInterface } from 'node:readline';
import { LOCAL_CALLER, type Bot } from '../../core/bot.ts';
import { parseCommandText, splitCommandLine } from '../../core/parse-text.ts';
import { renderTerminal, type TerminalOptions } from './render.ts';

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

export function runConsole(bot: Bot, opts: ConsoleOptions = {}): Promise<void> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const interactive = opts.interactive ?? Boolean((input as NodeJS.ReadStream).isTTY);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  if (interactive) {
    output.write('ilzam (الزام): try /incident volt typhoon, /actor fancy bear, /week, /help. Ctrl+D to quit.\n');
    rl.setPrompt('ilzam> ');
    rl.prompt();
  }
  // SIGTERM or SIGINT (a process manager, Ctrl+C on a pipe) ends the console like end of input:
  // the line being answered is finished, then it exits.
  const stop = () => rl.close();
  process.once('SIGTERM', stop);
  if (!interactive) process.once('SIGINT', stop);
  return new Promise((resolve) => {
    let queue = Promise.resolve();
    let closed = false;
    rl.on('line', (line) => {
      if (interactive && /^\s*(exit|quit|\/exit|\/quit)\s*$/i.test(line)) {
        rl.close();
        return;
      }
      queue = queue.then(async () => {
        const answer = await answerLine(bot, line, opts);
        if (answer) output.write(`${answer}\n\n`);
        if (interactive && !closed) rl.prompt();
      });
    });
    rl.on('close', () => {
      closed = true;
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      void queue.then(() => resolve());
    });
  });
}
