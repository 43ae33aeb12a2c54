// The knowledge base with every file validated through the schemas, synchronously: for tools
// and tests. A start-up uses ./open.ts, which skips the schemas when data:check has validated
// exactly these files.
import { loadRegistry } from '../registry/registry.ts';
import { loadCuratedDataset } from '../store/curated.ts';
import { KnowledgeBase } from './knowledge.ts';

export interface DataPaths {
  dataDir?: string;
  registryFile?: string;
}

export function loadKnowledgeBase(opts: DataPaths = {}): KnowledgeBase {
  return new KnowledgeBase(loadCuratedDataset(opts.dataDir), loadRegistry(opts.registryFile));
}
