// The commands a new user runs, as subprocesses: the console bot fed from a pipe (npm start
// with no tokens) and the scripting CLI with --json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
// A state directory of this run's own: nothing a previous run (or an older build) left there is read.
const stateDir = mkdtempSync(path.join(tmpdir(), 'ilzam-entry-'));
// No platform tokens, whatever the developer's shell or .env has: the console bot must start.
const env = { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', DEFAULT_LANG: 'en', ILZAM_STATE_DIR: stateDir };
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

function run(script: string, args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env, input, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm start with no tokens: the console bot reads a pipe', () => {
  it('answers /incident volt typhoon in English with the accusation, the denial and sources', () => {
    const { code, out } = run('src/main.ts', [], '/incident volt typhoon\n');
    expect(code).toBe(0);
    expect(out).toContain('Volt Typhoon');
    expect(out).toContain('Accused by');
    expect(out).toContain('Microsoft (24 May 2023; technical report)');
    expect(out).toContain('25 May 2023: The Chinese Ministry of Foreign Affairs denied the accusation');
    expect(out).toContain('Sources:');
    expect(out).toContain('https://www.microsoft.com/');
  });
  it('answers in Urdu for lang:ur and for an Urdu query, line after line, then exits', () => {
    const { code, out } = run('src/main.ts', [], '/incident volt typhoon lang:ur\n\n/incident وولٹ ٹائیفون\n/help\n');
    expect(code).toBe(0);
    const urdu = out.split('الزام عائد کرنے والے').length - 1;
    expect(urdu).toBe(2);
    expect(out).toContain('مائیکروسافٹ (24 مئی 2023؛ تکنیکی رپورٹ)');
    expect(out).toContain('تردید اور ردعمل: 25 مئی 2023: چینی وزارت خارجہ نے الزام کی تردید کی');
    // A pipe gets plain logical order: no bidi marks unless ILZAM_RTL_MARKS asks for them.
    expect(out).not.toMatch(/[\u200E\u200F\u2066-\u2069]/u);
    expect(out).toContain('/actor');
  });
});

describe('the CLI', () => {
  it('search --json: results best first, with kind, id, names in both languages and aliases', () => {
    const { code, out } = run('src/cli/index.ts', ['search', 'fancy', 'bear', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.query).toBe('fancy bear');
    const first = json.results[0];
    expect(first).toMatchObject({ kind: 'entity', id: 'apt28', names: { en: 'APT28', ur: 'اے پی ٹی 28' } });
    expect(first.aliases.map((a: { name: string }) => a.name)).toContain('FANCY BEAR');
    const scores = json.results.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(json.results.some((r: { kind: string; title?: unknown }) => r.kind === 'incident' && r.title)).toBe(true);
  });
  it('incident --json: the incident with its parties, claims and sources', () => {
    const { code, out } = run('src/cli/index.ts', ['incident', 'sony', 'hack', '2014', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.id).toBe('sony-pictures-2014');
    expect(json.contested).toBe(true);
    expect(json.parties.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['fbi', 'north-korea']));
    expect(json.claims.length).toBeGreaterThan(3);
    expect(json.sources.length).toBeGreaterThan(1);
  });
  it('week --date prints the digest for that date; nothing matched exits 1; bad usage exits 2', () => {
    const week = run('src/cli/index.ts', ['week', '--date', '2023-05-27', '--json']);
    expect(week.code).toBe(0);
    expect(JSON.parse(week.out).recent.map((c: { incident: string }) => c.incident)).toContain('volt-typhoon');
    expect(run('src/cli/index.ts', ['incident', 'qqqzzzxx']).code).toBe(1);
    expect(run('src/cli/index.ts', ['incident', 'volt', '--lang', 'fr']).code).toBe(2);
    expect(run('src/cli/index.ts', ['week', '--date', '2023-13-45']).code).toBe(2);
    const unknown = run('src/cli/index.ts', ['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('usage:');
  });
});
