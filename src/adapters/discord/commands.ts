// The slash commands as Discord sees them, built from the neutral command definitions: the one
// place both the running bot and the deploy script take them from, so they cannot drift.
//
// Discord offers no Urdu client locale, so there is nothing to put in description_localizations
// for Urdu: descriptions are English, and the lang choice itself reads "اردو".
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, CommandInput, OptionSpec } from '../../core/command.ts';
import { MAX_QUERY_LENGTH } from '../../text/clean.ts';

/** Discord's limit on command and option descriptions. */
const DESCRIPTION_MAX = 100;
/** Choice values are what the commands' lang parser accepts. */
export const LANG_CHOICES = [
  { name: 'English', value: 'en' },
  { name: 'اردو', value: 'ur' },
] as const;

function description(text: string): string {
  return text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;
}

function optionJSON(option: OptionSpec): APIApplicationCommandBasicOption {
  const base = { name: option.name, description: description(option.description.en), required: option.required ?? false };
  switch (option.kind) {
    case 'flag':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'lang':
      return { ...base, type: ApplicationCommandOptionType.String, choices: [...LANG_CHOICES] };
    case 'date':
      // No length limits: a malformed date gets the bot's own hint rather than Discord's error.
      return { ...base, type: ApplicationCommandOptionType.String };
    case 'text':
      // The cap only helps honest clients; typed input is cleaned and capped again by the core.
      return { ...base, type: ApplicationCommandOptionType.String, max_length: MAX_QUERY_LENGTH, autocomplete: option.autocomplete !== undefined };
  }
}

export function commandJSON(command: Command): RESTPostAPIChatInputApplicationCommandsJSONBody {
  // Discord rejects a required option after an optional one.
  const options = [...command.options].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: description(command.description.en),
    options: options.map(optionJSON),
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  };
}

export function discordCommands(commands: readonly Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map(commandJSON);
}

/**
 * The options of an interaction as the core's input: only the options the command defines
 * (anything else a client sends is ignored), every value as a string.
 */
export function commandInput(command: Command | undefined, options: readonly { name: string; value?: unknown }[]): CommandInput {
  const known = new Set(command?.options.map((o) => o.name));
  const input: CommandInput = {};
  for (const option of options) {
    if (!known.has(option.name)) continue;
    const value = option.value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') input[option.name] = String(value);
  }
  return input;
}
