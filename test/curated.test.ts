import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataValidationError, DEFAULT_DATA_DIR, loadCuratedDataset } from '../src/store/curated.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the real data folder to break things in. */
function copyOfData(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-data-'));
  dirs.push(dir);
  cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
  return dir;
}

function editJson(file: string, edit: (value: any) => void): void {
  const value = JSON.parse(readFileSync(file, 'utf8'));
  edit(value);
  writeFileSync(file, JSON.stringify(value, null, 2));
}

function problemsOf(dir: string): string {
  try {
    loadCuratedDataset(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(DataValidationError);
    return (err as Error).message;
  }
  throw new Error('expected the data to be rejected');
}

describe('the curated dataset', () => {
  it('loads and validates: at least 30 incidents, each with an accusation or a claim of responsibility, and sources', () => {
    const data = loadCuratedDataset();
    expect(data.incidents.length).toBeGreaterThanOrEqual(30);
    for (const incident of data.incidents) {
      expect(incident.claims.some((c) => c.type === 'accusation' || c.type === 'claim-of-responsibility')).toBe(true);
      for (const claim of incident.claims) expect(claim.sources.length).toBeGreaterThan(0);
    }
  });

  it('rejects a file that is not JSON, naming the file, and leaves it as it was', () => {
    const dir = copyOfData();
    const file = path.join(dir, 'incidents', 'volt-typhoon.json');
    writeFileSync(file, '{ "id": "volt-typhoon", ');
    expect(problemsOf(dir)).toMatch(/volt-typhoon\.json.*not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{ "id": "volt-typhoon", ');
  });

  it('names the record and the field of a schema error', () => {
    const dir = copyOfData();
    editJson(path.join(dir, 'incidents', 'volt-typhoon.json'), (v) => {
      v.claims[0].date = '24 May 2023';
      delete v.claims[1].sources;
    });
    const message = problemsOf(dir);
    expect(message).toContain('volt-typhoon.json');
    expect(message).toMatch(/claim microsoft-attributes.*field claims\.0\.date/);
    expect(message).toMatch(/claims\.1\.sources/);
  });

  it('rejects a claim naming an unknown party or source', () => {
    const dir = copyOfData();
    editJson(path.join(dir, 'incidents', 'volt-typhoon.json'), (v) => {
      v.claims[0].by = 'atlantis';
      v.claims[0].sources = ['nowhere'];
    });
    const message = problemsOf(dir);
    expect(message).toMatch(/field claims\.0\.by: unknown party "atlantis"/);
    expect(message).toMatch(/unknown source "nowhere"/);
  });

  it('rejects duplicate ids, naming both files', () => {
    const dir = copyOfData();
    cpSync(path.join(dir, 'incidents', 'volt-typhoon.json'), path.join(dir, 'incidents', 'zz-copy.json'));
    editJson(path.join(dir, 'parties', 'core.json'), (v) => v.parties.push({ ...v.parties[0] }));
    const message = problemsOf(dir);
    expect(message).toMatch(/zz-copy\.json, record "volt-typhoon": duplicate incident id \(also in .*volt-typhoon\.json\)/);
    expect(message).toMatch(/zz-copy\.json, record "volt-typhoon", field id: must match the file name/);
    expect(message).toMatch(/record "united-states": duplicate party id/);
  });

  it('rejects Urdu text that is not in Urdu script, and a missing language', () => {
    const dir = copyOfData();
    editJson(path.join(dir, 'incidents', 'volt-typhoon.json'), (v) => {
      v.title.ur = 'Volt Typhoon';
      delete v.summary.ur;
    });
    const message = problemsOf(dir);
    expect(message).toMatch(/field title\.ur: Urdu text must be written in Urdu script/);
    expect(message).toMatch(/field summary\.ur/);
  });

  it('rejects a news outlet as the accuser, but not as the author of its own statement', () => {
    const dir = copyOfData();
    editJson(path.join(dir, 'incidents', 'volt-typhoon.json'), (v) => {
      const accusation = v.claims.findIndex((c: { type: string }) => c.type === 'accusation');
      v.claims[accusation].by = 'wall-street-journal';
      v.claims.push({ ...v.claims[accusation], id: 'outlet-own-finding', type: 'statement', against: [] });
      v.claims.push({ ...v.claims[accusation], id: 'outlet-counter', type: 'counter-accusation', by: 'xinhua', against: ['united-states'] });
    });
    const message = problemsOf(dir);
    expect(message).toMatch(/claim microsoft-attributes", field claims\.\d+\.by: a news outlet is not an accuser: record the officials it quoted as anonymous-officials with reportedBy/);
    expect(message).toMatch(/claim outlet-counter", field claims\.\d+\.by: a news outlet is not an accuser/);
    expect(message).not.toMatch(/outlet-own-finding/);
  });

  it('requires the outlet of anonymous officials, and that the outlet is a media party', () => {
    const dir = copyOfData();
    editJson(path.join(dir, 'incidents', 'stuxnet-2010.json'), (v) => {
      const anon = v.claims.find((c: { by: string }) => c.by === 'us-officials-unnamed');
      delete anon.reportedBy;
      const other = v.claims.find((c: { id: string; by: string }) => c.id !== anon.id && c.by === 'us-officials-unnamed');
      other.reportedBy = 'fbi';
    });
    const message = problemsOf(dir);
    expect(message).toMatch(/reportedBy: anonymous officials need the outlet that reported them/);
    expect(message).toMatch(/reportedBy: "fbi" is not a known media party/);
  });

  it('reports a missing data folder clearly', () => {
    expect(problemsOf(path.join(os.tmpdir(), 'ilzam-no-such-dir'))).toMatch(/ilzam-no-such-dir.*cannot be read \(ENOENT\)/);
  });
});
