// How the digest reports what it does: one function the scheduler, the recovery and the
// subscription service share, so a host can send it anywhere (stderr by default).
export type DigestLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export const consoleDigestLog: DigestLog = (level, message) => console.error(`[ilzam] digest ${level}: ${message}`);
