// Validates the curated, git-reviewed dataset from data/: parties, incidents and the dataset
// meta. Every file is parsed through the zod schemas; any problem is reported with the file,
// the record and the field, and loading fails as a whole. data:check, the import and the tests
// load through here; a start-up does too unless data:check has validated exactly these files
// (src/knowledge/open.ts). Nothing here ever writes to data/.
import path from 'node:path';
import type { z } from 'zod';
import { DatasetMeta, Incident, PartiesFile, type Claim, type Party } from '../domain/schema.ts';
import { DataValidationError, DEFAULT_DATA_DIR, IMPORTED_DIR, readCuratedFiles, type CuratedDataset, type CuratedFiles, type DataProblem } from './curated-files.ts';

export { DataValidationError, DEFAULT_DATA_DIR, formatProblem, IMPORTED_DIR, type CuratedDataset, type DataProblem } from './curated-files.ts';

/** Turns zod issues into problems that name the record by its id where the path allows. */
export function zodProblems(file: string, error: z.ZodError, recordOf: (path: PropertyKey[]) => string | undefined): DataProblem[] {
  return error.issues.map((issue) => ({
    file,
    record: recordOf(issue.path),
    field: issue.path.length ? issue.path.join('.') : undefined,
    message: issue.message,
  }));
}

const rel = (f: string) => path.relative(process.cwd(), f) || f;

function idAt(value: unknown, ...keys: PropertyKey[]): string | undefined {
  let v: unknown = value;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' ? (v as { id: string }).id : undefined;
}

/**
 * Loads and checks the curated dataset. Structural checks are done here; cross-references
 * that need the alias registry are checked by scripts/check-data.ts.
 */
export function loadCuratedDataset(dataDir = DEFAULT_DATA_DIR): CuratedDataset {
  return validateCurated(readCuratedFiles(dataDir));
}

/** Validates files read by readCuratedFiles; throws DataValidationError naming every problem. */
export function validateCurated(files: CuratedFiles): CuratedDataset {
  const problems: DataProblem[] = [...files.problems];

  const metaFile = files.meta.file;
  const metaRaw = files.meta.raw;
  let meta: DatasetMeta = { reviewed: '1970', version: 'unknown' };
  if (metaRaw !== undefined) {
    const parsed = DatasetMeta.safeParse(metaRaw);
    if (parsed.success) meta = parsed.data;
    else problems.push(...zodProblems(rel(metaFile), parsed.error, () => undefined));
  }

  const parties: Party[] = [];
  const partyFile = new Map<string, string>();
  for (const { file, raw } of files.parties) {
    if (raw === undefined) continue;
    const parsed = PartiesFile.safeParse(raw);
    if (!parsed.success) {
      problems.push(...zodProblems(rel(file), parsed.error, (p) => (p[0] === 'parties' ? idAt(raw, 'parties', p[1]!) : undefined)));
      continue;
    }
    for (const party of parsed.data.parties) {
      const seen = partyFile.get(party.id);
      if (seen) problems.push({ file: rel(file), record: party.id, message: `duplicate party id (also in ${seen})` });
      else partyFile.set(party.id, rel(file));
      parties.push(party);
    }
  }

  const incidents: Incident[] = [];
  const incidentFile = new Map<string, string>();
  for (const { file, imported, raw } of files.incidents) {
    if (raw === undefined) continue;
    const parsed = Incident.safeParse(raw);
    if (!parsed.success) {
      const id = idAt({ r: raw }, 'r') ?? path.basename(file, '.json');
      problems.push(
        ...zodProblems(rel(file), parsed.error, (p) =>
          p[0] === 'claims' || p[0] === 'sources' ? `${id} ${String(p[0]).slice(0, -1)} ${idAt(raw, p[0], p[1]!) ?? `#${String(p[1])}`}` : id,
        ),
      );
      continue;
    }
    if (imported !== (parsed.data.imported !== undefined)) {
      const why = imported ? `an incident in ${IMPORTED_DIR}/ must say where it was imported from (field imported)` : `an imported incident belongs in ${IMPORTED_DIR}/, not incidents/`;
      problems.push({ file: rel(file), record: parsed.data.id, field: 'imported', message: why });
    }
    if (path.basename(file, '.json') !== parsed.data.id) {
      problems.push({ file: rel(file), record: parsed.data.id, field: 'id', message: `must match the file name (${path.basename(file)})` });
    }
    const seen = incidentFile.get(parsed.data.id);
    if (seen) problems.push({ file: rel(file), record: parsed.data.id, message: `duplicate incident id (also in ${seen})` });
    else incidentFile.set(parsed.data.id, rel(file));
    incidents.push(parsed.data);
  }

  problems.push(...checkInternalReferences(parties, incidents, partyFile, incidentFile));
  if (problems.length) throw new DataValidationError(problems);
  return { meta, parties, incidents };
}

/** Claim types that attribute the attack to someone (or turn the charge around). */
const ATTRIBUTING: readonly Claim['type'][] = ['accusation', 'confirmation', 'counter-accusation'];

/** References inside the curated data: party ids, source ids, claim ids, states. */
export function checkInternalReferences(
  parties: Party[],
  incidents: Incident[],
  partyFile = new Map<string, string>(),
  incidentFile = new Map<string, string>(),
): DataProblem[] {
  const problems: DataProblem[] = [];
  const byId = new Map(parties.map((p) => [p.id, p]));
  for (const party of parties) {
    if (party.state) {
      const state = byId.get(party.state);
      if (!state) problems.push({ file: partyFile.get(party.id) ?? 'data/parties', record: party.id, field: 'state', message: `unknown party "${party.state}"` });
      else if (state.kind !== 'state') problems.push({ file: partyFile.get(party.id) ?? 'data/parties', record: party.id, field: 'state', message: `"${party.state}" is a ${state.kind}, not a state` });
    }
  }
  for (const incident of incidents) {
    const file = incidentFile.get(incident.id) ?? `data/incidents/${incident.id}.json`;
    const sourceIds = new Set<string>();
    incident.sources.forEach((s, i) => {
      if (sourceIds.has(s.id)) problems.push({ file, record: incident.id, field: `sources.${i}.id`, message: `duplicate source id "${s.id}"` });
      sourceIds.add(s.id);
    });
    const claimIds = new Set(incident.claims.map((c) => c.id));
    if (claimIds.size !== incident.claims.length) problems.push({ file, record: incident.id, field: 'claims', message: 'duplicate claim ids' });
    if (!incident.claims.some((c) => c.type === 'accusation' || c.type === 'claim-of-responsibility')) {
      problems.push({ file, record: incident.id, field: 'claims', message: 'an incident needs at least one accusation or claim of responsibility' });
    }
    incident.victimStates.forEach((id, i) => {
      const party = byId.get(id);
      if (party?.kind !== 'state') problems.push({ file, record: incident.id, field: `victimStates.${i}`, message: party ? `"${id}" is a ${party.kind}, not a state` : `unknown party "${id}"` });
    });
    incident.claims.forEach((claim, i) => {
      const at = `claims.${i}`;
      for (const [field, id] of [['by', claim.by], ...claim.against.map((a, j) => [`against.${j}`, a])] as const) {
        if (!byId.has(id)) problems.push({ file, record: `${incident.id} claim ${claim.id}`, field: `${at}.${field}`, message: `unknown party "${id}"` });
      }
      claim.sources.forEach((s, j) => {
        if (!sourceIds.has(s)) problems.push({ file, record: `${incident.id} claim ${claim.id}`, field: `${at}.sources.${j}`, message: `unknown source "${s}"` });
      });
      const where = { file, record: `${incident.id} claim ${claim.id}` };
      const by = byId.get(claim.by);
      if (claim.reportedBy && byId.get(claim.reportedBy)?.kind !== 'media') {
        problems.push({ ...where, field: `${at}.reportedBy`, message: `"${claim.reportedBy}" is not a known media party` });
      }
      // "The Washington Post accused Russia" misstates who spoke: the outlet reports, the
      // officials it quoted accuse. A statement of the outlet's own finding stays allowed.
      if (by?.kind === 'media' && ATTRIBUTING.includes(claim.type)) {
        problems.push({ ...where, field: `${at}.by`, message: 'a news outlet is not an accuser: record the officials it quoted as anonymous-officials with reportedBy' });
      }
      if (by?.kind === 'anonymous-officials' && !claim.reportedBy) {
        problems.push({ ...where, field: `${at}.reportedBy`, message: 'anonymous officials need the outlet that reported them' });
      }
      if (claim.respondsTo && !claimIds.has(claim.respondsTo)) {
        problems.push({ file, record: `${incident.id} claim ${claim.id}`, field: `${at}.respondsTo`, message: `unknown claim "${claim.respondsTo}"` });
      }
    });
    if (incident.firstAttributed < incident.occurred.start.slice(0, incident.firstAttributed.length)) {
      problems.push({ file, record: incident.id, field: 'firstAttributed', message: 'is before the incident started' });
    }
  }
  return problems;
}
