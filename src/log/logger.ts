// The one logger of the process (pino), on stderr: stdout belongs to the console bot and the
// CLI's answers, so a log line never lands in the middle of one.
//   LOG_FORMAT=json  one JSON object per line (pino's own: level, time, msg, …), for a collector
//   LOG_FORMAT=text  (default) "[ilzam] component level: message", for a person at a terminal
//   LOG_LEVEL        trace, debug, info (default), warn, error, fatal or silent
// Secrets never reach the output, by two means: pino's redact masks fields known to hold them
// (token, authorization, password, …), and every string logged — the message, an error's
// message and stack, nested values — is masked by value (the secrets in the environment, URL
// credentials, token shapes), since a token is most often leaked inside an error message or URL.
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import type { DestinationStream, Level, LevelWithSilent, Logger } from 'pino';
import { redact, secretsOf, TOKEN_SHAPES } from './redact.ts';

export type { Logger };
export type LogFormat = 'json' | 'text';
export type LogLevel = LevelWithSilent;

export interface LogSettings {
  format: LogFormat;
  level: LogLevel;
}

export class LogSettingsError extends Error {
  override name = 'LogSettingsError';
}

// pino is loaded on the first logger made, not when this module is: every entry point imports
// logging, but a CLI answer that logs nothing should not pay pino's import (~35 ms of a cold
// start). It is a CommonJS package, so require() gives what `import pino from 'pino'` would.
const requirePackage = createRequire(import.meta.url);
let pinoModule: typeof import('pino').default | undefined;
function pino(): typeof import('pino').default {
  return (pinoModule ??= requirePackage('pino') as typeof import('pino').default);
}

const LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
const MASK = '[redacted]';

/** Fields masked whatever their value, at the top and one or two levels down. */
const SECRET_KEYS = ['token', 'botToken', 'appToken', 'clientSecret', 'signingSecret', 'secret', 'password', 'authorization', 'Authorization', 'cookie', 'apiKey', 'databaseUrl', 'DATABASE_URL', 'connectionString'];
const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** LOG_FORMAT and LOG_LEVEL; LogSettingsError names a value that is neither. */
export function readLogSettings(env: NodeJS.ProcessEnv): LogSettings {
  const format = (env.LOG_FORMAT?.trim() || 'text').toLowerCase();
  if (format !== 'json' && format !== 'text') throw new LogSettingsError(`LOG_FORMAT must be "json" or "text", not "${format.slice(0, 20).replace(/[^\x20-\x7e]/g, '?')}"`);
  const level = (env.LOG_LEVEL?.trim() || 'info').toLowerCase() as LogLevel;
  if (!LEVELS.includes(level)) throw new LogSettingsError(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, not "${level.slice(0, 20).replace(/[^\x20-\x7e]/g, '?')}"`);
  return { format, level };
}

export interface CreateLoggerOptions {
  /** Values masked wherever they appear (beside URL credentials and token shapes). */
  secrets?: readonly string[];
  /** Where lines go (default stderr); tests capture them. */
  destination?: { write(line: string): unknown };
}

export function createLogger(settings: LogSettings, opts: CreateLoggerOptions = {}): Logger {
  const secrets = [...(opts.secrets ?? [])];
  const clean = (text: string) => redact(text, secrets, TOKEN_SHAPES, MASK);
  const stream: DestinationStream =
    settings.format === 'json'
      ? ((opts.destination as DestinationStream | undefined) ?? pino().destination({ dest: 2, sync: true }))
      : { write: (line: string) => void (opts.destination ?? process.stderr).write(textLine(line)) };
  return pino()(
    {
      level: settings.level,
      redact: { paths: REDACT_PATHS, censor: MASK },
      // Errors are already plain objects (scrub below); pino's serializer would rename their type.
      serializers: { err: (err: unknown) => err },
      hooks: {
        logMethod(args, method) {
          // An Error first is pino's shorthand for { err }, with its message as msg.
          const [first, ...rest] = args as unknown[];
          const merged = first instanceof Error ? [{ err: first }, ...(rest.length ? rest : [first.message])] : [first, ...rest];
          return method.apply(this, merged.map((a) => scrub(a, clean, 0)) as Parameters<typeof method>);
        },
      },
    },
    stream,
  );
}

/** A copy of a logged value with every string masked; errors become plain objects (type, message, stack, code, cause). */
function scrub(value: unknown, clean: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return clean(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return clean(inspect(value, { depth: 0, breakLength: Infinity }));
  if (value instanceof Error) {
    const e = value as Error & { code?: unknown; status?: unknown };
    const out: Record<string, unknown> = { type: e.name, message: clean(e.message) };
    if (e.stack) out.stack = clean(e.stack);
    if (e.code !== undefined) out.code = scrub(e.code, clean, depth + 1);
    if (e.status !== undefined) out.status = scrub(e.status, clean, depth + 1);
    if (e.cause !== undefined) out.cause = scrub(e.cause, clean, depth + 1);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, clean, depth + 1));
  if (value instanceof Date) return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return clean(inspect(value, { depth: 2, breakLength: Infinity }));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, clean, depth + 1)]));
}

const TERMINAL_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const SHOWN_ELSEWHERE = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'component', 'err']);

/** One JSON line from pino as "[ilzam] component level: message: error", inert for a terminal. */
export function textLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const level = pino().levels.labels[entry.level as number] ?? String(entry.level);
  const head = [entry.component, level === 'info' ? undefined : level].filter((p) => typeof p === 'string' && p).join(' ');
  let line = `[ilzam] ${head ? `${head}: ` : ''}${String(entry.msg ?? '')}`;
  const err = entry.err as { message?: string; stack?: string } | string | undefined;
  if (typeof err === 'string') line += `: ${err}`;
  else if (err) line += `: ${err.stack ?? err.message ?? ''}`;
  const extra = Object.fromEntries(Object.entries(entry).filter(([k]) => !SHOWN_ELSEWHERE.has(k)));
  if (Object.keys(extra).length) line += ` ${JSON.stringify(extra)}`;
  return `${line.replace(TERMINAL_CONTROLS, '')}\n`;
}

let root: Logger | undefined;

/**
 * Sets up the process's logger from the environment (after .env is read, so its secrets are
 * known). Throws LogSettingsError for a LOG_FORMAT or LOG_LEVEL it does not know.
 */
export function configureLogging(env: NodeJS.ProcessEnv = process.env, opts: CreateLoggerOptions = {}): Logger {
  root = createLogger(readLogSettings(env), { ...opts, secrets: [...secretsOf(env), ...(opts.secrets ?? [])] });
  return root;
}

/** The process's logger; configured from process.env on first use if nobody did (defaults for bad values). */
export function rootLogger(): Logger {
  if (!root) {
    let settings: LogSettings;
    try {
      settings = readLogSettings(process.env);
    } catch {
      settings = { format: 'text', level: 'info' };
    }
    root = createLogger(settings, { secrets: secretsOf(process.env) });
  }
  return root;
}

/** Forgets the configured logger (tests that captured lines put stderr back). */
export function resetLogging(): void {
  root = undefined;
}

export type LogMethod = (message: string, err?: unknown) => void;
export type ComponentLog = Record<Exclude<Level, 'trace'>, LogMethod> & { enabled(level: Level): boolean };

/**
 * Logging for one part of the bot ("digest", "storage", "slack" …; none for the app's own
 * lines). Looks the logger up on every call, so one configured later is the one used.
 */
export function logFor(component?: string): ComponentLog {
  const at =
    (level: Level): LogMethod =>
    (message, err) => {
      const logger = rootLogger();
      if (!logger.isLevelEnabled(level)) return;
      const fields: Record<string, unknown> = {};
      if (component) fields.component = component;
      if (err !== undefined) fields.err = err;
      logger[level](fields, message);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), fatal: at('fatal'), enabled: (level) => rootLogger().isLevelEnabled(level) };
}
