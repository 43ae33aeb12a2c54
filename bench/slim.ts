// The benchmark's corpora as the bot holds records at run time (src/knowledge/incident-text.ts,
// src/knowledge/incident-table.ts): the incidents are written once to one JSON-lines file, the
// knowledge base slims every incident, and replies read the text back through the LRU cache.
// The file is written in the table's order, so a record's byte span is found by its row there
// (two offsets per incident in a typed array, not a Map of objects: ~7 MB at 100,000).
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IncidentTextCache, offsetTextSource } from '../src/knowledge/incident-text.ts';
import type { KnowledgeBase } from '../src/knowledge/knowledge.ts';

export function slimRecords(kb: KnowledgeBase): { cache: IncidentTextCache; fileMB: number; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-bench-text-'));
  const file = path.join(dir, 'incidents.jsonl');
  const fd = openSync(file, 'w');
  const incidents = [...kb.incidents.values()]; // whole records, in the order the table will hold them
  const starts = new Float64Array(incidents.length + 1);
  let at = 0;
  incidents.forEach((incident, row) => {
    const line = Buffer.from(`${JSON.stringify(incident)}\n`);
    starts[row] = at;
    writeSync(fd, line);
    at += line.length;
  });
  starts[incidents.length] = at;
  closeSync(fd);
  const spans = {
    get(id: string) {
      const row = kb.incidents.indexOf(id);
      return row === undefined ? undefined : { start: starts[row]!, length: starts[row + 1]! - starts[row]! - 1 };
    },
  };
  const cache = new IncidentTextCache(offsetTextSource(file, spans));
  kb.slimText(cache);
  return { cache, fileMB: Math.round(at / 1048576), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
