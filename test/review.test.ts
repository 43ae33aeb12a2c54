// Review and publishing, end to end on the real storage: a draft the ingester made is edited,
// approved (once, even when two reviewers race) and at once answerable — /incident finds it,
// /week lists it under the last seven days, the day's digest includes it — from the CLI in
// another process too; a rejection keeps its reason; non-reviewers are refused; data:export
// writes the result in the curated format and data:check accepts it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandRegistry } from '../commands/index.ts';
import { parseReviewText } from '../commands/review.ts';
import { LOCAL_CALLER, Bot } from '../src/core/bot.ts';
import { loadKnowledgeBase } from '../src/knowledge/load.ts';
import type { Caller } from '../src/core/command.ts';
import { digestReply } from '../src/digest/texts.ts';
import { Publisher } from '../src/review/publisher.ts';
import { ReviewService } from '../src/review/service.ts';
import { openStateStore, type StateStore } from '../src/store/file-storage.ts';
import { sampleDraft } from './review-fixtures.ts';

const root = path.resolve(import.meta.dirname, '..');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-review-'));
  temps.push(dir);
  return dir;
}

const REVIEWER: Caller = { ...LOCAL_CALLER, platform: 'test', user: 'R1', isReviewer: true };
const day = '2026-11-30';

async function setup(): Promise<{ dir: string; storage: StateStore; bot: Bot; publisher: Publisher }> {
  const dir = tempDir();
  const storage = await openStateStore({ dir });
  const base = Bot.fromKnowledge(loadKnowledgeBase(), { defaultLang: 'en', timeZone: 'Asia/Karachi' }, commandRegistry());
  const publisher = new Publisher(base.kb, base.search, storage);
  await publisher.start();
  const review = new ReviewService({ storage, finder: base, onPublished: (r) => void publisher.published(r) });
  return { dir, storage, bot: base.withServices({ review }), publisher };
}

const run = (bot: Bot, text: string, caller: Caller = REVIEWER) => bot.run('review', parseReviewText(text), caller);
const textOf = (r: { title: string; description?: string; fields: { label: string; lines: string[] }[] }) => [r.title, r.description ?? '', ...r.fields.flatMap((f) => [f.label, ...f.lines])].join('\n');

describe('review in the core', () => {
  it('lists and shows a draft with its evidence, says what blocks it, takes corrections, and publishes on approval', async () => {
    const { storage, bot, publisher } = await setup();
    await storage.addDrafts([{ id: sampleDraft().id, data: sampleDraft() }]);
    const list = await run(bot, '');
    expect(list.title).toBe('Drafts waiting for review: 1');
    expect(textOf(list)).toContain('test-feed-0123456789abcdef');
    const shown = await run(bot, 'show test-feed-0123456789abcdef');
    expect(textOf(shown)).toContain('highly likely that Russia’s GRU was behind');
    expect(textOf(shown)).toContain('the Russian embassy in London (?)');
    expect(textOf(shown)).toMatch(/“the Russian embassy in London” is not a known party/);
    expect(textOf(shown)).toMatch(/needs its victims/);
    // Not ready: approving says why, and publishes nothing.
    const early = await run(bot, 'approve test-feed-0123456789abcdef');
    expect(early.title).toBe('Not ready to publish');
    expect(await storage.publishedSince(0)).toEqual([]);
    // Corrections: the embassy by any name, the new incident's victims and id.
    const edited = await run(bot, 'edit test-feed-0123456789abcdef claim:2 by:russian embassy in washington');
    expect(textOf(edited)).not.toMatch(/not a known party/);
    const named = await run(bot, 'edit test-feed-0123456789abcdef id:baltic-ports-2026 victim-en:Ports on the Baltic Sea victim-ur:بحیرہ بالٹک کی بندرگاہیں');
    expect(textOf(named)).toContain('New incident: Cyber attack attributed to');
    const approved = await run(bot, 'approve test-feed-0123456789abcdef');
    expect(approved.title).toBe('Approved and published');
    await publisher.catchUp();
    // Answerable at once: /incident, /week's last seven days, the day's digest.
    const incident = await bot.run('incident', { query: 'baltic ports' });
    expect(incident.kind).toBe('incident');
    expect(textOf(incident)).toContain('National Cyber Security Centre');
    const week = await bot.run('week', { date: '2026-12-01' });
    expect(week.fields[0]!.lines.join('\n')).toMatch(/30 November 2026: .*National Cyber Security Centre/);
    expect(JSON.stringify(digestReply(bot.kb, '2026-12-01', 'ur'))).toContain('30 نومبر 2026');
    // Urdu, prefilled from the parties.
    const ur = await bot.run('incident', { query: 'baltic-ports-2026', lang: 'ur' });
    expect(ur.title).toMatch(/منسوب سائبر حملہ/);
    // The record keeps who and where.
    const record = (await storage.getDraft('test-feed-0123456789abcdef'))!;
    expect(record.status).toBe('approved');
    expect((record.data as { review: { history: { action: string; by: string }[] } }).review.history.map((h) => `${h.action} ${h.by}`)).toEqual(['edit test:R1', 'edit test:R1', 'approve test:R1']);
    const [published] = await storage.publishedSince(0);
    expect(published).toMatchObject({ incidentId: 'baltic-ports-2026', draftId: 'test-feed-0123456789abcdef', publishedBy: 'test:R1' });
  });

  it('adds claims to an existing incident when the draft is about one', async () => {
    const { storage, bot, publisher } = await setup();
    const draft = sampleDraft('test-feed-volt000000000000');
    draft.claims = [{ type: 'accusation', by: { id: 'fbi', name: 'the FBI' }, against: [{ id: 'volt-typhoon', name: 'Volt Typhoon' }], date: day, strength: 'responsible', evidence: 'The FBI said Volt Typhoon was responsible.' }];
    draft.incident = { id: 'volt-typhoon', score: 0.9 };
    await storage.addDrafts([{ id: draft.id, data: draft }]);
    const before = bot.kb.incidents.get('volt-typhoon')!.claims.length;
    expect((await run(bot, `approve ${draft.id}`)).title).toBe('Approved and published');
    await publisher.catchUp();
    expect(bot.kb.incidents.get('volt-typhoon')!.claims.length).toBe(before + 1);
    const week = await bot.run('week', { date: '2026-12-01' });
    expect(week.fields[0]!.lines.join('\n')).toMatch(/FBI.*Volt Typhoon/);
  });

  it('two reviewers approving at once publish once; the other is told who did it', async () => {
    const { storage, bot } = await setup();
    const draft = sampleDraft('test-feed-race000000000000');
    draft.claims = draft.claims.slice(0, 1);
    draft.incident = { id: 'volt-typhoon', score: 0.9 };
    await storage.addDrafts([{ id: draft.id, data: draft }]);
    const [a, b] = await Promise.all([run(bot, `approve ${draft.id}`), run(bot, `approve ${draft.id}`, { ...REVIEWER, user: 'R2' })]);
    expect([a.title, b.title].sort()).toEqual(['Already decided', 'Approved and published']);
    const loser = a.title === 'Already decided' ? a : b;
    expect(loser.description).toMatch(/already approved by test:R\d/);
    expect(await storage.publishedSince(0)).toHaveLength(1);
  });

  it('a rejection needs and keeps its reason; non-reviewers and unknown drafts get clear answers', async () => {
    const { storage, bot } = await setup();
    await storage.addDrafts([{ id: sampleDraft().id, data: sampleDraft() }]);
    expect((await run(bot, `reject ${sampleDraft().id}`)).description).toMatch(/say why/);
    const rejected = await run(bot, `reject ${sampleDraft().id} reason:about a ransomware gang, not a state`);
    expect(rejected.title).toBe('Rejected');
    const record = (await storage.getDraft(sampleDraft().id))!;
    expect((record.data as { review: { history: { reason?: string }[] } }).review.history.at(-1)!.reason).toBe('about a ransomware gang, not a state');
    expect((await run(bot, `approve ${sampleDraft().id}`)).title).toBe('Already decided');
    expect((await run(bot, '', { ...REVIEWER, isReviewer: false })).title).toBe('Only reviewers can use /review');
    expect((await run(bot, 'show nope')).title).toBe('No such draft');
    expect((await run(bot, 'edit nope claim:9 type:nonsense')).title).toBe('That change cannot be made');
  });
});

describe('npm run review and the CLI, in other processes', () => {
  it('approves a draft from the terminal; the CLI answers with it right after; data:export writes it and data:check accepts it', async () => {
    const dir = tempDir();
    const storage = await openStateStore({ dir });
    await storage.addDrafts([{ id: sampleDraft().id, data: sampleDraft() }]);
    await storage.close();
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ILZAM_STATE_DIR: dir };
    const node = (script: string, args: string[], extra: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env: { ...env, ...extra }, encoding: 'utf8', timeout: 120_000 });
    const id = sampleDraft().id;
    expect(node('scripts/review.ts', ['edit', id, 'claim:2', 'by:russian-embassy-us']).status).toBe(0);
    expect(node('scripts/review.ts', ['edit', id, 'victim-en:Ports on the Baltic Sea', 'victim-ur:بحیرہ بالٹک کی بندرگاہیں', 'id:baltic-ports-2026']).status).toBe(0);
    const approved = node('scripts/review.ts', ['approve', id]);
    expect(approved.stdout).toContain('Approved and published');
    expect(approved.status).toBe(0);
    expect(node('scripts/review.ts', ['approve', id]).status).toBe(1);
    const answer = node('src/cli/index.ts', ['incident', 'baltic', 'ports', '--json']);
    expect(answer.status).toBe(0);
    expect(JSON.parse(answer.stdout)).toMatchObject({ id: 'baltic-ports-2026' });
    // Export into a copy of data/, then validate the copy.
    const data = path.join(tempDir(), 'data');
    cpSync(path.join(root, 'data'), data, { recursive: true });
    expect(node('scripts/export-data.ts', [], { ILZAM_DATA_DIR: data }).stdout).toMatch(/1 new incidents/);
    const exported = JSON.parse(readFileSync(path.join(data, 'incidents', 'baltic-ports-2026.json'), 'utf8'));
    expect(exported).toMatchObject({ id: 'baltic-ports-2026', tags: ['ingested'] });
    expect(exported).not.toHaveProperty('mode');
    const check = node('scripts/check-data.ts', [], { ILZAM_DATA_DIR: data });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
