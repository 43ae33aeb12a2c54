// Logging for the Discord adapter, into the process's logger (src/log) unless a test hands in
// its own. Errors from discord.js carry request URLs, and interaction and webhook URLs embed a
// token that can post as the bot for 15 minutes, so every line goes through redact(), which
// also removes the bot token should anything ever echo it.
import { DiscordAPIError, HTTPError } from 'discord.js';
import { logFor } from '../../log/logger.ts';
import { redact as redactWith } from '../../log/redact.ts';

/** Where whole lines go instead of the process's logger (tests capture them). */
export type Logger = (line: string) => void;

/** Interaction and webhook tokens in URLs, and anything shaped like a bot token. */
const URL_TOKENS = /\/(interactions|webhooks)\/(\d+)\/[^/?#\s]+/g;
const BOT_TOKEN_SHAPE = /[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}/g;

export function redact(text: string, secrets: readonly string[] = []): string {
  return redactWith(text, secrets, [BOT_TOKEN_SHAPE], '[token]').replace(URL_TOKENS, '/$1/$2/[token]');
}

/** One line about an error: status, Discord's code and message, method and route; no stack. */
export function describeError(err: unknown): string {
  if (err instanceof DiscordAPIError) return `${err.status} DiscordAPIError[${err.code}] ${err.message} (${err.method.toUpperCase()} ${pathOf(err.url)})`;
  if (err instanceof HTTPError) return `${err.status} ${err.message} (${err.method.toUpperCase()} ${pathOf(err.url)})`;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * log(message, err?) is info, or error with an error; log.warn for what may need a look;
 * log.debug for discord.js's own chatter (only to the process's logger, at LOG_LEVEL=debug).
 */
export function makeLog(logger: Logger | undefined, secrets: readonly string[]) {
  const shared = logFor('discord');
  const at =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, err?: unknown): void => {
      const text = redact(`${message}${err === undefined ? '' : `: ${describeError(err)}`}`, secrets);
      if (logger) logger(`[ilzam] discord: ${text}`);
      else shared[level](text);
    };
  return Object.assign((message: string, err?: unknown) => at(err === undefined ? 'info' : 'error')(message, err), {
    warn: at('warn'),
    debug: (message: string) => void (!logger && shared.debug(redact(message, secrets))),
    debugEnabled: () => !logger && shared.enabled('debug'),
  });
}

export type Log = ReturnType<typeof makeLog>;
