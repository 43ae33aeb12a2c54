// npm run bench:extract — precision and recall of claim extraction on the labelled articles
// (test/fixtures/extract/), per language and claim type, on (type, accuser, accused) triples,
// for the dev split (used to tune the lexicons), the held-out split (not looked at while
// tuning) and the second, third and fourth held-out splits 'heldout2', 'heldout3' and 'heldout4'
// (each written blind to the rules after the previous held-out set had been read or measured).
// Options: --json (machine-readable), --errors (list the dev items' misses and false hits),
// --errors=heldout, --errors=heldout2, --errors=heldout3 or --errors=heldout4 (the same for a
// held-out split: for reporting, not tuning).
import { loadRegistry } from '../src/registry/registry.ts';
import { ClaimExtractor } from '../src/ingest/extract/index.ts';
import { evaluate, precision, recall, SPLITS, type Counts, type LanguageReport, type Split } from './extract-score.ts';

const args = process.argv.slice(2);
const registry = loadRegistry();
const extractor = ClaimExtractor.load();
const reports: LanguageReport[] = (['en', 'ur'] as const).map((lang) => evaluate(lang, extractor, registry));

const fmt = (n: number) => n.toFixed(2);
const row = (label: string, c: Counts | undefined) =>
  c ? `${label.padEnd(26)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}   P ${fmt(precision(c))}  R ${fmt(recall(c))}` : `${label.padEnd(26)}    -`;

if (args.includes('--json')) {
  const out = reports.map((r) => ({
    lang: r.lang,
    items: r.items.length,
    splits: Object.fromEntries(Object.entries(r.counts).map(([split, types]) => [split, Object.fromEntries(Object.entries(types).map(([t, c]) => [t, { ...c, precision: precision(c), recall: recall(c) }]))])),
  }));
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  for (const r of reports) {
    const count = (split: Split) => r.items.filter((i) => i.split === split).length;
    process.stdout.write(`\n== ${r.lang === 'en' ? 'English' : 'Urdu'}: ${r.items.length} items (${count('dev')} dev, ${count('heldout')} held out, ${count('heldout2')} held out 2, ${count('heldout3')} held out 3, ${count('heldout4')} held out 4)\n`);
    for (const split of [...SPLITS, 'all']) {
      process.stdout.write(`-- ${split}${' '.repeat(24 - split.length)}   TP   FP   FN\n`);
      const types = r.counts[split] ?? {};
      for (const t of Object.keys(types).filter((t) => t !== 'all').sort()) process.stdout.write(`${row(`  ${t}`, types[t])}\n`);
      process.stdout.write(`${row('  ALL', types.all)}\n`);
    }
  }
  const which = args.find((a) => a.startsWith('--errors'));
  if (which) {
    const named = which.slice('--errors='.length);
    const split: Split = SPLITS.find((s) => s !== 'dev' && s === named) ?? 'dev';
    for (const r of reports) {
      for (const i of r.items.filter((x) => x.split === split && (x.falsePositives.length || x.falseNegatives.length))) {
        process.stdout.write(`\n[${r.lang} #${i.index}] FP: ${i.falsePositives.join('; ') || '-'}\n          FN: ${i.falseNegatives.join('; ') || '-'}\n`);
      }
    }
  }
}
