// Every command the bot has, in the order help lists them.
import type { Command } from '../src/core/command.ts';
import { actor } from './actor.ts';
import { helpCommand } from './help.ts';
import { incident } from './incident.ts';
import { week } from './week.ts';

export const help = helpCommand(() => COMMANDS);

export const COMMANDS: Command[] = [incident, actor, week, help];

export function findCommand(name: string): Command | undefined {
  const wanted = name.trim().replace(/^\//, '').toLowerCase();
  return COMMANDS.find((c) => c.name === wanted);
}
