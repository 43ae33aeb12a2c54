// The knowledge base's incidents and each entity's claims, held compactly once the records are
// slim (KnowledgeBase.slimText). At 100,000 incidents a slim record as JS objects (the incident,
// its title and dates, its lists, a few claims each with its own array, the claim-reference
// objects of every entity's list, and a fresh copy of every repeated id and date) is ~2.2 KB;
// as columns of string-table indices it is a few hundred bytes, almost all of it the strings
// that are its own (id, titles, names).
//
// What code sees is unchanged: `incidents` reads like a Map of slim records and
// `claimsOf(entity)` like the lists of claim references. A record is made from the columns when
// asked for (./incident-text.ts's slimIncident: same fields, same order, text read through the
// cache), so it is a fresh object each time: compare records by id, never by identity. Records
// added or replaced at run time (published), and any record the columns cannot hold exactly,
// are kept as the objects they are.
import type { Claim, Incident } from '../domain/schema.ts';
import { addSlimClaim, CLAIM_HAS, slimIncident, slimIncidentFrom, type IncidentTextCache } from './incident-text.ts';
import { ClaimDateIndex, compareDates } from './claim-dates.ts';

/** A claim with the incident it belongs to, for histories and the weekly digest. */
export interface ClaimRef {
  incident: Incident;
  claim: Claim;
}

/** A claim found by its date (IncidentTable.datedClaims): its date and incident id, and the claim itself, made when read. */
export interface DatedClaim {
  date: string;
  incidentId: string;
  ref: ClaimRef;
  /** The claim's parties and its incident's victim states (what a ClaimMatcher reads), from the columns: no record made. */
  parties(): ClaimParties;
}

export interface ClaimParties {
  by: string;
  against: string[];
  victimStates: string[];
}

// The fields a record has, in the schemas' order (src/domain/schema.ts): a record whose keys
// are not exactly these (with the optional ones present or not) is not compacted.
const INCIDENT_KEYS = ['id', 'title', 'summary', 'occurred', 'firstAttributed', 'victims', 'names', 'tags', 'victimStates', 'sources', 'claims', 'imported', 'notes'] as const;
const CLAIM_KEYS = ['id', 'type', 'date', 'by', 'against', 'basis', 'strength', 'reportedBy', 'summary', 'quote', 'sources', 'respondsTo'] as const;
/** Optional claim fields, one presence bit each (their values are read from the store). */
const CLAIM_OPTIONAL = Object.keys(CLAIM_HAS) as Array<keyof typeof CLAIM_HAS>;

function sameKeys(record: object, expected: readonly string[]): boolean {
  const keys = Object.keys(record);
  if (keys.length !== expected.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== expected[i]) return false;
  return true;
}
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Whether the columns hold this record exactly (always, for records that passed the schemas). */
function compactable(incident: Incident): boolean {
  if (!sameKeys(incident, INCIDENT_KEYS.filter((k) => k !== 'imported' || 'imported' in incident))) return false;
  const { title, occurred } = incident;
  if (!title || !sameKeys(title, ['en', 'ur']) || typeof title.en !== 'string' || typeof title.ur !== 'string') return false;
  if (!occurred || !sameKeys(occurred, 'end' in occurred ? ['start', 'end'] : ['start']) || typeof occurred.start !== 'string') return false;
  if ('end' in occurred && typeof occurred.end !== 'string') return false;
  if (typeof incident.id !== 'string' || typeof incident.firstAttributed !== 'string') return false;
  if (!isStrings(incident.names) || !isStrings(incident.tags) || !isStrings(incident.victimStates) || !Array.isArray(incident.claims)) return false;
  return incident.claims.every(
    (c) =>
      sameKeys(c, CLAIM_KEYS.filter((k) => !(CLAIM_OPTIONAL as readonly string[]).includes(k) || k in c)) &&
      typeof c.id === 'string' && typeof c.type === 'string' && typeof c.date === 'string' && typeof c.by === 'string' && isStrings(c.against),
  );
}

/** Growable Int32 column, trimmed when the table is sealed. */
class IntColumn {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  seal(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Every string of the columns once, by index. The ones several records share (party ids, dates,
 * claim types and ids, tags) are held as strings; the ones only one record has (its id, titles,
 * names: most of the bytes) as UTF-8 in one buffer, decoded when a record is made, which saves
 * each string's header and an Urdu title's two bytes a letter.
 */
class StringTable {
  readonly #shared: string[];
  readonly #pool: Buffer;
  readonly #at: Uint32Array;

  /** `strings` by index, with how many times each is used; gives the new index of each old one. */
  constructor(strings: readonly string[], uses: Int32Array, remap: Int32Array) {
    this.#shared = [];
    const once: string[] = [];
    for (let i = 0; i < strings.length; i++) if (uses[i]! > 1) remap[i] = this.#shared.push(strings[i]!) - 1;
    for (let i = 0; i < strings.length; i++) if (uses[i]! <= 1) remap[i] = this.#shared.length + once.push(strings[i]!) - 1;
    this.#at = new Uint32Array(once.length + 1);
    let bytes = 0;
    once.forEach((s, k) => {
      this.#at[k] = bytes;
      bytes += Buffer.byteLength(s, 'utf8');
    });
    this.#at[once.length] = bytes;
    this.#pool = Buffer.alloc(bytes);
    once.forEach((s, k) => this.#pool.write(s, this.#at[k]!, 'utf8'));
  }

  get(i: number): string {
    const k = i - this.#shared.length;
    return k < 0 ? this.#shared[i]! : this.#pool.toString('utf8', this.#at[k]!, this.#at[k + 1]!);
  }
}

/** The columns: per incident and per claim, indices into one table of strings. */
interface Columns {
  strings: StringTable;
  /** Per incident. */
  id: Int32Array;
  titleEn: Int32Array;
  titleUr: Int32Array;
  start: Int32Array;
  /** -1: occurred has no end. */
  end: Int32Array;
  firstAttributed: Int32Array;
  /** names, tags and victimStates of incident i: lists[listAt[3i] .. listAt[3i+1] .. listAt[3i+2] .. listAt[3i+3]). */
  listAt: Int32Array;
  lists: Int32Array;
  /** Claims of incident i: claimAt[i] .. claimAt[i+1]. */
  claimAt: Int32Array;
  /** Per claim. */
  claimId: Int32Array;
  claimType: Int32Array;
  claimDate: Int32Array;
  claimBy: Int32Array;
  /** Presence bits of CLAIM_OPTIONAL. */
  claimOptional: Uint8Array;
  /** against of claim c: against[againstAt[c] .. againstAt[c+1]). */
  againstAt: Int32Array;
  against: Int32Array;
  /** The few imported incidents' `imported` object, by incident. */
  imported: Map<number, Incident['imported']>;
  /** Records the columns cannot hold exactly, kept as slim objects, by incident. */
  held: Map<number, Incident>;
  /** Each entity's claims: incident refIncident[k] claim refClaim[k] for k in refAt[slot] .. refAt[slot+1]. */
  entitySlot: Map<string, number>;
  refAt: Int32Array;
  refIncident: Int32Array;
  refClaim: Uint16Array;
}

export class IncidentTable {
  /** Incidents not in the columns, in the order they came: all of them until compact(). */
  readonly #added = new Map<string, Incident>();
  /** Claim references of the incidents in #added and #replaced, by entity id. */
  readonly #refs = new Map<string, ClaimRef[]>();
  #columns?: Columns;
  #cache?: IncidentTextCache;
  /** How many incidents the columns hold. */
  #rows = 0;
  /** The rows in the order of their ids, for a binary search (a Map of 100,000 ids is ~8 MB with the ids). */
  #byId = new Int32Array(0);
  /** Column incidents replaced at run time by a newer version of themselves. */
  readonly #replaced = new Map<number, Incident>();
  /** The column claims by date, for claimsDated and latestClaim (./claim-dates.ts); built by compact(). */
  #dates?: ClaimDateIndex;

  get size(): number {
    return this.#rows + this.#added.size;
  }

  has(id: string): boolean {
    return this.#row(id) !== undefined || this.#added.has(id);
  }

  get(id: string): Incident | undefined {
    const i = this.#row(id);
    return i === undefined ? this.#added.get(id) : this.#current(i);
  }

  *values(): IterableIterator<Incident> {
    for (let i = 0; i < this.#rows; i++) yield this.#current(i);
    yield* this.#added.values();
  }

  *keys(): IterableIterator<string> {
    const c = this.#columns;
    for (let i = 0; i < this.#rows; i++) yield c!.strings.get(c!.id[i]!);
    yield* this.#added.keys();
  }

  *entries(): IterableIterator<[string, Incident]> {
    for (const incident of this.values()) yield [incident.id, incident];
  }

  [Symbol.iterator](): IterableIterator<[string, Incident]> {
    return this.entries();
  }

  /** Adds an incident, or replaces one with a newer version of itself (its old claims leave every entity's list). */
  add(incident: Incident): void {
    const i = this.#row(incident.id);
    const known = this.#added.has(incident.id) || (i !== undefined && this.#replaced.has(i));
    if (known) {
      for (const [id, refs] of this.#refs) {
        const kept = refs.filter((r) => r.incident.id !== incident.id);
        if (kept.length !== refs.length) this.#refs.set(id, kept);
      }
    }
    if (i !== undefined) this.#replaced.set(i, incident);
    else this.#added.set(incident.id, incident);
    for (const claim of incident.claims) {
      for (const id of new Set([claim.by, ...claim.against])) {
        const list = this.#refs.get(id) ?? [];
        list.push({ incident, claim });
        this.#refs.set(id, list);
      }
    }
  }

  /** The claims that name an entity as maker or target, in the order their incidents were added; undefined when none ever did. */
  claimsOf(entityId: string): ClaimRef[] | undefined {
    const runtime = this.#refs.get(entityId);
    const c = this.#columns;
    const slot = c?.entitySlot.get(entityId);
    if (!c || slot === undefined) return runtime;
    const out: ClaimRef[] = [];
    const made = new Map<number, Incident>(); // an incident with several claims in the list is made once
    for (let k = c.refAt[slot]!; k < c.refAt[slot + 1]!; k++) {
      const i = c.refIncident[k]!;
      if (this.#replaced.has(i)) continue;
      let incident = made.get(i);
      if (!incident) made.set(i, (incident = this.#original(i)));
      out.push({ incident, claim: incident.claims[c.refClaim[k]!]! });
    }
    if (runtime) out.push(...runtime);
    return out;
  }

  /**
   * The `limit` incidents first attributed last, ties in the table's order: what
   * `[...values()].sort((a, b) => b.firstAttributed.localeCompare(a.firstAttributed)).slice(0, limit)`
   * gives (a stable sort: equal dates keep the table's order), making only those records.
   */
  newest(limit: number): Incident[] {
    const top: Array<{ date: string; at: number }> = [];
    const offer = (date: string, at: number) => {
      if (top.length === limit && !(date.localeCompare(top[top.length - 1]!.date) > 0)) return;
      let k = top.length;
      while (k > 0 && date.localeCompare(top[k - 1]!.date) > 0) k--;
      top.splice(k, 0, { date, at });
      if (top.length > limit) top.pop();
    };
    const c = this.#columns;
    if (limit <= 0) return [];
    for (let i = 0; i < this.#rows; i++) {
      const whole = this.#replaced.get(i) ?? c!.held.get(i);
      offer(whole ? whole.firstAttributed : c!.strings.get(c!.firstAttributed[i]!), i);
    }
    const added = [...this.#added.values()];
    added.forEach((incident, k) => offer(incident.firstAttributed, this.#rows + k));
    return top.map(({ at }) => (at < this.#rows ? this.#current(at) : added[at - this.#rows]!));
  }

  /** The incidents as they were when compacted (run-time replacements aside), by column index. */
  originals(indices: Iterable<number>): Incident[] {
    return Array.from(indices, (i) => this.#original(i));
  }

  indexOf(id: string): number | undefined {
    return this.#row(id);
  }

  /**
   * The claims whose date passes `wanted`, in the order a pass over values() and each
   * incident's claims gives them. The column claims come from the date index; the few
   * incidents outside it (replaced or added at run time, or held whole) are read in full and
   * put in their place.
   */
  claimsDated(wanted: (date: string) => boolean): ClaimRef[] {
    return this.datedClaims(wanted).map((d) => d.ref);
  }

  /**
   * claimsDated with each claim's date and incident id beside it, read from the columns: a
   * column claim's record is made only when its `ref` is first read (then once per incident for
   * the whole answer), so a caller that sorts thousands and shows ten makes ten.
   */
  datedClaims(wanted: (date: string) => boolean): DatedClaim[] {
    const out: DatedClaim[] = [];
    const whole = (incident: Incident) => {
      for (const claim of incident.claims) {
        if (wanted(claim.date)) out.push({ date: claim.date, incidentId: incident.id, ref: { incident, claim }, parties: () => ({ by: claim.by, against: claim.against, victimStates: incident.victimStates }) });
      }
    };
    const c = this.#columns;
    if (c && this.#dates) {
      const apart = this.#rowsApart();
      const made = new Map<number, Incident>();
      const record = (row: number) => {
        let incident = made.get(row);
        if (!incident) made.set(row, (incident = this.#original(row)));
        return incident;
      };
      let next = 0;
      let row = 0;
      let incidentId = '';
      let idOf = -1;
      for (const k of this.#dates.select(wanted)) {
        while (c.claimAt[row + 1]! <= k) row++;
        while (next < apart.length && apart[next]! <= row) whole(this.#current(apart[next++]!));
        if (this.#replaced.has(row)) continue; // its claims now are the replacement's, read above
        if (idOf !== row) [incidentId, idOf] = [c.strings.get(c.id[row]!), row];
        const [at, k0] = [row, k - c.claimAt[row]!];
        out.push({
          date: c.strings.get(c.claimDate[k]!),
          incidentId,
          parties: () => this.#parties(at, k),
          ref: {
            get incident() {
              return record(at);
            },
            get claim() {
              return record(at).claims[k0]!;
            },
          },
        });
      }
      while (next < apart.length) whole(this.#current(apart[next++]!));
    }
    for (const incident of this.#added.values()) whole(incident);
    return out;
  }

  /**
   * Of the claims dated on or before `day` (as strings compare) that `accept` takes, the one with
   * the greatest date by `localeCompare`, the first in values() order among equals: what a stable
   * sort of all of them, newest first, puts first. Walks the date index newest first, making
   * records only until a claim is accepted.
   */
  latestClaim(day: string, accept: (ref: ClaimRef) => boolean = () => true): ClaimRef | undefined {
    // The incidents outside the index, read in full; `at` orders claims as values() does.
    let best: { ref: ClaimRef; at: number } | undefined;
    const offer = (incident: Incident, at: number) => {
      incident.claims.forEach((claim, k) => {
        if (!(claim.date <= day)) return;
        if (best && compareDates(claim.date, best.ref.claim.date) <= 0) return; // equal: the earlier one stays
        if (accept({ incident, claim })) best = { ref: { incident, claim }, at: at + k / 0x10000 };
      });
    };
    const c = this.#columns;
    const apart = c ? this.#rowsApart() : new Int32Array(0);
    for (const row of apart) offer(this.#current(row), row);
    let extra = this.#rows;
    for (const incident of this.#added.values()) offer(incident, extra++);
    if (!c || !this.#dates) return best?.ref;
    for (const { date, claims } of this.#dates.newestFirst()) {
      if (!(date <= day)) continue;
      const vs = best ? compareDates(date, best.ref.claim.date) : 1;
      if (vs < 0) break;
      let row = 0;
      for (const k of claims) {
        row = this.#rowOfClaim(k, row);
        if (this.#replaced.has(row) || (vs === 0 && row >= best!.at)) continue;
        const incident = this.#original(row);
        const claim = incident.claims[k - c.claimAt[row]!]!;
        if (accept({ incident, claim })) return { incident, claim };
      }
      if (vs === 0) break;
    }
    return best?.ref;
  }

  /** Column claim k's parties and its row's victim states, read as #original reads them. */
  #parties(row: number, k: number): ClaimParties {
    const c = this.#columns!;
    const strings = (column: Int32Array, from: number, to: number) => {
      const out: string[] = [];
      for (let n = from; n < to; n++) out.push(c.strings.get(column[n]!));
      return out;
    };
    return {
      by: c.strings.get(c.claimBy[k]!),
      against: strings(c.against, c.againstAt[k]!, c.againstAt[k + 1]!),
      victimStates: strings(c.lists, c.listAt[3 * row + 2]!, c.listAt[3 * row + 3]!),
    };
  }

  /** The rows whose claims the date index does not hold as they are now: replaced at run time, or held whole. Ascending. */
  #rowsApart(): Int32Array {
    const c = this.#columns!;
    if (!this.#replaced.size && !c.held.size) return new Int32Array(0);
    return Int32Array.from(new Set([...this.#replaced.keys(), ...c.held.keys()])).sort();
  }

  /** The row a column claim belongs to, searching from row `from` on (claims in ascending number). */
  #rowOfClaim(k: number, from: number): number {
    const at = this.#columns!.claimAt;
    let lo = from;
    let hi = this.#rows - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (at[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Moves every incident into the columns as a slim record, reading its text through `cache`
   * from now on; entities' claim lists follow, in the same order. Incidents added later stay
   * whole objects.
   */
  compact(cache: IncidentTextCache): void {
    const order = [...this.values()];
    const strings: string[] = [];
    const interned = new Map<string, number>();
    const uses = new IntColumn();
    const str = (s: string): number => {
      let n = interned.get(s);
      if (n === undefined) {
        n = strings.length;
        strings.push(s);
        interned.set(s, n);
        uses.push(0);
      }
      uses.data[n]!++;
      return n;
    };
    const n = order.length;
    const cols = {
      id: new Int32Array(n),
      titleEn: new Int32Array(n),
      titleUr: new Int32Array(n),
      start: new Int32Array(n),
      end: new Int32Array(n),
      firstAttributed: new Int32Array(n),
      listAt: new Int32Array(3 * n + 1),
      claimAt: new Int32Array(n + 1),
    };
    const lists = new IntColumn();
    const claimId = new IntColumn();
    const claimType = new IntColumn();
    const claimDate = new IntColumn();
    const claimBy = new IntColumn();
    const claimOptional: number[] = [];
    const againstAt = new IntColumn();
    const against = new IntColumn();
    const imported = new Map<number, Incident['imported']>();
    const held = new Map<number, Incident>();
    // Entity lists, as (incident, claim) pairs in the order today's lists have them.
    const pairs = new Map<number, number[]>();
    const entityRef = (entity: string, i: number, k: number) => {
      const slot = str(entity);
      let list = pairs.get(slot);
      if (!list) pairs.set(slot, (list = []));
      list.push(i, k);
    };

    for (let i = 0; i < n; i++) {
      const incident = order[i]!;
      cols.id[i] = str(incident.id);
      cols.claimAt[i] = claimId.length;
      const whole = !compactable(incident);
      if (whole) held.set(i, slimIncident(incident, cache));
      else {
        cols.titleEn[i] = str(incident.title.en);
        cols.titleUr[i] = str(incident.title.ur);
        cols.start[i] = str(incident.occurred.start);
        cols.end[i] = 'end' in incident.occurred ? str(incident.occurred.end!) : -1;
        cols.firstAttributed[i] = str(incident.firstAttributed);
        if ('imported' in incident) imported.set(i, incident.imported);
        cols.listAt[3 * i] = lists.length;
        for (const s of incident.names) lists.push(str(s));
        cols.listAt[3 * i + 1] = lists.length;
        for (const s of incident.tags) lists.push(str(s));
        cols.listAt[3 * i + 2] = lists.length;
        for (const s of incident.victimStates) lists.push(str(s));
        for (const claim of incident.claims) {
          claimId.push(str(claim.id));
          claimType.push(str(claim.type));
          claimDate.push(str(claim.date));
          claimBy.push(str(claim.by));
          let bits = 0;
          for (const key of CLAIM_OPTIONAL) if (key in claim) bits |= CLAIM_HAS[key];
          claimOptional.push(bits);
          againstAt.push(against.length);
          for (const s of claim.against) against.push(str(s));
        }
      }
      cols.listAt[3 * i + 3] = lists.length;
      incident.claims.forEach((claim, k) => {
        if (k > 0xffff) throw new Error(`incident ${incident.id} has more claims than the table can hold`);
        for (const id of new Set([claim.by, ...claim.against])) entityRef(id, i, k);
      });
    }
    cols.claimAt[n] = claimId.length;
    againstAt.push(against.length);

    const entitySlot = new Map<string, number>();
    let total = 0;
    for (const list of pairs.values()) total += list.length / 2;
    const refAt = new Int32Array(pairs.size + 1);
    const refIncident = new Int32Array(total);
    const refClaim = new Uint16Array(total);
    let at = 0;
    for (const [slot, list] of pairs) {
      refAt[entitySlot.size] = at;
      entitySlot.set(strings[slot]!, entitySlot.size);
      for (let j = 0; j < list.length; j += 2) {
        refIncident[at] = list[j]!;
        refClaim[at++] = list[j + 1]!;
      }
    }
    refAt[entitySlot.size] = at;

    // The string table, and every column's indices moved to its numbering.
    const remap = new Int32Array(strings.length);
    const table = new StringTable(strings, uses.data, remap);
    const moved = (column: Int32Array) => {
      for (let k = 0; k < column.length; k++) if (column[k]! >= 0) column[k] = remap[column[k]!]!;
      return column;
    };
    for (const column of [cols.id, cols.titleEn, cols.titleUr, cols.start, cols.end, cols.firstAttributed]) moved(column);
    this.#columns = {
      strings: table,
      ...cols,
      lists: moved(lists.seal()),
      claimId: moved(claimId.seal()),
      claimType: moved(claimType.seal()),
      claimDate: moved(claimDate.seal()),
      claimBy: moved(claimBy.seal()),
      claimOptional: Uint8Array.from(claimOptional),
      againstAt: againstAt.seal(),
      against: moved(against.seal()),
      imported,
      held,
      entitySlot,
      refAt,
      refIncident,
      refClaim,
    };
    // Dates repeat (a few thousand distinct at 100,000), so most are the table's shared strings.
    const dates = this.#columns.claimDate;
    this.#dates = ClaimDateIndex.build(dates.length, (k) => table.get(dates[k]!));
    this.#cache = cache;
    this.#rows = n;
    this.#byId = Int32Array.from(order.keys()).sort((a, b) => (order[a]!.id < order[b]!.id ? -1 : order[a]!.id > order[b]!.id ? 1 : 0));
    this.#added.clear();
    this.#replaced.clear();
    this.#refs.clear();
  }

  /** The column row of an incident id, by binary search over the ids in order. */
  #row(id: string): number | undefined {
    const c = this.#columns;
    if (!c) return undefined;
    let lo = 0;
    let hi = this.#rows - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const row = this.#byId[mid]!;
      const at = c.strings.get(c.id[row]!);
      if (at === id) return row;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  #current(i: number): Incident {
    return this.#replaced.get(i) ?? this.#original(i);
  }

  /** The slim record of column incident i, made afresh (./incident-text.ts reads its text on access). */
  #original(i: number): Incident {
    const c = this.#columns!;
    const held = c.held.get(i);
    if (held) return held;
    const s = c.strings;
    const list = (from: number, to: number) => {
      const out: string[] = [];
      for (let k = from; k < to; k++) out.push(s.get(c.lists[k]!));
      return out;
    };
    const end = c.end[i]!;
    return slimIncidentFrom(
      {
        id: s.get(c.id[i]!),
        title: { en: s.get(c.titleEn[i]!), ur: s.get(c.titleUr[i]!) },
        occurred: end < 0 ? { start: s.get(c.start[i]!) } : { start: s.get(c.start[i]!), end: s.get(end) },
        firstAttributed: s.get(c.firstAttributed[i]!),
        names: list(c.listAt[3 * i]!, c.listAt[3 * i + 1]!),
        tags: list(c.listAt[3 * i + 1]!, c.listAt[3 * i + 2]!),
        victimStates: list(c.listAt[3 * i + 2]!, c.listAt[3 * i + 3]!),
        imported: c.imported.get(i),
        hasImported: c.imported.has(i),
      },
      this.#cache!,
      (made) => {
        for (let k = c.claimAt[i]!; k < c.claimAt[i + 1]!; k++) {
          const against: string[] = [];
          for (let a = c.againstAt[k]!; a < c.againstAt[k + 1]!; a++) against.push(s.get(c.against[a]!));
          addSlimClaim(made, s.get(c.claimId[k]!), s.get(c.claimType[k]!), s.get(c.claimDate[k]!), s.get(c.claimBy[k]!), against, c.claimOptional[k]!);
        }
      },
    );
  }
}
