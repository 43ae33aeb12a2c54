// Calendar days in a time zone, without a date library: Intl knows every IANA zone.

/** The YYYY-MM-DD date that `now` falls on in `timeZone`. Throws RangeError on an unknown zone. */
export function localDay(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** IANA zones for autocomplete; ICU's list lacks the plain "UTC". */
// Listed on first use, not at import: every entry point imports this module.
let zones: string[] | undefined;
const allZones = () => (zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone')]);
const POPULAR_ZONES = ['Asia/Karachi', 'UTC', 'Asia/Dubai', 'Europe/London', 'America/New_York', 'Asia/Riyadh', 'Asia/Calcutta', 'Europe/Berlin', 'America/Toronto'];

/** Zones containing what is typed ("new york" finds America/New_York), the ones it starts a segment of first. */
export function zonesMatching(typed: string, defaultZone: string): string[] {
  const wanted = typed.trim().toLowerCase().replace(/\s+/g, '_');
  if (!wanted) return [...new Set([defaultZone, ...POPULAR_ZONES])];
  const startsSegment = (zone: string) => zone.toLowerCase().split('/').some((part) => part.startsWith(wanted));
  return allZones().filter((z) => z.toLowerCase().includes(wanted)).sort((a, b) => Number(startsSegment(b)) - Number(startsSegment(a)));
}

/** A real calendar day written YYYY-MM-DD, or undefined. */
export function parseDay(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : undefined;
}
