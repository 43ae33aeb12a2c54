// The project's import graph, read with TypeScript's own pre-processor (static imports,
// `import type`, re-exports and dynamic import() alike), and the rules it must keep:
// imports point down the layers, neutral code loads no platform library, a platform folder
// does not reach into another, and there are no cycles. docs/architecture.md draws the layers.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Layers, bottom first. A file may import its own folder or any folder of a lower layer. */
export const LAYERS: readonly (readonly string[])[] = [
  ['src/domain', 'src/text', 'src/log'],
  ['src/i18n'],
  ['src/search', 'src/reply', 'src/config.ts'],
  ['src/registry', 'src/store'],
  ['src/knowledge'],
  ['src/summary'],
  ['src/digest', 'src/ingest', 'src/services'],
  ['src/review', 'src/follow'],
  ['src/core'],
  ['commands'],
  ['src/adapters'],
  ['src/app'],
  ['src/cli'],
  ['src/main.ts', 'scripts', 'bench'],
];

/** Folders that must stay platform-neutral. */
export const NEUTRAL = ['src/domain', 'src/text', 'src/log', 'src/i18n', 'src/search', 'src/registry', 'src/store', 'src/reply', 'src/knowledge', 'src/summary', 'src/digest', 'src/ingest', 'src/review', 'src/follow', 'src/services', 'src/core', 'commands'];
const PLATFORM_LIBRARIES = /^(discord\.js|@discordjs\/|@slack\/)/;

export interface Edge {
  from: string;
  /** A project-relative path, or a package name. */
  to: string;
}

/** The layer entry a project path belongs to (longest prefix), or undefined. */
export function unitOf(file: string): string | undefined {
  const units = LAYERS.flat().filter((u) => file === u || file.startsWith(`${u}/`));
  return units.sort((a, b) => b.length - a.length)[0];
}

function layerOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit));
}

/** The folder that is one platform: src/adapters/discord, src/adapters/slack … */
function platformOf(file: string): string | undefined {
  const m = /^src\/adapters\/([^/]+)\//.exec(file);
  return m ? m[1] : undefined;
}

function listTs(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listTs(root, rel));
    else if (entry.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

export function readEdges(root: string, dirs = ['src', 'commands', 'scripts', 'bench']): Edge[] {
  const edges: Edge[] = [];
  for (const file of dirs.flatMap((d) => listTs(root, d))) {
    const info = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      const spec = ref.fileName;
      const to = spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : spec;
      edges.push({ from: file, to });
    }
  }
  return edges;
}

/** Every rule an edge breaks, as readable lines. */
export function violations(edges: readonly Edge[]): string[] {
  const problems: string[] = [];
  for (const { from, to } of edges) {
    const fromUnit = unitOf(from);
    if (!fromUnit) continue;
    if (!to.startsWith('src/') && !to.startsWith('commands/') && !to.startsWith('scripts/') && !to.startsWith('bench/')) {
      if (PLATFORM_LIBRARIES.test(to) && NEUTRAL.includes(fromUnit)) problems.push(`${from} imports the platform library ${to}`);
      continue;
    }
    const toUnit = unitOf(to);
    if (!toUnit) {
      problems.push(`${from} imports ${to}, which is in no layer`);
      continue;
    }
    const fromPlatform = platformOf(from);
    const toPlatform = platformOf(to);
    if (fromPlatform && toPlatform && fromPlatform !== toPlatform) problems.push(`${from} imports another platform's ${to}`);
    if (toUnit === fromUnit) continue;
    if (layerOf(toUnit) >= layerOf(fromUnit)) problems.push(`${from} (${fromUnit}) imports ${to} (${toUnit}), which is not below it`);
  }
  return problems;
}

/** Import cycles between project files, each as the files on it. */
export function cycles(edges: readonly Edge[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (!to.endsWith('.ts')) continue;
    graph.set(from, [...(graph.get(from) ?? []), to]);
  }
  // Tarjan's strongly connected components.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return found;
}

/**
 * Every module an entry file loads before its first line runs: static value imports and
 * re-exports, followed through project files (`import type`, `export type` and dynamic
 * import() are not). Packages are returned by name ("discord.js", "@slack/bolt", "pg").
 * With verbatimModuleSyntax an `import { type X }` is kept as a bare import, so it counts.
 */
export function staticImportClosure(root: string, entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, false);
    for (const statement of source.statements) {
      let spec: ts.Expression | undefined;
      if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) spec = statement.moduleSpecifier;
      else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) spec = statement.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec)) continue;
      const to = spec.text;
      if (to.startsWith('.')) queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), to)));
      else if (!to.startsWith('node:')) seen.add(packageName(to));
    }
  }
  seen.delete(entry);
  return seen;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
