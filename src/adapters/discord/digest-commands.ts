// /subscribe [lang] [time] [zone], /unsubscribe and /subscriptions on Discord: their command
// definitions (registered by npm run deploy:discord with the others) and how an interaction
// becomes a call to the SubscriptionService.
//
// Who may use them: members with Manage Server. default_member_permissions hides the commands
// from everyone else, but a server can grant them to other roles under Integrations, so the
// permission is checked again on every use.
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
import { parseLang } from '../../i18n/lang.ts';
import { digestUnavailableReply, type DigestCommand, type DigestRequest, type SubscriptionService } from '../../digest/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { Reply } from '../../reply/model.ts';
import { CHOICE_TEXT_MAX, CHOICES_MAX, type Choice } from './autocomplete.ts';
import { LANG_CHOICES } from './commands.ts';

const DIGEST_COMMANDS: readonly DigestCommand[] = ['subscribe', 'unsubscribe', 'subscriptions'];

export function isDigestCommand(name: string): name is DigestCommand {
  return (DIGEST_COMMANDS as readonly string[]).includes(name);
}

const langOption: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.String,
  name: 'lang',
  description: 'Answer (and, for /subscribe, post) in English or Urdu',
  required: false,
  choices: [...LANG_CHOICES],
};

function adminCommand(name: DigestCommand, description: string, options: RESTPostAPIChatInputApplicationCommandsJSONBody['options']): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name,
    description,
    options,
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    // Subscriptions belong to a server's channels: never offered in DMs. contexts replaces the
    // deprecated dm_permission, which is left out rather than sent alongside.
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild],
  };
}

export function digestCommandsJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    adminCommand('subscribe', 'Post “This week in attribution” in this channel every day', [
      langOption,
      { type: ApplicationCommandOptionType.String, name: 'time', description: 'Time of day, 24-hour, e.g. 09:00 (the default) or 21:30', required: false, max_length: 10 },
      { type: ApplicationCommandOptionType.String, name: 'zone', description: 'Time zone, e.g. Asia/Karachi (default: the bot’s DIGEST_TZ)', required: false, max_length: 64, autocomplete: true },
    ]),
    adminCommand('unsubscribe', 'Stop the daily digest in this channel', [langOption]),
    adminCommand('subscriptions', 'The channels of this server that get the daily digest', [langOption]),
  ];
}

/** Who asks and where. Outside a server (should Discord ever send one) nobody is an admin. */
export function digestRequest(interaction: ChatInputCommandInteraction, lang: Lang | undefined): DigestRequest {
  return {
    platform: 'discord',
    channel: interaction.channelId,
    workspace: interaction.guildId ?? undefined,
    user: interaction.user.id,
    isAdmin: interaction.inGuild() && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
    lang,
  };
}

/** The answer to one digest command; the service makes every answer ephemeral. */
export async function runDigestCommand(interaction: ChatInputCommandInteraction, service: SubscriptionService | undefined, defaultLang: Lang): Promise<Reply> {
  const given = interaction.options.getString('lang') ?? undefined;
  const lang = readLang(given);
  if (!service) return digestUnavailableReply(lang ?? defaultLang);
  const req = digestRequest(interaction, lang);
  switch (interaction.commandName as DigestCommand) {
    case 'subscribe':
      return service.subscribe(req, { lang: given, time: interaction.options.getString('time') ?? undefined, zone: interaction.options.getString('zone') ?? undefined });
    case 'unsubscribe':
      return service.unsubscribe(req);
    case 'subscriptions':
      return service.list(req);
  }
}

/** The lang choice as the answer language; anything else is left to /subscribe to refuse. */
function readLang(given: string | undefined): Lang | undefined {
  try {
    return parseLang(given);
  } catch {
    return undefined;
  }
}

/** IANA zones for the zone option's autocomplete; ICU's list lacks the plain "UTC". */
const ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone')];
const POPULAR_ZONES = ['Asia/Karachi', 'UTC', 'Asia/Dubai', 'Europe/London', 'America/New_York', 'Asia/Riyadh', 'Asia/Calcutta', 'Europe/Berlin', 'America/Toronto'];

/** Zones containing what is typed ("new york" finds America/New_York), the ones it starts a segment of first. */
export function zoneChoices(typed: string, defaultZone: string): Choice[] {
  const wanted = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const names = wanted
    ? ZONES.filter((z) => z.toLowerCase().includes(wanted)).sort((a, b) => Number(startsSegment(b, wanted)) - Number(startsSegment(a, wanted)))
    : [...new Set([defaultZone, ...POPULAR_ZONES])];
  return names
    .filter((z) => z.length <= CHOICE_TEXT_MAX)
    .slice(0, CHOICES_MAX)
    .map((z) => ({ name: z, value: z }));
}

function startsSegment(zone: string, wanted: string): boolean {
  return zone.toLowerCase().split('/').some((part) => part.startsWith(wanted));
}
