// Redaction by value, for log lines and error messages: the configured secrets themselves,
// credentials embedded in URLs (https://user:password@host), and whatever token shapes the
// platforms have. Applied to the whole text, so an error message that echoes a request (its
// URL, its Authorization header) cannot leak them. Key-based redaction (a field named token)
// is pino's job, in ./logger.ts.

/** user:password@ (or a lone user@) in any URL. */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@"']+@/gi;

/** Token shapes of the platforms ilzam talks to, masked wherever they appear. */
export const TOKEN_SHAPES: readonly RegExp[] = [
  // Slack: xoxb-, xoxp-, xoxa-, xapp- …
  /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]{6,}/g,
  // Discord bot tokens: three dot-separated base64url parts; discord.js's debug line shows the
  // first two with the third starred out, and those are masked too.
  /[\w-]{23,28}\.[\w-]{6,7}\.(?:[\w-]{27,}|\*{6,})/g,
  // Discord interaction and webhook URLs carry a token that can post for 15 minutes.
  /(?<=\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"']+/g,
  // Authorization: Bearer … / Bot … as a header echoed into a message.
  /(?<=\b(?:Bearer|Bot)\s+)[\w.~+/-]{12,}=*/g,
];

export function redact(text: string, secrets: readonly string[], shapes: readonly RegExp[] = [], mask = '[redacted]'): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (secret && secret.length >= 6) out = out.split(secret).join(mask);
  out = out.replace(URL_CREDENTIALS, `$1${mask}@`);
  for (const shape of shapes) out = out.replace(shape, mask);
  return out;
}

/** Variables whose values are secrets by their name (DISCORD_TOKEN, SLACK_SIGNING_SECRET, PGPASSWORD …). */
const SECRET_NAME = /TOKEN|SECRET|PASSW(?:OR)?D|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;

/**
 * The secret values in an environment: every variable named like a secret, and the password
 * of any URL-valued variable (DATABASE_URL=postgres://user:password@host/db).
 */
export function secretsOf(env: NodeJS.ProcessEnv): string[] {
  const secrets = new Set<string>();
  for (const [key, value] of Object.entries(env)) {
    const v = value?.trim();
    if (!v) continue;
    if (SECRET_NAME.test(key)) secrets.add(v);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
      try {
        const password = new URL(v).password;
        if (password) {
          secrets.add(password);
          secrets.add(decodeURIComponent(password));
        }
      } catch {
        // Not a URL after all: nothing to take from it.
      }
    }
  }
  return [...secrets].filter((s) => s.length >= 6);
}
