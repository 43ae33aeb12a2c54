// Incidents with their long text off the heap. Search, ranking and the list views need an
// incident's names, dates, parties and claim types; only a reply needs its summary and victims,
// its claims' summaries, quotes, sources, basis and strength, its sources and its notes, and
// then for one incident at a time.
// At 100,000 incidents that text is most of the records' memory (claim summaries in both
// languages alone ~200 MB), so once the index is built each incident keeps only the first kind
// and reads the rest from where it is stored when a reply asks, through a small LRU cache.
//
// The slim record has the same fields in the same order as the full one (the CLI's --json
// spreads it): the long ones are enumerable getters, so code reading incident.summary or
// claim.summary is unchanged and a spread or JSON.stringify gives the full record.
import { openSync, readFileSync, readSync } from 'node:fs';
import type { Claim, Incident } from '../domain/schema.ts';
import { incidentFromStore } from '../domain/stored-form.ts';

/** Where an incident's full record is read from when its text is needed. */
export interface IncidentTextSource {
  load(id: string): Incident;
}

/** A source over the data files: one JSON file per incident (data/incidents, data/imported). */
export function fileTextSource(fileOf: { get(id: string): string | undefined }): IncidentTextSource {
  return {
    load(id) {
      const file = fileOf.get(id);
      if (!file) throw new Error(`no stored record for incident ${id}`);
      return incidentFromStore(JSON.parse(readFileSync(file, 'utf8')));
    },
  };
}

/**
 * A source over one file of JSON records with their byte offsets (the benchmark's corpora; a
 * store too large for a file per incident): one positioned read per load.
 */
export function offsetTextSource(file: string, spans: { get(id: string): { start: number; length: number } | undefined }): IncidentTextSource {
  const fd = openSync(file, 'r');
  return {
    load(id) {
      const span = spans.get(id);
      if (!span) throw new Error(`no stored record for incident ${id}`);
      const buf = Buffer.allocUnsafe(span.length);
      readSync(fd, buf, 0, span.length, span.start);
      return incidentFromStore(JSON.parse(buf.toString('utf8')));
    },
  };
}

/** The last few incidents read in full, so building one reply reads its incident once. */
export class IncidentTextCache {
  readonly #entries = new Map<string, Incident>();
  reads = 0;

  constructor(
    readonly source: IncidentTextSource,
    readonly capacity = 64,
  ) {}

  get(id: string): Incident {
    let full = this.#entries.get(id);
    if (full) {
      this.#entries.delete(id); // most recent last
    } else {
      full = this.source.load(id);
      this.reads++;
      if (this.#entries.size >= this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(id, full);
    return full;
  }
}

// What a slim record reads its text through, kept in non-enumerable symbol slots (a spread or
// JSON.stringify never sees them); one getter function per field is shared by every record, so
// the records keep one hidden class.
const CACHE = Symbol('incident text cache');
const OWNER = Symbol('incident of the claim');
type SlimIncident = Incident & { [CACHE]: IncidentTextCache };
type SlimClaim = Claim & { [OWNER]: SlimIncident };

function full(self: SlimIncident): Incident {
  return self[CACHE].get(self.id);
}
function fullClaim(self: SlimClaim): Claim {
  const claim = full(self[OWNER]).claims.find((c) => c.id === self.id);
  // The stored record changed under a running bot (data edited without a restart).
  if (!claim) throw new Error(`claim ${self.id} of incident ${self[OWNER].id} is no longer in the stored record`);
  return claim;
}
const INCIDENT_GETTERS: Partial<Record<keyof Incident, (this: SlimIncident) => unknown>> = {
  summary() {
    return full(this).summary;
  },
  sources() {
    return full(this).sources;
  },
  notes() {
    return full(this).notes;
  },
  victims() {
    return full(this).victims;
  },
};
const CLAIM_GETTERS: Partial<Record<keyof Claim, (this: SlimClaim) => unknown>> = {
  summary() {
    return fullClaim(this).summary;
  },
  quote() {
    return fullClaim(this).quote;
  },
  // What a reply says of a claim, beyond who, whom, what and when (which histories, the weekly
  // digest and follows select by, and so stay in memory).
  sources() {
    return fullClaim(this).sources;
  },
  basis() {
    return fullClaim(this).basis;
  },
  strength() {
    return fullClaim(this).strength;
  },
  reportedBy() {
    return fullClaim(this).reportedBy;
  },
  respondsTo() {
    return fullClaim(this).respondsTo;
  },
};

function slim<T extends object>(record: T, getters: Partial<Record<keyof T, (this: never) => unknown>>, slot: symbol, value: unknown): T {
  const out = {} as T;
  for (const key of Object.keys(record) as (keyof T)[]) {
    const get = getters[key];
    if (get) Object.defineProperty(out, key, { get, enumerable: true, configurable: true });
    else out[key] = record[key];
  }
  Object.defineProperty(out, slot, { value, enumerable: false });
  return out;
}

/** The incident without its long text in memory: that is read through the cache on access. */
export function slimIncident(incident: Incident, cache: IncidentTextCache): Incident {
  const claims: Claim[] = [];
  const out = slim({ ...incident, claims }, INCIDENT_GETTERS, CACHE, cache);
  for (const claim of incident.claims) claims.push(slim(claim, CLAIM_GETTERS, OWNER, out));
  return out;
}

/** Whether an incident's text is read on demand (a slim record) rather than held. */
export function isSlim(incident: Incident): boolean {
  return CACHE in incident;
}

// Slim records made from their parts (./incident-table.ts keeps incidents as columns and makes
// a record when one is asked for): the same fields in the same order, the same getters and
// slots as slimIncident gives, built with one defineProperty per getter and no intermediate
// copy, since a whole-table pass (the weekly digest) makes every record.
const accessor = (get: (this: never) => unknown): PropertyDescriptor => ({ get, enumerable: true, configurable: true });
const I = {
  summary: accessor(INCIDENT_GETTERS.summary!),
  victims: accessor(INCIDENT_GETTERS.victims!),
  sources: accessor(INCIDENT_GETTERS.sources!),
  notes: accessor(INCIDENT_GETTERS.notes!),
};
const C = {
  basis: accessor(CLAIM_GETTERS.basis!),
  strength: accessor(CLAIM_GETTERS.strength!),
  reportedBy: accessor(CLAIM_GETTERS.reportedBy!),
  summary: accessor(CLAIM_GETTERS.summary!),
  quote: accessor(CLAIM_GETTERS.quote!),
  sources: accessor(CLAIM_GETTERS.sources!),
  respondsTo: accessor(CLAIM_GETTERS.respondsTo!),
};

/** Which optional claim fields a record has (bits for basis, strength, reportedBy, quote, respondsTo), read from the store when asked. */
export const CLAIM_HAS = { basis: 1, strength: 2, reportedBy: 4, quote: 8, respondsTo: 16 } as const;

/** What an incident keeps in memory, in the schema's order; `imported` only when the record has the field. */
export interface IncidentParts {
  id: string;
  title: Incident['title'];
  occurred: Incident['occurred'];
  firstAttributed: string;
  names: string[];
  tags: string[];
  victimStates: string[];
  imported?: Incident['imported'];
  hasImported: boolean;
}

// A record's claims can be made on their first read: a pass that reads only names and dates
// (the newest incidents, a label) then makes no claim. The getter replaces itself with the list.
const MAKE_CLAIMS = Symbol('makes the claims of the record');
type MakeClaims = (incident: Incident) => void;
const LAZY_CLAIMS = accessor(function (this: Incident & { [MAKE_CLAIMS]: MakeClaims }) {
  Object.defineProperty(this, 'claims', { value: [], writable: true, enumerable: true, configurable: true });
  this[MAKE_CLAIMS](this);
  return this.claims;
});

/**
 * A slim incident from its parts. Its claims are added with addSlimClaim, in order: by the
 * caller at once, or, given `makeClaims`, by that when the claims are first read.
 */
export function slimIncidentFrom(p: IncidentParts, cache: IncidentTextCache, makeClaims?: MakeClaims): Incident {
  const o: Record<string, unknown> = { id: p.id, title: p.title };
  Object.defineProperty(o, 'summary', I.summary);
  o.occurred = p.occurred;
  o.firstAttributed = p.firstAttributed;
  Object.defineProperty(o, 'victims', I.victims);
  o.names = p.names;
  o.tags = p.tags;
  o.victimStates = p.victimStates;
  Object.defineProperty(o, 'sources', I.sources);
  if (makeClaims) Object.defineProperty(o, 'claims', LAZY_CLAIMS);
  else o.claims = [];
  if (p.hasImported) o.imported = p.imported;
  Object.defineProperty(o, 'notes', I.notes);
  Object.defineProperty(o, CACHE, { value: cache, enumerable: false });
  if (makeClaims) Object.defineProperty(o, MAKE_CLAIMS, { value: makeClaims, enumerable: false });
  return o as unknown as Incident;
}

/** Appends a slim claim to a slim incident made by slimIncidentFrom. */
export function addSlimClaim(incident: Incident, id: string, type: string, date: string, by: string, against: string[], has: number): void {
  const c: Record<string, unknown> = { id, type, date, by, against };
  if (has & CLAIM_HAS.basis) Object.defineProperty(c, 'basis', C.basis);
  if (has & CLAIM_HAS.strength) Object.defineProperty(c, 'strength', C.strength);
  if (has & CLAIM_HAS.reportedBy) Object.defineProperty(c, 'reportedBy', C.reportedBy);
  Object.defineProperty(c, 'summary', C.summary);
  if (has & CLAIM_HAS.quote) Object.defineProperty(c, 'quote', C.quote);
  Object.defineProperty(c, 'sources', C.sources);
  if (has & CLAIM_HAS.respondsTo) Object.defineProperty(c, 'respondsTo', C.respondsTo);
  Object.defineProperty(c, OWNER, { value: incident, enumerable: false });
  incident.claims.push(c as unknown as Claim);
}
