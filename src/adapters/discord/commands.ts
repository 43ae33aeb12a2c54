// The slash commands as Discord sees them, derived from the command registry: the one place
// both the running bot and the deploy script take them from, so they cannot drift. Also how
// an interaction becomes the core's input and caller.
//
// Discord offers no Urdu client locale, so there is nothing to put in description_localizations
// for Urdu: descriptions are English, and the lang choice itself reads "اردو".
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Caller, Command, CommandInput, OptionSpec, PlatformWords } from '../../core/command.ts';
import type { CommandRegistry } from '../../core/command-registry.ts';
import { cutText, MAX_QUERY_LENGTH } from '../../text/clean.ts';

/** Discord's limit on command and option descriptions. */
const DESCRIPTION_MAX = 100;
/** Choice values are what the core's lang parser accepts. */
export const LANG_CHOICES = [
  { name: 'English', value: 'en' },
  { name: 'اردو', value: 'ur' },
] as const;

export const DISCORD_WORDS: PlatformWords = {
  workspace: { en: 'server', ur: 'سرور' },
  whoIsAdmin: {
    en: 'This needs the Manage Server permission.',
    ur: 'اس کے لیے Manage Server کی اجازت درکار ہے۔',
  },
};

function optionJSON(option: OptionSpec): APIApplicationCommandBasicOption {
  const base = { name: option.name, description: cutText(option.description.en, DESCRIPTION_MAX), required: option.required ?? false };
  const autocomplete = option.autocomplete !== undefined;
  switch (option.kind) {
    case 'flag':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'lang':
      return { ...base, type: ApplicationCommandOptionType.String, choices: [...LANG_CHOICES] };
    case 'date':
    case 'time':
    case 'zone':
      // Loose limits: a malformed value gets the bot's own hint rather than Discord's error.
      return { ...base, type: ApplicationCommandOptionType.String, ...(option.maxLength ? { max_length: option.maxLength } : {}), autocomplete };
    case 'text':
      if (option.choices) return { ...base, type: ApplicationCommandOptionType.String, choices: option.choices.map((c) => ({ name: c.label.en, value: c.value })) };
      // The cap only helps honest clients; typed input is cleaned and capped again by the core.
      return { ...base, type: ApplicationCommandOptionType.String, max_length: option.maxLength ?? MAX_QUERY_LENGTH, autocomplete };
  }
}

/** One command's JSON: who may use it (default_member_permissions) and where (contexts) come from the command. */
export function commandJSON(command: Command): RESTPostAPIChatInputApplicationCommandsJSONBody {
  // Discord rejects a required option after an optional one.
  const options = [...command.options].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
  const inChannelOnly = (command.where ?? 'anywhere') === 'channel';
  const restricted = (command.access ?? 'everyone') !== 'everyone';
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: cutText(command.description.en, DESCRIPTION_MAX),
    options: options.map(optionJSON),
    // Hidden from members without Manage Server; a server can grant it to other roles under
    // Integrations, so the core checks the caller again on every use.
    ...(restricted ? { default_member_permissions: String(PermissionFlagsBits.ManageGuild) } : {}),
    integration_types: [ApplicationIntegrationType.GuildInstall],
    // contexts replaces the deprecated dm_permission, which is left out rather than sent alongside.
    contexts: inChannelOnly ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM],
  };
}

export function discordCommands(commands: CommandRegistry | readonly Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [...commands].map(commandJSON);
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

export interface DiscordRoles {
  /** Role ids whose members may review drafts besides members with Manage Server. */
  reviewerRoles?: readonly string[];
}

/** Who asks and where. Outside a server (a DM) nobody is an admin. */
export function discordCaller(interaction: ChatInputCommandInteraction, roles: DiscordRoles = {}): Caller {
  const inGuild = interaction.inGuild();
  const isAdmin = inGuild && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false);
  const memberRoles = inGuild && interaction.member && Array.isArray(interaction.member.roles) ? (interaction.member.roles as string[]) : [];
  const roleIds = memberRoles.length ? memberRoles : inGuild && interaction.member && !Array.isArray(interaction.member.roles) ? [...interaction.member.roles.cache.keys()] : [];
  return {
    platform: 'discord',
    workspace: interaction.guildId ?? undefined,
    channel: interaction.channelId,
    user: interaction.user.id,
    isAdmin,
    isReviewer: isAdmin || roleIds.some((r) => roles.reviewerRoles?.includes(r)),
    isDirect: !inGuild,
    commandName: (name) => `/${name}`,
    words: DISCORD_WORDS,
  };
}
