// The review queue, for the CLI (npm run review) and the chat command (/review): list the
// drafts the ingester made, show one with its evidence, correct a claim, choose or create the
// incident, approve or reject with a reason. Approving publishes atomically with the decision
// (src/store: two reviewers approving at once publish once); the publisher then makes it
// answerable at once. Every action is recorded on the draft with who, when and where; nothing
// is deleted.
import { Claim, Incident, Party, type PartialDate } from '../domain/schema.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import { lookup, type Finder } from '../knowledge/lookup.ts';
import { checkInternalReferences } from '../store/curated.ts';
import { StaleDraftError, type DraftRecord, type PublishedRecord, type ReviewStore } from '../store/storage.ts';
import { claimSummary, incidentPrefill, partyNamer } from './prefill.ts';
import { DraftData, NewIncident, type ClaimEdit, type ReviewAction, type ReviewedClaim, type ReviewState } from './model.ts';

/** Who acts, and from where: "discord:U1" at "discord:G1/C1"; "cli:amna" at "cli". */
export interface Reviewer {
  id: string;
  where: string;
}

/** One change to a draft; several fields may be given at once. */
export interface DraftChange {
  /** 1-based claim number the claim edit applies to. */
  claim?: number;
  edit?: ClaimEdit;
  /** An existing incident (by any name or id), or "new". */
  incident?: string;
  newIncident?: {
    id?: string;
    titleEn?: string;
    titleUr?: string;
    summaryEn?: string;
    summaryUr?: string;
    occurred?: string;
    victimEn?: string;
    victimUr?: string;
    victimStates?: string[];
  };
  /** A party the data does not know yet (CLI only: it needs both names). */
  party?: Party;
}

export type ReviewResult =
  | { ok: true; draft: DraftRecord; data: DraftData; published?: PublishedRecord }
  | { ok: false; problem: 'not-found' | 'decided' | 'stale' | 'invalid' | 'incomplete'; messages: string[]; draft?: DraftRecord };

/**
 * What a publication carries, in the curated format: a new incident whole (mode "new"), or an
 * existing incident's id with its new sources and claims (mode "add"); with any new parties.
 */
export interface PublicationData {
  mode: 'new' | 'add';
  id: string;
  sources: Incident['sources'];
  claims: Incident['claims'];
  /** Parties reviewers added, published with the incident. */
  parties?: Party[];
  [field: string]: unknown;
}

export interface ReviewServiceOptions {
  storage: ReviewStore;
  /** The knowledge base and search, to resolve names and incidents. */
  finder: Finder;
  now?: () => Date;
  /** Called after a publication, so this process answers with it at once. */
  onPublished?: (record: PublishedRecord) => void;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class ReviewService {
  readonly #o: Required<Omit<ReviewServiceOptions, 'onPublished'>> & Pick<ReviewServiceOptions, 'onPublished'>;

  constructor(opts: ReviewServiceOptions) {
    this.#o = { now: () => new Date(), ...opts };
  }

  get #kb(): KnowledgeBase {
    return this.#o.finder.kb;
  }

  /** The pending drafts as last read, for autocomplete (which cannot wait for the storage). */
  #known: { id: string; title: string }[] = [];

  /** Draft ids for what is typed, from the last read; reads again in the background. */
  suggestDrafts(typed: string, limit = 25): { label: string; value: string }[] {
    void this.pending(0).catch(() => undefined);
    const wanted = typed.trim().toLowerCase();
    return this.#known
      .filter((d) => !wanted || d.id.toLowerCase().includes(wanted) || d.title.toLowerCase().includes(wanted))
      .slice(0, limit)
      .map((d) => ({ label: `${d.id} — ${d.title}`, value: d.id }));
  }

  async pending(limit = 10): Promise<{ drafts: { record: DraftRecord; data: DraftData }[]; total: number }> {
    const all = await this.#o.storage.listDrafts({ status: 'pending' });
    this.#known = all.map((r) => ({ id: r.id, title: String((r.data as { title?: unknown })?.title ?? '') }));
    const drafts = all.slice(0, limit).flatMap((record) => {
      const parsed = DraftData.safeParse(record.data);
      return parsed.success ? [{ record, data: parsed.data }] : [];
    });
    return { drafts, total: all.length };
  }

  async get(id: string): Promise<{ record: DraftRecord; data: DraftData } | undefined> {
    const record = await this.#o.storage.getDraft(id.trim());
    if (!record) return undefined;
    const parsed = DraftData.safeParse(record.data);
    return parsed.success ? { record, data: parsed.data } : undefined;
  }

  /** The claims as they stand: the reviewer's, or the extractor's. */
  claimsOf(data: DraftData): ReviewedClaim[] {
    return data.review?.claims ?? data.claims.map((c) => ({ ...c, keep: true }));
  }

  /** The incident as it stands: the reviewer's choice, or the extractor's link, or new. */
  incidentOf(data: DraftData): string {
    return data.review?.incident ?? data.incident.id ?? 'new';
  }

  async edit(id: string, change: DraftChange, reviewer: Reviewer, version?: number): Promise<ReviewResult> {
    const found = await this.#pending(id, version);
    if (!found.ok) return found;
    const { record, data } = found;
    const review: ReviewState = structuredClone(data.review ?? { parties: [], history: [] });
    review.claims ??= this.claimsOf(data);
    const messages: string[] = [];
    const described: string[] = [];

    if (change.party) {
      const party = Party.safeParse(change.party);
      if (!party.success) return invalid(record, party.error.issues.map((i) => `party ${i.path.join('.')}: ${i.message}`));
      if (this.#kb.parties.has(party.data.id) || review.parties.some((p) => p.id === party.data.id)) return invalid(record, [`a party "${party.data.id}" exists already`]);
      review.parties.push(party.data);
      described.push(`added party ${party.data.id}`);
    }
    if (change.claim !== undefined || change.edit) {
      const n = change.claim ?? 1;
      const claim = review.claims[n - 1];
      if (!claim) return invalid(record, [`there is no claim ${n} (the draft has ${review.claims.length})`]);
      const edit = change.edit ?? {};
      if (edit.type) claim.type = edit.type;
      if (edit.by) {
        const by = this.#resolveParty(edit.by, review);
        if (typeof by === 'string') messages.push(by);
        else claim.by = by;
      }
      if (edit.against) {
        const against = edit.against.map((a) => this.#resolveParty(a, review));
        const errors = against.filter((a): a is string => typeof a === 'string');
        if (errors.length) messages.push(...errors);
        else claim.against = against as { id: string; name: string }[];
      }
      if (edit.date !== undefined) {
        if (!/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/.test(edit.date)) messages.push(`“${edit.date}” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
        else claim.date = edit.date;
      }
      if (edit.strength !== undefined) claim.strength = edit.strength;
      if (edit.basis) claim.basis = edit.basis;
      if (edit.keep !== undefined) claim.keep = edit.keep;
      described.push(`claim ${n}: ${Object.entries(edit).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' ')}`);
    }
    if (change.incident) {
      if (change.incident.trim().toLowerCase() === 'new') review.incident = 'new';
      else {
        const incident = this.#resolveIncident(change.incident);
        if (!incident) messages.push(`no incident matches “${change.incident}”; give its id (as /incident shows in the footer) or "new"`);
        else review.incident = incident;
      }
      described.push(`incident=${review.incident ?? change.incident}`);
    }
    if (change.newIncident) {
      const n = change.newIncident;
      const next = NewIncident.safeParse({
        ...(review.newIncident ?? { id: this.#newIncidentId(data), title: {}, summary: {}, victims: [], victimStates: [] }),
        ...(n.id ? { id: n.id } : {}),
      });
      if (!next.success) messages.push(`incident id: ${next.error.issues[0]?.message}`);
      else {
        const ni = next.data;
        if (n.titleEn) ni.title.en = n.titleEn;
        if (n.titleUr) ni.title.ur = n.titleUr;
        if (n.summaryEn) ni.summary.en = n.summaryEn;
        if (n.summaryUr) ni.summary.ur = n.summaryUr;
        if (n.occurred) ni.occurred = n.occurred;
        if (n.victimEn || n.victimUr) {
          if (!n.victimEn || !n.victimUr) messages.push('a victim needs both languages: victim-en and victim-ur');
          else ni.victims.push({ en: n.victimEn, ur: n.victimUr });
        }
        if (n.victimStates) ni.victimStates = n.victimStates;
        review.newIncident = ni;
        review.incident ??= 'new';
      }
      described.push('new incident fields');
    }
    if (messages.length) return invalid(record, messages);
    review.history.push(this.#action('edit', reviewer, undefined, described.join('; ') || 'no change'));
    try {
      const draft = await this.#o.storage.updateDraft(record.id, record.version, { ...data, review });
      return { ok: true, draft, data: DraftData.parse(draft.data) };
    } catch (err) {
      if (err instanceof StaleDraftError) return stale(err);
      throw err;
    }
  }

  /** What stands between the draft and publication, in words a reviewer can act on. */
  problems(data: DraftData): string[] {
    return this.#build('check', data).problems;
  }

  /** The publication the draft would make, with its prefilled texts (shown before approving). */
  preview(data: DraftData): { publication?: PublicationData; problems: string[] } {
    return this.#build('check', data);
  }

  async approve(id: string, reviewer: Reviewer, version?: number): Promise<ReviewResult> {
    const found = await this.#pending(id, version);
    if (!found.ok) return found;
    const { record, data } = found;
    const built = this.#build(record.id, data);
    if (!built.publication) return { ok: false, problem: 'incomplete', messages: built.problems, draft: record };
    const review: ReviewState = structuredClone(data.review ?? { parties: [], history: [] });
    review.history.push(this.#action('approve', reviewer));
    try {
      const { draft, published } = await this.#o.storage.decideDraft(record.id, record.version, {
        status: 'approved',
        data: { ...data, status: 'accepted', review },
        publish: { incidentId: built.publication.id, data: built.publication, draftId: record.id, publishedBy: reviewer.id },
      });
      if (published) this.#o.onPublished?.(published);
      return { ok: true, draft, data: DraftData.parse(draft.data), published };
    } catch (err) {
      if (err instanceof StaleDraftError) return stale(err);
      throw err;
    }
  }

  async reject(id: string, reviewer: Reviewer, reason: string, version?: number): Promise<ReviewResult> {
    const why = reason.trim();
    if (!why) return { ok: false, problem: 'invalid', messages: ['say why it is rejected (reason:…): the record keeps it'] };
    const found = await this.#pending(id, version);
    if (!found.ok) return found;
    const { record, data } = found;
    const review: ReviewState = structuredClone(data.review ?? { parties: [], history: [] });
    review.history.push(this.#action('reject', reviewer, why.slice(0, 500)));
    try {
      const { draft } = await this.#o.storage.decideDraft(record.id, record.version, { status: 'rejected', data: { ...data, status: 'rejected', review } });
      return { ok: true, draft, data: DraftData.parse(draft.data) };
    } catch (err) {
      if (err instanceof StaleDraftError) return stale(err);
      throw err;
    }
  }

  async #pending(id: string, version?: number): Promise<({ ok: true } & { record: DraftRecord; data: DraftData }) | Extract<ReviewResult, { ok: false }>> {
    const found = await this.get(id);
    if (!found) return { ok: false, problem: 'not-found', messages: [`there is no draft “${id.slice(0, 80)}”`] };
    if (found.record.status !== 'pending') return { ok: false, problem: 'decided', messages: [decidedLine(found.record, found.data)], draft: found.record };
    if (version !== undefined && version !== found.record.version) {
      return { ok: false, problem: 'stale', messages: [`the draft changed since version ${version}: it is at version ${found.record.version} now; look again before deciding`], draft: found.record };
    }
    return { ok: true, ...found };
  }

  #action(action: ReviewAction['action'], reviewer: Reviewer, reason?: string, change?: string): ReviewAction {
    return { action, by: reviewer.id, where: reviewer.where, at: this.#o.now().toISOString(), ...(reason ? { reason } : {}), ...(change ? { change } : {}) };
  }

  /** A curated party by id or any name (the registry's vendor names included), or a reason it is not one. */
  #resolveParty(name: string, review: ReviewState): { id: string; name: string } | string {
    const wanted = name.trim();
    if (this.#kb.parties.has(wanted) || review.parties.some((p) => p.id === wanted)) return { id: wanted, name: wanted };
    const found = lookup(this.#o.finder, wanted, 'entity');
    if (found.kind === 'found') {
      const entity = this.#kb.entities.get(found.hit.id);
      if (entity?.party) return { id: entity.party.id, name: wanted };
      return `“${wanted}” is ${entity?.name.en ?? found.hit.id} in the alias registry, not yet a curated party: add it with npm run review -- party (it needs an Urdu name)`;
    }
    if (found.kind === 'ambiguous') return `“${wanted}” names more than one party (${found.hits.map((h) => h.id).join(', ')}): give the id`;
    return `no party matches “${wanted}”`;
  }

  #resolveIncident(name: string): string | undefined {
    const wanted = name.trim();
    if (this.#kb.incidents.has(wanted)) return wanted;
    const found = lookup(this.#o.finder, wanted, 'incident');
    return found.kind === 'found' ? found.hit.id : undefined;
  }

  #newIncidentId(data: DraftData): string {
    const base = (data.incident.proposed?.title ?? data.title)
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .split('-')
      .slice(0, 6)
      .join('-');
    const year = (data.published ?? data.fetchedAt).slice(0, 4);
    const id = `${base || 'incident'}-${year}`;
    return SLUG.test(id) ? id : `incident-${year}`;
  }

  /** Builds the publication (curated format) or says what is missing. `draftKey` names its source and claim ids. */
  #build(draftKey: string, data: DraftData): { publication?: PublicationData; problems: string[] } {
    const problems: string[] = [];
    const review = data.review ?? { parties: [], history: [] };
    const parties = new Map(this.#kb.parties);
    for (const p of review.parties ?? []) parties.set(p.id, p);
    const names = partyNamer(parties);
    const kept = this.claimsOf(data).filter((c) => c.keep);
    if (!kept.length) problems.push('no claim is kept: keep at least one, or reject the draft');
    const short = draftKey.replace(/[^a-z0-9]+/gi, '-').toLowerCase().replace(/^-+|-+$/g, '').slice(-24) || 'draft';
    const sourceId = `ingest-${short}`.replace(/-+/g, '-');
    const claims: Claim[] = [];
    kept.forEach((c, i) => {
      const n = i + 1;
      const unknown = [c.by, ...c.against].filter((p) => !p.id || !parties.has(p.id));
      for (const p of unknown) problems.push(`claim ${n}: “${p.name}” is not a known party: set it (by:… / against:…) to one`);
      const date = (c.date ?? data.published) as PartialDate | null;
      if (!date) problems.push(`claim ${n}: no date: set one (date:YYYY-MM-DD)`);
      if (unknown.length || !date) return;
      const claim: Claim = {
        id: `${short}-c${n}`,
        type: c.type,
        date,
        by: c.by.id!,
        against: c.against.map((a) => a.id!),
        summary: claimSummary({ type: c.type, by: c.by.id!, against: c.against.map((a) => a.id!) }, names),
        sources: [sourceId],
        ...(c.basis ? { basis: c.basis } : {}),
        ...(c.strength ? { strength: c.strength } : {}),
        ...(c.reportedBy?.id && parties.get(c.reportedBy.id)?.kind === 'media' ? { reportedBy: c.reportedBy.id } : {}),
      };
      const parsed = Claim.safeParse(claim);
      if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`claim ${n}: ${issue.path.join('.') || 'claim'}: ${issue.message}`);
      else claims.push(parsed.data);
    });
    const source = {
      id: sourceId,
      publisher: data.source,
      title: data.title || data.url,
      date: (data.published ?? data.fetchedAt.slice(0, 10)) as PartialDate,
      url: data.url,
      language: data.language,
    };
    const incidentChoice = this.incidentOf(data);
    if (incidentChoice !== 'new') {
      const existing = this.#kb.incidents.get(incidentChoice);
      if (!existing) problems.push(`the incident “${incidentChoice}” is not in the data`);
      if (problems.length || !existing) return { problems };
      // Ids unique within the incident, even when a second draft adds to it.
      const taken = new Set(existing.claims.map((c) => c.id));
      for (const c of claims) if (taken.has(c.id)) problems.push(`claim id ${c.id} is taken in ${existing.id}`);
      const refs = checkInternalReferences([...parties.values()], [{ ...existing, sources: [...existing.sources, source], claims: [...existing.claims, ...claims] }]);
      problems.push(...refs.map((p) => `${p.field ?? ''} ${p.message}`.trim()));
      if (problems.length) return { problems };
      return { publication: { mode: 'add', id: existing.id, sources: [source], claims, ...(review.parties?.length ? { parties: review.parties } : {}) }, problems };
    }
    // Everything a new incident lacks is said at once, with the claims' problems.
    const lead = claims.find((c) => c.type === 'accusation') ?? claims.find((c) => c.type === 'claim-of-responsibility');
    const leadKept = kept.some((c) => c.type === 'accusation' || c.type === 'claim-of-responsibility');
    if (!leadKept) problems.push('a new incident needs an accusation or a claim of responsibility among the kept claims');
    const ni = review.newIncident ?? { id: this.#newIncidentId(data), title: {}, summary: {}, victims: [], victimStates: [] };
    const prefill = lead ? incidentPrefill(lead, names) : undefined;
    if (this.#kb.incidents.has(ni.id)) problems.push(`the incident id “${ni.id}” is taken: set another (id:…) or add to that incident (incident:${ni.id})`);
    if (!ni.victims.length) problems.push('a new incident needs its victims: victim-en:… victim-ur:…');
    if (problems.length || !lead) return { problems };
    const dates = claims.map((c) => c.date).sort();
    const attributed = claims.filter((c) => c.type === 'accusation').map((c) => c.date).sort()[0] ?? dates[0]!;
    const incident = {
      id: ni.id,
      title: { en: ni.title.en ?? prefill!.title.en, ur: ni.title.ur ?? prefill!.title.ur },
      summary: { en: ni.summary.en ?? prefill!.summary.en, ur: ni.summary.ur ?? prefill!.summary.ur },
      occurred: { start: (ni.occurred ?? dates[0]!) as PartialDate },
      firstAttributed: attributed,
      victims: ni.victims,
      names: [],
      tags: ['ingested'],
      victimStates: ni.victimStates,
      sources: [source],
      claims,
      notes: [`Published from a reviewed draft (${draftKey}) of ${data.url}.`],
    };
    const parsed = Incident.safeParse(incident);
    if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
    const refs = checkInternalReferences([...parties.values()], [parsed.data]);
    if (refs.length) return { problems: refs.map((p) => `${p.field ?? ''} ${p.message}`.trim()) };
    return { publication: { mode: 'new', ...parsed.data, ...(review.parties?.length ? { parties: review.parties } : {}) }, problems: [] };
  }
}

function invalid(record: DraftRecord, messages: string[]): ReviewResult {
  return { ok: false, problem: 'invalid', messages, draft: record };
}

function stale(err: StaleDraftError): ReviewResult {
  const current = err.current;
  if (current && current.status !== 'pending') {
    const parsed = DraftData.safeParse(current.data);
    return { ok: false, problem: 'decided', messages: [decidedLine(current, parsed.success ? parsed.data : undefined)], draft: current };
  }
  return { ok: false, problem: 'stale', messages: ['someone changed the draft a moment ago: look at it again, then decide'], draft: current };
}

function decidedLine(record: DraftRecord, data: DraftData | undefined): string {
  const last = data?.review?.history.filter((h) => h.action !== 'edit').at(-1);
  const who = last ? ` by ${last.by} on ${last.at.slice(0, 16).replace('T', ' ')} UTC${last.reason ? ` (${last.reason})` : ''}` : '';
  return `the draft was already ${record.status}${who}`;
}
