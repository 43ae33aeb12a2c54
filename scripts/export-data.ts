// npm run data:export: writes what approvals published (in the bot's storage: ILZAM_STATE_DIR or
// DATABASE_URL) into data/ in the curated format — new incidents as data/incidents/<id>.json,
// claims added to an existing incident into its file, new parties into data/parties/published.json
// — so they can be contributed back by pull request. Idempotent: a claim or source already in
// a file is not written twice. Run npm run data:check afterwards.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { openStorageToRead } from '../src/app/published.ts';
import { readCoreConfig } from '../src/config.ts';
import { DATA_DIR } from '../src/domain/paths.ts';
import type { Incident, Party } from '../src/domain/schema.ts';
import type { PublicationData } from '../src/review/service.ts';


async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const dataDir = process.env.ILZAM_DATA_DIR ? path.resolve(process.env.ILZAM_DATA_DIR) : DATA_DIR;
  const storage = await openStorageToRead(readCoreConfig());
  if (!storage) {
    console.log('nothing to export: no state yet (no state file, no DATABASE_URL)');
    return;
  }
  const records = await storage.publishedSince(0).finally(() => storage.close());
  const write = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  const partiesFile = path.join(dataDir, 'parties', 'published.json');
  const published: { parties: Party[] } = existsSync(partiesFile) ? JSON.parse(readFileSync(partiesFile, 'utf8')) : { parties: [] };
  let incidents = 0;
  let claims = 0;
  for (const record of records) {
    const data = record.data as PublicationData;
    for (const party of data.parties ?? []) if (!published.parties.some((p) => p.id === party.id)) published.parties.push(party);
    const file = path.join(dataDir, 'incidents', `${data.id}.json`);
    if (data.mode === 'new' && !existsSync(file)) {
      const { mode: _mode, parties: _parties, ...incident } = data;
      write(file, incident);
      incidents++;
      claims += data.claims.length;
      continue;
    }
    if (!existsSync(file)) {
      console.error(`skipped record ${record.seq}: ${data.id} is not in ${path.relative(process.cwd(), dataDir)}/incidents`);
      continue;
    }
    const incident = JSON.parse(readFileSync(file, 'utf8')) as Incident;
    const sourceIds = new Set(incident.sources.map((s) => s.id));
    const claimIds = new Set(incident.claims.map((c) => c.id));
    const newClaims = data.claims.filter((c) => !claimIds.has(c.id));
    incident.sources.push(...data.sources.filter((s) => !sourceIds.has(s.id)));
    incident.claims.push(...newClaims);
    write(file, incident);
    claims += newClaims.length;
  }
  if (published.parties.length) write(partiesFile, published);
  console.log(`exported ${records.length} published records: ${incidents} new incidents, ${claims} claims, ${published.parties.length} published parties. Now run npm run data:check.`);
}

main().catch((err: unknown) => {
  console.error(`data:export failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
