// The logger handed to Bolt, its Web API client and the Socket Mode client. Logs go to stderr
// (stdout belongs to the console bot) and never carry a token or the signing secret: the
// configured values are masked, and so is anything shaped like a Slack token.
import { inspect } from 'node:util';
import { LogLevel, type Logger } from '@slack/bolt';
import { redact as redactWith } from '../redact.ts';

const TOKEN_SHAPE = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;
const ORDER: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export type LogSink = (level: LogLevel, line: string) => void;

const stderrSink: LogSink = (_level, line) => console.error(line);

export function redact(text: string, secrets: readonly string[]): string {
  // A token's kind (xoxb-, xapp-) is kept: it helps to see which one was wrong.
  return redactWith(text, secrets).replace(TOKEN_SHAPE, (t) => `${t.slice(0, 4)}[redacted]`);
}

function format(msg: unknown[]): string {
  return msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : inspect(m, { depth: 3, breakLength: Infinity }))).join(' ');
}

/** `quiet`: library lines that say less than one of our own, logged at debug level instead. */
export function createSlackLogger(secrets: readonly string[], sink: LogSink = stderrSink, level: LogLevel = LogLevel.INFO, quiet: readonly RegExp[] = []): Logger {
  let current = level;
  let name = 'slack';
  const log = (asked: LogLevel, msg: unknown[]) => {
    const at = quiet.length && typeof msg[0] === 'string' && quiet.some((q) => q.test(msg[0] as string)) ? LogLevel.DEBUG : asked;
    if (ORDER.indexOf(at) < ORDER.indexOf(current)) return;
    sink(at, `[ilzam/${name}] ${at}: ${redact(format(msg), secrets)}`);
  };
  return {
    debug: (...msg) => log(LogLevel.DEBUG, msg),
    info: (...msg) => log(LogLevel.INFO, msg),
    warn: (...msg) => log(LogLevel.WARN, msg),
    error: (...msg) => log(LogLevel.ERROR, msg),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n) => {
      // Bolt names its loggers ("bolt-app", "socket-mode:..."); keep ours recognisable.
      name = n.startsWith('slack') ? n : `slack:${n}`;
    },
  };
}
