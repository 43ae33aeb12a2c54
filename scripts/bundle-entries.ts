// The second step of `npm run build` (after tsc): the entry points an operator starts —
// the CLI (dist/src/cli/index.js) and the bot (dist/src/main.js) — bundled over tsc's output
// of the same files, so node reads and compiles one file and a few shared chunks instead of
// resolving some hundred modules one by one (about a tenth of a second of a cold CLI answer).
// What they load with import() (platforms, storage, the article extractor …) becomes chunks
// of its own, loaded as before only when used. Packages stay in node_modules, as with tsc.
// The rest of dist/ (scripts, commands, the other modules) is tsc's, unchanged.
//
//   node --import tsx scripts/bundle-entries.ts [--outdir dist]
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../src/domain/paths.ts';

export const BUNDLED_ENTRIES = ['src/cli/index.ts', 'src/main.ts'];

export async function bundleEntries(outDir: string): Promise<void> {
  // Chunks are named by their content: those of an earlier build would pile up beside the new.
  rmSync(path.join(outDir, 'src', 'chunks'), { recursive: true, force: true });
  await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: BUNDLED_ENTRIES,
    outbase: '.',
    outdir: outDir,
    // src/main.ts -> <outDir>/src/main.js, as tsc writes it; shared code in <outDir>/src/chunks/.
    entryNames: '[dir]/[name]',
    chunkNames: 'src/chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    // Names kept: error classes report their own (err.name), and logs and stacks stay readable.
    keepNames: true,
    sourcemap: false,
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist' } } });
  await bundleEntries(path.resolve(PROJECT_ROOT, values.outdir));
}
