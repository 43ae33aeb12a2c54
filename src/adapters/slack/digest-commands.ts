// The daily digest's commands on Slack: /ilzam-subscribe [lang] [time] [zone],
// /ilzam-unsubscribe, /ilzam-subscriptions, and the same as /ilzam subscribe … . Slack passes
// the options as free text, so "lang:ur time:21:30 zone:Europe/London" and the shorter
// "ur 21:30 Europe/London" both work.
import { parseLang } from '../../i18n/lang.ts';
import { digestUnavailableReply, type DigestCommand, type DigestRequest, type SubscribeOptions, type SubscriptionService } from '../../digest/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { Reply } from '../../reply/model.ts';
import { SLACK_COMMAND_PREFIX } from './command-names.ts';

const DIGEST_COMMANDS: readonly string[] = ['subscribe', 'unsubscribe', 'subscriptions'] satisfies DigestCommand[];

/** The digest command a slash command asks for, and the text after it; undefined for any other command. */
export function resolveDigestCommand(slashCommand: string, text: string): { command: DigestCommand; text: string } | undefined {
  const name = slashCommand.trim().replace(/^\//, '').toLowerCase();
  if (name === SLACK_COMMAND_PREFIX) {
    const [first = '', ...rest] = text.trim().split(/\s+/);
    const sub = first.replace(/^\//, '').toLowerCase();
    return DIGEST_COMMANDS.includes(sub) ? { command: sub as DigestCommand, text: rest.join(' ') } : undefined;
  }
  const stripped = name.replace(new RegExp(`^${SLACK_COMMAND_PREFIX}[-_]`), '');
  return DIGEST_COMMANDS.includes(stripped) ? { command: stripped as DigestCommand, text } : undefined;
}

const NAMED = /^(lang|time|zone)[:=](.*)$/i;
const STARTS_WITH_DIGIT = /^[\d\u06F0-\u06F9\u0660-\u0669]/;

/**
 * lang:, time: and zone: anywhere; a bare language word is the language, a bare word starting
 * with a digit the time, and the other words the zone ("America/New York" has a space). The
 * values are checked by the service, which answers a bad one with an example.
 */
export function parseSubscribeText(text: string): SubscribeOptions {
  const options: SubscribeOptions = {};
  const zoneWords: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const named = NAMED.exec(word);
    if (named) options[named[1]!.toLowerCase() as keyof SubscribeOptions] = named[2];
    else if (options.lang === undefined && readLang(word)) options.lang = word;
    else if (options.time === undefined && STARTS_WITH_DIGIT.test(word)) options.time = word;
    else zoneWords.push(word);
  }
  if (zoneWords.length) options.zone = [options.zone, ...zoneWords].filter(Boolean).join(' ');
  return options;
}

export interface SlackDigestContext {
  service: SubscriptionService | undefined;
  /** Workspace admin, owner, or listed in SLACK_DIGEST_ADMINS. */
  isAdmin(user: string): Promise<boolean>;
  defaultLang: Lang;
}

/** What Slack tells us about the command. */
export interface SlackCommandSource {
  channel_id: string;
  team_id?: string;
  user_id: string;
}

/** The answer to one digest command; the service makes every answer ephemeral. */
export async function answerDigestCommand(command: DigestCommand, text: string, source: SlackCommandSource, ctx: SlackDigestContext): Promise<Reply> {
  const options = parseSubscribeText(text);
  const lang = readLang(options.lang);
  if (!ctx.service) return digestUnavailableReply(lang ?? ctx.defaultLang);
  const req: DigestRequest = {
    platform: 'slack',
    channel: source.channel_id,
    workspace: source.team_id || undefined,
    user: source.user_id,
    isAdmin: await ctx.isAdmin(source.user_id),
    lang,
  };
  switch (command) {
    case 'subscribe':
      return ctx.service.subscribe(req, options);
    case 'unsubscribe':
      return ctx.service.unsubscribe(req);
    case 'subscriptions':
      return ctx.service.list(req);
  }
}

function readLang(word: string | undefined): Lang | undefined {
  try {
    return parseLang(word);
  } catch {
    return undefined;
  }
}
