// Text commands, as typed in the terminal or in a Slack slash command's text:
//   /incident volt typhoon lang:ur      /week date:2024-05-24      /actor apt 28 --lang en
// key:value (or --key value) pairs for the command's named options may stand anywhere; the
// other words form the command's main text option.
import type { Command, CommandInput } from './command.ts';

export function parseOptionsText(command: Command, text: string): CommandInput {
  const input: CommandInput = {};
  const named = new Set(command.options.map((o) => o.name));
  const main = command.options.find((o) => o.kind === 'text');
  const rest: string[] = [];
  const tokens = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const kv = /^([a-z]+)[:=](.*)$/i.exec(token);
    const flag = /^--([a-z]+)$/i.exec(token);
    if (kv && named.has(kv[1]!.toLowerCase()) && kv[1]!.toLowerCase() !== main?.name) {
      input[kv[1]!.toLowerCase()] = kv[2];
    } else if (flag && named.has(flag[1]!.toLowerCase())) {
      const name = flag[1]!.toLowerCase();
      const option = command.options.find((o) => o.name === name)!;
      if (option.kind === 'flag') input[name] = 'true';
      else input[name] = tokens[++i] ?? '';
    } else {
      rest.push(token);
    }
  }
  if (main && rest.length) input[main.name] = rest.join(' ');
  return input;
}

/** A command's options from free text: its own parser when it has one, else parseOptionsText. */
export function parseCommandText(command: Command, text: string): CommandInput {
  return command.parseText ? command.parseText(text) : parseOptionsText(command, text);
}

export interface ParsedLine {
  name: string;
  text: string;
}

/** Splits "/name rest" ; returns undefined for a line that is not a command. */
export function splitCommandLine(line: string): ParsedLine | undefined {
  const m = /^\s*\/(\S*)\s*([\s\S]*)$/.exec(line);
  if (!m) return undefined;
  return { name: m[1]!.toLowerCase(), text: m[2]!.trim() };
}
