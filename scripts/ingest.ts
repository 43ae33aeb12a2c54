// npm run ingest: one ingestion pass over data/sources.json (INGEST_SOURCES_FILE for another
// list), drafts into the state file in ILZAM_STATE_DIR. Prints what it fetched, what is new,
// the drafts, and every failure with its reason. --json prints the report as JSON.
// Exit code: 0 the pass ran (even if some sources failed: see the report), 3 it could not run.
import { config as loadDotenv } from 'dotenv';
import { formatReport, runIngestPass } from '../src/ingest/pass.ts';

loadDotenv({ quiet: true });
const json = process.argv.includes('--json');
try {
  const report = await runIngestPass();
  process.stdout.write(`${json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
} catch (err) {
  process.stderr.write(`ingest: cannot run: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 3;
}
