// How the digest reports what it does: one function the scheduler, the recovery and the
// subscription service share, so a host can send it anywhere (the process's logger by default).
import { logFor } from '../log/logger.ts';

export type DigestLog = (level: 'info' | 'warn' | 'error', message: string) => void;

const digestLog = logFor('digest');
export const consoleDigestLog: DigestLog = (level, message) => digestLog[level](message);
