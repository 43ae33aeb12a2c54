// The local console bot: the default when no platform token is set. Interactive on a
// terminal (with a prompt), or line by line from a pipe, exiting at end of input:
//   echo "/incident volt typhoon" | npm start
// A line without a leading slash is taken as an incident query, as a person would expect.
import { createInterface } from 'node:readline';
import type { Bot } from '../../core/bot.ts';
import { parseOptionsText, splitCommandLine } from '../../core/parse-text.ts';
import { findCommand } from '../../../commands/index.ts';
import { renderTerminal } from './render.ts';

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  interactive?: boolean;
}

/** Answers one typed line; undefined for a blank line. */
export function answerLine(bot: Bot, line: string): string | undefined {
  if (!line.trim()) return undefined;
  const parsed = splitCommandLine(line) ?? { name: 'incident', text: line.trim() };
  const command = findCommand(parsed.name);
  const reply = command ? bot.execute(command.name, parseOptionsText(command, parsed.text)) : bot.unknownCommand(parsed.name);
  return renderTerminal(reply);
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
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      if (interactive && /^\s*(exit|quit|\/exit|\/quit)\s*$/i.test(line)) {
        rl.close();
        return;
      }
      const answer = answerLine(bot, line);
      if (answer) output.write(`${answer}\n\n`);
      if (interactive) rl.prompt();
    });
    rl.on('close', () => resolve());
  });
}
