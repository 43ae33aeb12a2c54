// The one list of commands. Startup code builds it from commands/ and hands it to the Bot;
// adapters resolve every command through it (by the name a platform sends, with or without a
// slash, in any case), and platform definitions and /help are derived from it.
import type { Command, CommandList } from './command.ts';

/** Discord's and Slack's rule for a command name, which every command must meet. */
const NAME = /^[a-z][a-z0-9-]{0,31}$/;

export class CommandRegistry implements CommandList {
  readonly #byName = new Map<string, Command>();

  constructor(commands: Iterable<Command>) {
    for (const command of commands) this.add(command);
  }

  /** Adds a command; a name that breaks the platforms' rules or is taken is a programming error. */
  add(command: Command): this {
    if (!NAME.test(command.name)) throw new Error(`command name "${command.name}" must be lowercase letters, digits and dashes`);
    if (this.#byName.has(command.name)) throw new Error(`command "${command.name}" is defined twice`);
    const names = new Set<string>();
    for (const option of command.options) {
      if (!NAME.test(option.name)) throw new Error(`option "${option.name}" of /${command.name} must be lowercase letters, digits and dashes`);
      if (names.has(option.name)) throw new Error(`option "${option.name}" of /${command.name} is defined twice`);
      names.add(option.name);
    }
    this.#byName.set(command.name, command);
    return this;
  }

  /** The command a typed or sent name means ("/Incident" finds incident); undefined if none. */
  find(name: string): Command | undefined {
    return this.#byName.get(name.trim().replace(/^\//, '').toLowerCase());
  }

  /** Every command, in the order help lists them. */
  list(): readonly Command[] {
    return [...this.#byName.values()];
  }

  [Symbol.iterator](): Iterator<Command> {
    return this.#byName.values();
  }
}
