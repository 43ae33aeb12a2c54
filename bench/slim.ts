// The benchmark's corpora as the bot holds records at run time (src/knowledge/incident-text.ts):
// the incidents are written once to one JSON-lines file with their byte offsets, the knowledge
// base slims every incident, and replies read the text back through the LRU cache.
import { mkdtempSync, rmSync, writeSync, openSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Incident } from '../src/domain/schema.ts';
import { IncidentTextCache, offsetTextSource } from '../src/knowledge/incident-text.ts';
import type { KnowledgeBase } from '../src/knowledge/knowledge.ts';

export function slimRecords(kb: KnowledgeBase, incidents: readonly Incident[]): { cache: IncidentTextCache; fileMB: number; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-bench-text-'));
  const file = path.join(dir, 'incidents.jsonl');
  const fd = openSync(file, 'w');
  const spans = new Map<string, { start: number; length: number }>();
  let at = 0;
  for (const incident of incidents) {
    const line = Buffer.from(`${JSON.stringify(incident)}\n`);
    spans.set(incident.id, { start: at, length: line.length - 1 });
    writeSync(fd, line);
    at += line.length;
  }
  closeSync(fd);
  const cache = new IncidentTextCache(offsetTextSource(file, spans));
  kb.slimText(cache);
  return { cache, fileMB: Math.round(at / 1048576), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
