// `npm run cli -- alerts`, as a subprocess: what a channel following some names would have been
// sent since a day, with the curated data's dated claims standing in for the published stream.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClaimMatcher } from '../src/knowledge/follow-targets.ts';
import { testBot } from './helpers.ts';

const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', DEFAULT_LANG: 'en' };

function cli(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'alerts', ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run cli -- alerts', () => {
  it('--json: the follows as resolved, and one post per incident and day with every matching claim since the day', () => {
    const { code, out } = cli(['--since', '2024-01-01', '--follow', 'Fancy Bear', '--follow', 'پاکستان', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.follows).toEqual([
      { query: 'Fancy Bear', kind: 'actor', id: 'apt28', label: 'APT28 (Russia)' },
      { query: 'پاکستان', kind: 'state', id: 'pakistan', label: 'Pakistan' },
    ]);
    // Every dated claim since the day about APT28 or Pakistan, counted from the data itself.
    const { kb } = testBot();
    const matcher = new ClaimMatcher(kb, { actors: ['apt28'], states: ['pakistan'] });
    const expected = [...kb.incidents.values()].flatMap((i) => i.claims.filter((c) => c.date.length === 10 && c.date >= '2024-01-01' && matcher.matches(c, { incidentId: i.id, victimStates: i.victimStates })).map((c) => `${i.id}/${c.id}`));
    const keys = json.posts.flatMap((p: { claims: { key: string }[] }) => p.claims.map((c) => c.key));
    expect(keys.sort()).toEqual(expected.sort());
    expect(json.claims).toBe(expected.length);
    expect(json.posts.map((p: { date: string }) => p.date)).toEqual([...json.posts.map((p: { date: string }) => p.date)].sort());
    const spd = json.posts.find((p: { incident: string }) => p.incident === 'apt28-spd-2024');
    expect(spd.title).toMatch(/new claims? — APT28 \(Russia\)/);
    expect(spd.claims[0]).toMatchObject({ date: '2024-05-03', line: expect.stringContaining('APT28 (Russia)'), sources: expect.any(Array) });
  });

  it('prints the posts as the console would, in Urdu with --lang ur; an unknown name exits 1 and bad usage 2', () => {
    const ur = cli(['--since', '2024-05-01', '--follow', 'apt28', '--lang', 'ur']);
    expect(ur.code).toBe(0);
    expect(ur.out).toContain('نئے دعوے — اے پی ٹی 28 (روس)');
    const unknown = cli(['--since', '2024-05-01', '--follow', 'qqqzzzxx']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('nothing to follow matched "qqqzzzxx"');
    expect(cli(['--follow', 'apt28']).code).toBe(2);
    expect(cli(['--since', '2024-05-01']).code).toBe(2);
  });
});
