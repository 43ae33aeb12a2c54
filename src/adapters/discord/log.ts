// Logging for the Discord adapter. Errors from discord.js carry request URLs, and interaction
// and webhook URLs embed a token that can post as the bot for 15 minutes, so every line goes
// through redact(), which also removes the bot token should anything ever echo it.
import { DiscordAPIError, HTTPError } from 'discord.js';
import { redact as redactWith } from '../redact.ts';

export type Logger = (line: string) => void;

export const consoleLogger: Logger = (line) => console.error(line);

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

export function makeLog(logger: Logger, secrets: readonly string[]) {
  return (message: string, err?: unknown) => logger(redact(`[ilzam] discord: ${message}${err === undefined ? '' : `: ${describeError(err)}`}`, secrets));
}

export type Log = ReturnType<typeof makeLog>;
