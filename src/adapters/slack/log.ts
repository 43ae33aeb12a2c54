// The logger handed to Bolt, its Web API client and the Socket Mode client. Lines go to the
// process's logger (src/log: stderr, text or JSON, LOG_LEVEL) and never carry a token or the
// signing secret: the configured values are masked, and so is anything shaped like a Slack token.
import { inspect } from 'node:util';
import { LogLevel, type Logger } from '@slack/bolt';
import { logFor } from '../../log/logger.ts';
import { redact as redactWith } from '../../log/redact.ts';

const TOKEN_SHAPE = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;
const ORDER: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export type LogSink = (level: LogLevel, line: string) => void;

/** Bolt's level for the process's LOG_LEVEL, so Bolt does not build lines nobody keeps. */
function processLevel(): LogLevel {
  const log = logFor();
  return ORDER.find((l) => log.enabled(l)) ?? LogLevel.ERROR;
}

export function redact(text: string, secrets: readonly string[]): string {
  // A token's kind (xoxb-, xapp-) is kept: it helps to see which one was wrong.
  return redactWith(text, secrets).replace(TOKEN_SHAPE, (t) => `${t.slice(0, 4)}[redacted]`);
}

function format(msg: unknown[]): string {
  return msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : inspect(m, { depth: 3, breakLength: Infinity }))).join(' ');
}

/** `quiet`: library lines that say less than one of our own, logged at debug level instead. */
export function createSlackLogger(secrets: readonly string[], sink?: LogSink, level?: LogLevel, quiet: readonly RegExp[] = []): Logger {
  let current = level ?? (sink ? LogLevel.INFO : processLevel());
  let name = 'slack';
  const log = (asked: LogLevel, msg: unknown[]) => {
    const at = quiet.length && typeof msg[0] === 'string' && quiet.some((q) => q.test(msg[0] as string)) ? LogLevel.DEBUG : asked;
    if (ORDER.indexOf(at) < ORDER.indexOf(current)) return;
    if (sink) sink(at, `[ilzam/${name}] ${at}: ${redact(format(msg), secrets)}`);
    // Bolt's logger name (slack:bolt-app, slack:socket-mode …) is the component.
    else logFor(name)[at](redact(format(msg), secrets));
  };
  return {
    debug: (...msg) => log(LogLevel.DEBUG, msg),
    info: (...msg) => log(LogLevel.INFO, msg),
    warn: (...msg) => log(LogLevel.WARN, msg),
    error: (...msg) => log(LogLevel.ERROR, msg),
    setLevel: (l) => {
      // Bolt sets INFO on any logger it is given; the process's LOG_LEVEL is the one that counts.
      if (sink || level) current = l;
    },
    getLevel: () => current,
    setName: (n) => {
      // Bolt names its loggers ("bolt-app", "socket-mode:..."); keep ours recognisable.
      name = n.startsWith('slack') ? n : `slack:${n}`;
    },
  };
}
