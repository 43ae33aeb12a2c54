// Hostile input through the real entry points, as child processes: the console bot (npm start
// with no tokens, fed from a pipe) and the scripting CLI. Option values that are names on
// Object.prototype, terminal escape sequences in anything echoed, a reader that goes away,
// and a line too long to hold.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
// A state directory of this run's own: nothing a previous run (or an older build) left there is read.
const stateDir = mkdtempSync(path.join(tmpdir(), 'ilzam-entry-'));
const env = { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', DEFAULT_LANG: 'en', ILZAM_STATE_DIR: stateDir };
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

function run(script: string, args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env, input, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Terminal control characters: C0 but tab and newline, DEL, C1 (ESC, BEL, CSI …). */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const STACK = /\n\s+at /;

describe('option values that are names on Object.prototype', () => {
  const lines = [
    '/incident volt typhoon lang:constructor',
    '/incident volt typhoon lang:__proto__',
    '/week lang:toString',
    '/actor apt28 lang:hasOwnProperty',
    '/help lang:valueOf',
    '/incident volt typhoon detail:toString',
    '/incident volt typhoon detail:__proto__',
    '/incident constructor',
    '/actor __proto__',
    '__proto__:x volt typhoon',
    '/constructor',
    '/__proto__ x',
    '/toString',
    '/subscribe lang:constructor zone:__proto__',
  ];

  it('the console answers each one, with "unknown language" where it is one, and never a stack or an apology', () => {
    const { code, out, err } = run('src/main.ts', [], `${lines.join('\n')}\n`);
    expect(code).toBe(0);
    expect(out.split('Unknown language “').length - 1).toBe(6); // /subscribe decides the language before it refuses the console
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) expect(out).toContain(`Unknown language “${word}”`);
    expect(out.split('There is no command').length - 1).toBe(3);
    expect(out).not.toMatch(/something went wrong/);
    expect(`${out}${err}`).not.toMatch(STACK);
    expect(err).toBe('');
  });

  it('the CLI exits 2 with one line for --lang constructor, __proto__ or toString, never 0 with a stack', () => {
    for (const args of [
      ['incident', 'volt', '--lang', 'constructor'],
      ['actor', 'apt28', '--lang', '__proto__'],
      ['week', '--lang', 'toString'],
      ['incident', 'volt', '--json', '--lang', 'hasOwnProperty'],
    ]) {
      const { code, out, err } = run('src/cli/index.ts', args);
      expect(code, args.join(' ')).toBe(2);
      expect(err.trim().split('\n'), args.join(' ')).toEqual([expect.stringMatching(/^unknown --lang "\S+": use en or ur$/)]);
      expect(out, args.join(' ')).toBe('');
    }
  });
});

describe('terminal escape sequences are never echoed', () => {
  const OSC_TITLE = '\u001b]0;owned\u0007';
  const CSI = '\u001b[2J\u009b31m';

  it('the console cleans what it quotes back: queries, dates, command names', () => {
    const input = [`/incident ${OSC_TITLE}volt zzqqxx`, `/week date:${CSI}2024`, `/${OSC_TITLE}nosuch`, `${CSI}qqzzxx plorgh`, `/actor ${OSC_TITLE}`].join('\n');
    const { code, out } = run('src/main.ts', [], `${input}\n`);
    expect(code).toBe(0);
    expect(out).toContain('is not a date');
    expect(out).toContain('There is no command');
    expect(out).not.toMatch(CONTROLS);
  });

  it('the CLI cleans its error messages and answers: --date, --lang, the command, the query', () => {
    const cases: string[][] = [
      ['week', '--date', OSC_TITLE],
      ['week', '--date', `2024-01-01${CSI}`],
      ['incident', 'volt', '--lang', OSC_TITLE],
      [`${OSC_TITLE}frob`],
      ['incident', `${OSC_TITLE}zzqqxx`],
      ['search', `${CSI}zzqqxx`, '--json'],
      ['week', `--${OSC_TITLE}`],
    ];
    for (const args of cases) {
      const { code, out, err } = run('src/cli/index.ts', args);
      const name = JSON.stringify(args);
      expect([1, 2], name).toContain(code);
      expect(out, name).not.toMatch(CONTROLS);
      expect(err, name).not.toMatch(CONTROLS);
      expect(`${out}${err}`, name).not.toMatch(STACK);
    }
  });
});

describe('the console and its pipes', () => {
  it('ends quietly with exit 0 when the reader goes away (EPIPE), as in `yes /help | npm start | head -2`', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdin.on('error', () => undefined); // the child may stop reading before it has it all
    child.stdin.end('/help\n'.repeat(3000));
    // Read the first two lines, then close the reading end, as head -2 does.
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.split('\n').length > 2) {
          child.stdout.destroy();
          resolve();
        }
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(err).not.toMatch(STACK);
    expect(err).not.toMatch(/EPIPE|Unhandled/);
  });

  it('refuses a line over 64 KB with one line, never holding it whole, and answers the next line', () => {
    const huge = `/incident ${'a b '.repeat(8_000_000)}`; // 32 MB on one line
    const { code, out, err } = run('src/main.ts', [], `/incident volt typhoon\n${huge}\n/actor apt28\n${'x'.repeat(70_000)}`);
    expect(code).toBe(0);
    const refusals = out.split('\n').filter((l) => /^That line is too long/.test(l));
    expect(refusals).toEqual([
      'That line is too long (32,000,010 bytes); the limit is 65,536. Nothing was done with it.',
      'That line is too long (70,000 bytes); the limit is 65,536. Nothing was done with it.',
    ]);
    expect(out).toContain('Volt Typhoon');
    expect(out).toContain('APT28');
    expect(err).toBe('');
  });
});
