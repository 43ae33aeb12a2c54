// The production build: compiled JavaScript that runs with plain node, no TypeScript loader.
// Built here into .tmp-build/ (inside the project, so it finds data/ as dist/ does), then run
// as an operator would: piped console commands, and SIGTERM, which must stop it cleanly and fast.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.tmp-build');
const main = path.join(out, 'src', 'main.js');
const cli = path.join(out, 'src', 'cli', 'index.js');
// Nothing of the developer's environment: no tokens (console mode), no .env.
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };

beforeAll(() => {
  rmSync(out, { recursive: true, force: true });
  // What `npm run build` does, into out/: tsc, then the entry points bundled over its output.
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out], { cwd: root, stdio: 'pipe' });
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/bundle-entries.ts'), '--outdir', out], { cwd: root, stdio: 'pipe' });
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the production build', () => {
  it('compiles to JavaScript that node runs directly, with the data found from the project root', () => {
    expect(existsSync(main)).toBe(true);
    const answer = execFileSync(process.execPath, [main], { cwd: root, env, input: '/incident volt typhoon\n/actor fancy bear lang:ur\n', encoding: 'utf8' });
    expect(answer).toContain('Volt Typhoon');
    expect(answer).toContain('Microsoft');
    expect(answer).toMatch(/[\u0600-\u06FF]/);
    const json = JSON.parse(execFileSync(process.execPath, [cli, 'incident', 'sony', 'hack', '--json'], { cwd: root, env, encoding: 'utf8' }));
    expect(json.id).toBe('sony-pictures-2014');
  });

  it('bundles the CLI and the bot: each entry is one file with shared chunks, no project module loaded one by one', () => {
    for (const entry of [main, cli]) {
      const imports = [...readFileSync(entry, 'utf8').matchAll(/\b(?:from|import)\s*\(?"([^"]+)"/g)].map((m) => m[1]!);
      expect(imports.filter((spec) => spec.startsWith('.') && !spec.includes('/chunks/')), entry).toEqual([]);
      expect(imports.some((spec) => spec.includes('/chunks/')), entry).toBe(true);
    }
    // What the CLI loads with import() is a chunk of its own, loaded only when used: the article
    // extractor answers from the bundle as it did from tsc's modules.
    const extracted = execFileSync(process.execPath, [cli, 'extract', '-', '--json', '--published', '2023-05-24'], {
      cwd: root,
      env,
      input: 'Microsoft said that Volt Typhoon, a Chinese state-sponsored group, attacked US infrastructure.',
      encoding: 'utf8',
    });
    expect(JSON.parse(extracted).claims[0]).toMatchObject({ type: 'accusation', by: { id: 'microsoft' } });
  });

  it('stops cleanly within 5 s of SIGTERM, the signal going to node itself', async () => {
    const child = spawn(process.execPath, [main], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stdin.write('/help\n'); // stdin stays open, as under a process manager
    await new Promise<void>((resolve) => {
      const check = () => (output.includes('/incident') ? resolve() : setTimeout(check, 50));
      check();
    });
    const sent = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(code).toBe(0);
  }, 60_000);
});
