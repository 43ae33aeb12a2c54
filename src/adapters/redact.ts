// One redaction for every adapter's log lines: the configured secrets themselves, credentials
// embedded in URLs (https://user:password@host), and whatever token shapes the platform has.
// Applied to the whole line, so an error message that echoes a request cannot leak them.

/** user:password@ (or a lone user@) in any URL. */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi;

export function redact(text: string, secrets: readonly string[], shapes: readonly RegExp[] = [], mask = '[redacted]'): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (secret && secret.length >= 6) out = out.split(secret).join(mask);
  out = out.replace(URL_CREDENTIALS, `$1${mask}@`);
  for (const shape of shapes) out = out.replace(shape, mask);
  return out;
}
