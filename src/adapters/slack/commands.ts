// Slack's slash commands, derived from the command registry. Names are workspace-wide and
// shared by every installed app, and "/incident" in particular belongs to incident-management
// tools, so ours carry the bot's name:
//   /ilzam-incident <text>   /ilzam-actor <text>   /ilzam-week   /ilzam-help   …
//   /ilzam <command> <text>   (one command to remember; a bare query is an incident)
// Slack only sends us commands registered for this app, so an admin who renames them in the
// manifest (even back to /incident) needs no code change: any name is resolved.
import type { App, Logger, SlashCommand } from '@slack/bolt';
import type { Bot } from '../../core/bot.ts';
import type { Caller, Command, CommandInput, PlatformWords } from '../../core/command.ts';
import type { CommandRegistry } from '../../core/command-registry.ts';
import { parseCommandText } from '../../core/parse-text.ts';
import { apologyReply } from '../../reply/common.ts';
import type { Reply } from '../../reply/model.ts';
import { cutText } from '../../text/clean.ts';
import { describeSlackError, networkCause } from './errors.ts';
import type { InFlight } from '../in-flight.ts';
import { renderSlack, type SlackReplyPayload } from './render.ts';

export const SLACK_COMMAND_PREFIX = 'ilzam';

export const SLACK_WORDS: PlatformWords = {
  workspace: { en: 'workspace', ur: 'ورک اسپیس' },
  whoIsAdmin: {
    en: 'This is for workspace admins and owners, and the people the bot’s operator has allowed.',
    ur: 'یہ کام ورک اسپیس کے منتظمین اور مالکان، اور بوٹ چلانے والے کی جانب سے مجاز افراد کا ہے۔',
  },
};

/** How the user called us, so help and usage texts show the same form back. */
export type InvocationStyle = 'prefixed' | 'umbrella' | 'bare';

export interface ResolvedSlashCommand {
  /** The core command, or undefined for a name we do not know (answered with the list). */
  command: Command | undefined;
  /** The name as typed, without the slash, for the unknown-command reply. */
  name: string;
  text: string;
  style: InvocationStyle;
}

/** The slash commands this app registers: one per command of the registry, and /ilzam. */
export function slackCommandNames(commands: CommandRegistry): string[] {
  return [`/${SLACK_COMMAND_PREFIX}`, ...[...commands].map((c) => `/${SLACK_COMMAND_PREFIX}-${c.name}`)];
}

export function resolveSlashCommand(commands: CommandRegistry, slashCommand: string, text: string): ResolvedSlashCommand {
  const name = slashCommand.trim().replace(/^\//, '').toLowerCase();
  if (name === SLACK_COMMAND_PREFIX) {
    const [first = '', ...rest] = text.trim().split(/\s+/);
    const sub = commands.find(first);
    if (sub) return { command: sub, name: sub.name, text: rest.join(' '), style: 'umbrella' };
    // "/ilzam volt typhoon" is a query, as in the console; "/ilzam" alone (or with only
    // options, "/ilzam lang:ur") asks for help.
    const incident = commands.find('incident');
    const hasQuery = incident ? parseCommandText(incident, text).query !== undefined : false;
    return { command: hasQuery ? incident : commands.find('help'), name, text, style: 'umbrella' };
  }
  const stripped = name.replace(new RegExp(`^${SLACK_COMMAND_PREFIX}[-_]`), '');
  return { command: commands.find(stripped), name, text, style: stripped === name ? 'bare' : 'prefixed' };
}

/** "/incident" as the user should type it in this workspace. */
export function slackCommandName(core: string, style: InvocationStyle): string {
  if (style === 'umbrella') return `/${SLACK_COMMAND_PREFIX} ${core}`;
  if (style === 'prefixed') return `/${SLACK_COMMAND_PREFIX}-${core}`;
  return `/${core}`;
}

/** Slack sends command text with &, < and > as entities; the core wants what was typed. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A usage hint for the manifest: "volt typhoon [lang:ur] [--detail]". */
function usageHint(command: Command): string {
  const parts = command.options.map((o) => {
    if (o.kind === 'text') return command.examples.en.find(Boolean) ?? o.name;
    if (o.kind === 'flag') return `[--${o.name}]`;
    if (o.kind === 'lang') return '[lang:ur]';
    const example = command.examples.en.join(' ').match(new RegExp(`\\b${o.name}:\\S+`))?.[0];
    return `[${example ?? `${o.name}:…`}]`;
  });
  return cutText(parts.join(' '), 1000);
}

/** The manifest's slash_commands, generated from the registry (npm run manifest writes manifest.json). */
export function manifestSlashCommands(commands: CommandRegistry) {
  const names = [...commands].map((c) => c.name);
  return [
    {
      command: `/${SLACK_COMMAND_PREFIX}`,
      description: 'Any ilzam command (/ilzam incident …, /ilzam help), or just the name of an incident',
      usage_hint: cutText(`[${names.join('|')}] volt typhoon [lang:ur]`, 1000),
      should_escape: false,
    },
    ...[...commands].map((c) => ({
      command: `/${SLACK_COMMAND_PREFIX}-${c.name}`,
      description: cutText((c.access ?? 'everyone') === 'everyone' ? c.description.en : `${c.access === 'admin' ? 'Admins' : 'Reviewers'}: ${lowerFirst(c.description.en)}`, 100),
      usage_hint: usageHint(c),
      should_escape: false,
    })),
  ];
}

export interface SlackPeople {
  /** Workspace admin, owner, or listed in SLACK_DIGEST_ADMINS. Asked only for admin and reviewer commands. */
  isAdmin(user: string): Promise<boolean>;
  /** User ids in SLACK_REVIEWERS. */
  reviewers: readonly string[];
}

/** Who asks and where; the admin check (users.info) only when the command needs it. */
export async function slackCaller(source: Pick<SlashCommand, 'channel_id' | 'team_id' | 'user_id'>, command: Command | undefined, style: InvocationStyle, people: SlackPeople): Promise<Caller> {
  const access = command?.access ?? 'everyone';
  const isAdmin = access === 'everyone' ? false : await people.isAdmin(source.user_id);
  return {
    platform: 'slack',
    workspace: source.team_id || undefined,
    channel: source.channel_id,
    user: source.user_id,
    isAdmin,
    isReviewer: isAdmin || people.reviewers.includes(source.user_id),
    // Direct messages are the D… conversations; group DMs (G…) count as channels.
    isDirect: source.channel_id.startsWith('D'),
    commandName: (name) => slackCommandName(name, style),
    words: SLACK_WORDS,
  };
}

/** The answer to one slash command, rendered; never throws. */
export async function answerSlashCommand(bot: Bot, command: Pick<SlashCommand, 'command' | 'text' | 'channel_id' | 'team_id' | 'user_id'>, people: SlackPeople): Promise<SlackReplyPayload> {
  const text = unescapeSlackText(command.text ?? '');
  const resolved = resolveSlashCommand(bot.commands, command.command, text);
  const caller = await slackCaller(command, resolved.command, resolved.style, people);
  let reply: Reply;
  if (!resolved.command) reply = bot.unknownCommand(resolved.name, caller);
  else {
    const input: CommandInput = parseCommandText(resolved.command, resolved.text);
    reply = await bot.run(resolved.command, input, caller);
  }
  return renderSlack(reply);
}

/** Who may do what, for one request: its context carries the workspace's bot token in public distribution. */
export type SlackPeopleFor = (context: { botToken?: string }) => SlackPeople;

export function registerCommands(app: App, bot: Bot, inFlight: InFlight, peopleFor: SlackPeopleFor): void {
  // Every command Slack routes to this app is ours; resolveSlashCommand sorts out which.
  // Ack first, empty, then answer through response_url with respond(): the ack is what Slack
  // times at 3 seconds, and response_url works in every conversation, including channels the
  // bot was never invited to and DMs, where chat.postMessage would fail with not_in_channel.
  app.command(/^\/.+/, async ({ command, ack, respond, logger, context }) => {
    await ack();
    const people = peopleFor(context);
    await inFlight.run(async () => {
      const payload = await answerSlashCommand(bot, command, people).catch((err: unknown) => {
        logFailure(logger, `${command.command} failed`, err);
        return renderSlack(apologyReply(bot.config.defaultLang));
      });
      try {
        await respond(payload);
      } catch (err) {
        // An expired or rate-limited response_url: the user sees nothing, we log why.
        logFailure(logger, `could not answer ${command.command}`, err);
      }
    });
  });
}

/** One line with Slack's error code, or the network error under a failed request; never the request or a token. */
function logFailure(logger: Logger, what: string, err: unknown): void {
  const network = networkCause(err);
  if (network) {
    logger.warn(`${what}: request_failed (${network.code}): ${network.message}`);
    return;
  }
  const cause = err instanceof Error && err.cause instanceof Error && err.cause.message ? ` (cause: ${err.cause.message})` : '';
  logger.warn(`${what}: ${describeSlackError(err).error}${err instanceof Error ? `: ${err.message}` : ''}${cause}`);
}
