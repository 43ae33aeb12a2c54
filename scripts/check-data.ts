// npm run data:check: validates the curated dataset (and, once built, the alias registry)
// and prints counts. Exits non-zero, naming every problem, when anything is wrong.
import { DataValidationError, loadCuratedDataset } from '../src/store/curated.ts';

try {
  const data = loadCuratedDataset();
  const claims = data.incidents.reduce((n, i) => n + i.claims.length, 0);
  console.log(`${data.incidents.length} incidents, ${claims} claims, ${data.parties.length} curated parties`);
} catch (err) {
  if (err instanceof DataValidationError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
