// The bot's own configuration, from the environment only (dotenv fills it from a local .env
// first): language, time zone, state directory. Each platform reads its own settings
// (src/adapters/<platform>/config.ts). Secrets are kept out of anything printable.
import type { Lang } from './i18n/lang.ts';
import { isValidTimeZone } from './i18n/time.ts';
import { cleanText, cutText } from './text/clean.ts';

export interface CoreConfig {
  defaultLang: Lang;
  timeZone: string;
  /** The file backend's directory (ILZAM_STATE_DIR). */
  stateDir?: string;
  /** PostgreSQL, shared by every instance (DATABASE_URL); when set, the state directory is not used. */
  databaseUrl?: string;
  /** A schema of its own in that database (DATABASE_SCHEMA), default public. */
  databaseSchema?: string;
  /** ALERTS_PER_HOUR: instant alert posts a following channel may get in any 60 minutes (default 6). */
  alertsPerHour?: number;
  /** DATABASE_CONNECT_ATTEMPTS: tries to reach PostgreSQL at start before giving up (default 6). */
  databaseConnectAttempts?: number;
  /** DATABASE_CONNECT_DELAY_MS: the wait after the first failed try, doubled after each (default 500). */
  databaseConnectDelayMs?: number;
}

/** Instant alert posts a channel gets at most in any 60 minutes; the rest wait for the next one. */
export const DEFAULT_ALERTS_PER_HOUR = 6;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A variable's value, trimmed; undefined when unset or blank. */
export function envValue(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const v = env[key]?.trim();
  return v ? v : undefined;
}

/** A comma-separated list, blanks dropped. */
export function listValue(env: NodeJS.ProcessEnv, key: string): string[] {
  return (envValue(env, key) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A value that is not a secret, as an error message may quote it: cleaned (no escape sequence reaches a terminal) and short. */
export function shown(value: string, max = 40): string {
  return cutText(cleanText(value, max * 2), max);
}

/**
 * A token or secret: set (or undefined), without the copy-and-paste mistakes that would
 * otherwise fail later and less clearly. Error messages name the variable, never the value.
 */
export function secretValue(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const value = envValue(env, key);
  if (value === undefined) return undefined;
  if (/^(["'`]).*\1$/s.test(value)) throw new ConfigError(`${key} has quotes around it; remove them`);
  if (!/^[\w.-]+$/.test(value)) throw new ConfigError(`${key} has a space or other character a token cannot have`);
  return value;
}

/**
 * An API base URL: http(s), and without a user name or password. Credentials in it cannot work
 * (the HTTP clients refuse such URLs or ignore the credentials), and an error message that
 * quotes the URL would print them.
 */
export function urlValue(env: NodeJS.ProcessEnv, key: string, example: string, why = ''): string | undefined {
  const value = envValue(env, key);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${key} must be an http(s) URL such as ${example}`);
  }
  if (url.username || url.password) throw new ConfigError(`${key} must not hold a user name or password${why}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${key} must be an http(s) URL such as ${example}`);
  return value;
}

/** A comma-separated list of ids of one shape; the first one that is not is named. */
export function idListValue(env: NodeJS.ProcessEnv, key: string, shape: RegExp, what: string): string[] {
  const ids = listValue(env, key);
  const bad = ids.find((id) => !shape.test(id));
  if (bad !== undefined) throw new ConfigError(`${key}: "${shown(bad)}" is not ${what}`);
  return ids;
}

/** The digest's time zone when DIGEST_TZ is not set. */
export const DEFAULT_TIME_ZONE = 'Asia/Karachi';

export function readCoreConfig(env: NodeJS.ProcessEnv = process.env): CoreConfig {
  const lang = (envValue(env, 'DEFAULT_LANG') ?? 'en').toLowerCase();
  if (lang !== 'en' && lang !== 'ur') throw new ConfigError(`DEFAULT_LANG must be "en" or "ur", not "${shown(lang, 20)}"`);
  const timeZone = envValue(env, 'DIGEST_TZ') ?? DEFAULT_TIME_ZONE;
  // Only a zone the operator gave is checked: the check is the process's first use of ICU's
  // time zone data (~40 ms of a cold CLI answer), and the default is a known zone (tested).
  if (timeZone !== DEFAULT_TIME_ZONE && !isValidTimeZone(timeZone)) throw new ConfigError(`DIGEST_TZ "${shown(timeZone)}" is not a time zone (use an IANA name like Asia/Karachi)`);
  const databaseUrl = envValue(env, 'DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  const databaseSchema = envValue(env, 'DATABASE_SCHEMA');
  if (databaseSchema && !/^[a-z_][a-z0-9_]{0,62}$/i.test(databaseSchema)) throw new ConfigError('DATABASE_SCHEMA must be a plain name (letters, digits and _)');
  const perHour = envValue(env, 'ALERTS_PER_HOUR');
  const alertsPerHour = perHour === undefined ? DEFAULT_ALERTS_PER_HOUR : Number(perHour);
  if (!Number.isInteger(alertsPerHour) || alertsPerHour < 1 || alertsPerHour > 60) throw new ConfigError(`ALERTS_PER_HOUR must be a whole number from 1 to 60, not "${(perHour ?? '').slice(0, 20)}"`);
  const databaseConnectAttempts = wholeNumber(env, 'DATABASE_CONNECT_ATTEMPTS', 1, 100);
  const databaseConnectDelayMs = wholeNumber(env, 'DATABASE_CONNECT_DELAY_MS', 0, 60_000);
  return { defaultLang: lang, timeZone, stateDir: envValue(env, 'ILZAM_STATE_DIR'), databaseUrl, databaseSchema, alertsPerHour, databaseConnectAttempts, databaseConnectDelayMs };
}

/** A whole number from min to max, or undefined when unset; ConfigError names the variable otherwise. */
function wholeNumber(env: NodeJS.ProcessEnv, key: string, min: number, max: number): number | undefined {
  const raw = envValue(env, key);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new ConfigError(`${key} must be a whole number from ${min} to ${max}, not "${shown(raw, 20)}"`);
  return n;
}

/** A URL for logs: without user name, password, query or fragment (they may hold credentials). */
export function safeUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(not a URL)';
  }
}
