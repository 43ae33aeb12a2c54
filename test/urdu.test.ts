// The Urdu of the bot: the spelling sheet and the oblique names as data:check enforces them,
// the claim sentences (every claim type, in both languages, in Urdu word order), and the labels
// the review asked for (contested only by the accused side, claims of responsibility, unnamed
// officials with their outlet, imported records, the terminal's optional marks).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataSpellingProblems, obliqueProblems, templateSpellingProblems, urduSourceProblems, urduStrings } from '../scripts/urdu-checks.ts';
import { renderTerminal, rtlMarksFromEnv } from '../src/adapters/console/render.ts';
import { ClaimType, type Claim, type Incident } from '../src/domain/schema.ts';
import { stripBidi } from '../src/i18n/bidi.ts';
import { andList } from '../src/i18n/labels.ts';
import { spellingProblems } from '../src/i18n/spelling.ts';
import { needsOblique, obliqueOf, ruleOblique } from '../src/i18n/urdu-grammar.ts';
import { DEFAULT_DATA_DIR, loadCuratedDataset } from '../src/store/curated.ts';
import { actorHistory } from '../src/summary/actor.ts';
import { claimSentence, isContested } from '../src/summary/claims.ts';
import { incidentReply } from '../src/summary/incident.ts';
import { testBot } from './helpers.ts';

const bot = testBot();
const kb = bot.kb;
const root = path.resolve(import.meta.dirname, '..');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function copyOf(dir: string): string {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'ilzam-urdu-'));
  dirs.push(copy);
  cpSync(dir, copy, { recursive: true });
  return copy;
}

function editJson(file: string, edit: (value: any) => void): void {
  const value = JSON.parse(readFileSync(file, 'utf8'));
  edit(value);
  writeFileSync(file, JSON.stringify(value, null, 2));
}

function dataCheck(dataDir: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-data.ts', '--data', dataDir], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, err: result.stderr };
}

describe('the spelling sheet', () => {
  it('finds variants word by word, never inside another word', () => {
    const found = (text: string) => spellingProblems(text).map((p) => `${p.found} → ${p.use}`);
    expect(found('یہ میل ویئر گذشتہ سال سیکیورٹی اداروں نے پکڑا')).toEqual(['میل ویئر → مالویئر', 'گذشتہ → گزشتہ', 'سیکیورٹی → سکیورٹی']);
    expect(found('انھوں نے ہیکر گروپ کو سٹکس نیٹ سے جوڑا')).toEqual(['انھوں → انہوں', 'ہیکر گروپ → ہیکنگ گروپ', 'سٹکس → اسٹکس']);
    expect(found('مالویئر، رینسم ویئر، سکیورٹی، گزشتہ، انہوں، انہیں، ہیکنگ گروپ، اسٹیٹ')).toEqual([]);
    // "City" and "citizen" are not an s+t cluster; ای میل followed by another word is not میل ویئر.
    expect(found('سٹیزن لیب نے نیویارک سٹی میں ای میل بھیجی')).toEqual([]);
    expect(found('24 مئی 2023ء کو “بیان” دیا، ۲۰۲۳ میں')).toEqual(['۲۰۲۳ → 2023', '2023ء → 2023', '“ → ’…‘', '” → ’…‘']);
    expect(found('شبكة')).toEqual(['شبكة → شبکة']);
  });

  it('data:check rejects a spelling outside the sheet in the data', () => {
    const dir = copyOf(DEFAULT_DATA_DIR);
    editJson(path.join(dir, 'incidents', 'volt-typhoon.json'), (v) => {
      v.summary.ur = v.summary.ur.replace('سکیورٹی', 'سیکیورٹی');
      v.claims[0].summary.ur = `انھوں نے کہا۔ ${v.claims[0].summary.ur}`;
    });
    const problems = dataSpellingProblems(loadCuratedDataset(dir));
    expect(problems).toEqual([
      expect.stringMatching(/volt-typhoon\.json, field summary\.ur: «سیکیورٹی» .* write «سکیورٹی»/),
      expect.stringMatching(/volt-typhoon\.json, claim "[a-z-]+", field summary\.ur: «انھوں» .* write «انہوں»/),
    ]);
    const run = dataCheck(dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/«سیکیورٹی» is not on the spelling sheet; write «سکیورٹی»/);
  });

  it('leaves headlines, verbatim quotes and search aliases as they are', () => {
    const dir = copyOf(DEFAULT_DATA_DIR);
    editJson(path.join(dir, 'parties', 'core.json'), (v) => v.parties[0].aliases.push({ name: 'سیکیورٹی' }));
    expect(dataSpellingProblems(loadCuratedDataset(dir))).toEqual([]);
  });

  it('checks the bot’s own Urdu strings, not its English ones or comments', () => {
    const source = "// «گذشتہ» in a comment\nconst a = { en: 'He said \"no\"', ur: 'انھوں نے کہا' };\nconst b = `${x} گذشتہ ${y}`;\n";
    expect(urduStrings(source).map((s) => s.text)).toEqual(['انھوں نے کہا', ' گذشتہ ']);
    expect(templateSpellingProblems(root)).toEqual([]);
  });
});

describe('oblique names', () => {
  it('by rule only where it is sure; otherwise the curated form is needed', () => {
    expect(ruleOblique('واشنگٹن میں روسی سفارت خانہ')).toBe('واشنگٹن میں روسی سفارت خانے');
    expect(ruleOblique('جرمنی کا داخلی انٹیلی جنس ادارہ (بی ایف وی)')).toBe('جرمنی کے داخلی انٹیلی جنس ادارے (بی ایف وی)');
    expect(ruleOblique('امریکی محکمہ خزانہ')).toBe('امریکی محکمہ خزانہ'); // an izafat does not inflect
    expect(ruleOblique('روسی تحقیقی ادارہ سی این آئی آئی ایچ ایم')).toBeUndefined(); // apposition or izafat: not sure
    for (const name of ['امریکہ', 'البانیہ', 'براک اوباما', 'کینیڈا', 'اقوام متحدہ', 'شمالی کوریا کی وزارت خارجہ']) {
      expect(needsOblique(name), name).toBe(false);
      expect(ruleOblique(name)).toBe(name);
    }
    expect(obliqueOf('اقوام متحدہ میں ایران کا مشن', 'اقوام متحدہ میں ایران کے مشن')).toBe('اقوام متحدہ میں ایران کے مشن');
  });

  it('data:check rejects a party whose Urdu name inflects and has no urOblique', () => {
    const dir = copyOf(DEFAULT_DATA_DIR);
    editJson(path.join(dir, 'parties', 'core.json'), (v) => {
      const embassy = v.parties.find((p: { id: string }) => p.id === 'russia-embassy-us');
      delete embassy.urOblique;
      v.parties.push({ id: 'test-ministry-office', kind: 'state-agency', name: { en: 'Test office', ur: 'پاکستان کا دفتر' } });
      v.parties.push({ id: 'test-same', kind: 'state-agency', name: { en: 'Test', ur: 'برلن میں سفارت خانہ' }, urOblique: 'برلن میں سفارت خانہ' });
    });
    const problems = obliqueProblems(loadCuratedDataset(dir));
    expect(problems).toEqual([
      expect.stringMatching(/record "russia-embassy-us": the Urdu name «واشنگٹن میں روسی سفارت خانہ» changes before نے/),
      expect.stringMatching(/record "test-ministry-office": the Urdu name «پاکستان کا دفتر» changes/),
      expect.stringMatching(/record "test-same", field urOblique: the same as name\.ur/),
    ]);
    const run = dataCheck(dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/russia-embassy-us.*add urOblique/);
  });

  it('is used before نے and پر in every sentence, so no direct form stands before a postposition', () => {
    const direct = /(?:^|\s)(?:کا|\S*خانہ|ادارہ) (?:نے|پر|کی|کے|سے|کو)(?=\s|$)/u;
    for (const incident of kb.incidents.values()) {
      for (const claim of incident.claims) {
        const sentence = stripBidi(claimSentence(kb, incident, claim, 'ur'));
        expect(sentence, `${incident.id}/${claim.id}`).not.toMatch(direct);
        // Urdu word order: the verb ends the sentence, never a colon and a list after it.
        expect(sentence, `${incident.id}/${claim.id}`).not.toMatch(/:\s/u);
      }
    }
  });

  it('shows the H4 embassies and missions in the oblique', () => {
    const solarwinds = kb.incidents.get('solarwinds-2020')!;
    const denial = solarwinds.claims.find((c) => c.by === 'russia-embassy-us' && c.type === 'denial')!;
    expect(stripBidi(claimSentence(kb, solarwinds, denial, 'ur'))).toBe('واشنگٹن میں روسی سفارت خانے نے الزام کی تردید کی');
  });
});

/** A claim of each type against Volt Typhoon's incident, to see every template. */
function syntheticClaim(type: ClaimType, against: string[]): Claim {
  return { id: 'x', type, date: '2024-01-01', by: 'fbi', against, summary: { en: 'x', ur: 'ایکس' }, sources: ['s'] };
}

describe('claim sentences', () => {
  const volt = kb.incidents.get('volt-typhoon')!;
  it.each(ClaimType.options)('%s has a sentence in both languages, with and without targets', (type) => {
    for (const against of [['volt-typhoon', 'china'], ['north-korea-ndc', 'lazarus-group', 'park-jin-hyok'], []]) {
      const claim = syntheticClaim(type, against.filter((id) => kb.parties.has(id)));
      const en = stripBidi(claimSentence(kb, volt, claim, 'en'));
      const ur = stripBidi(claimSentence(kb, volt, claim, 'ur'));
      expect(en).toMatch(/^FBI \w/);
      expect(ur).toMatch(/^ایف بی آئی نے /);
      for (const text of [en, ur]) expect(text).not.toMatch(/undefined|→|\+\d/);
    }
  });

  it('put the accused in the oblique and join lists with «، … اور»', () => {
    const claim = syntheticClaim('sanction', ['north-korea-ndc', 'iran-un-mission', 'russia-embassy-us']);
    expect(stripBidi(claimSentence(kb, volt, claim, 'ur'))).toBe(
      'ایف بی آئی نے شمالی کوریا کے قومی دفاعی کمیشن، اقوام متحدہ میں ایران کے مشن اور واشنگٹن میں روسی سفارت خانے پر پابندیاں عائد کیں',
    );
    expect(stripBidi(claimSentence(kb, volt, claim, 'en'))).toBe(
      "FBI imposed sanctions on the National Defence Commission of North Korea, Iran's Mission to the United Nations and the Russian Embassy in Washington",
    );
    expect(andList(['a'], 'ur')).toBe('a');
    expect(andList(['a', 'b', 'c'], 'en')).toBe('a, b and c');
  });

  it('a counter-accusation says who turned the charge on whom, in words', () => {
    const apt1 = kb.incidents.get('apt1-mandiant-2013')!;
    const lines = incidentReply(kb, apt1, 'ur').fields.find((f) => f.label === 'جوابی الزامات')!.lines.map(stripBidi);
    expect(lines.join('\n')).toMatch(/چینی وزارت دفاع نے الٹا امریکہ پر الزام لگایا/);
    expect(lines.join('\n')).not.toMatch(/[→←]/);
  });
});

describe('neutral labels', () => {
  const field = (reply: ReturnType<typeof incidentReply>, label: string) => reply.fields.find((f) => f.label === label)?.lines.map(stripBidi).join('\n') ?? '';

  it('a denial by someone nobody accused is another statement, and leaves the attribution uncontested (M8)', () => {
    const colonial = kb.incidents.get('colonial-pipeline-2021')!;
    expect(isContested(kb, colonial)).toBe(false);
    const reply = incidentReply(kb, colonial, 'ur');
    expect(field(reply, 'تردید اور ردعمل')).toBe('ریکارڈ پر کوئی عوامی تردید موجود نہیں۔');
    expect(field(reply, 'دیگر بیانات')).toContain('دمتری پیسکوف نے روس کے ملوث ہونے کی تردید کی');
    expect(reply.description).toContain('ریکارڈ پر کوئی تردید نہیں');
    expect(isContested(kb, kb.incidents.get('volt-typhoon')!)).toBe(true);
  });

  it('a claim of responsibility is shown as one, not as the group accusing itself, and not lifted to its state (M4)', () => {
    const shamoon = kb.incidents.get('shamoon-saudi-aramco-2012')!;
    const reply = incidentReply(kb, shamoon, 'ur');
    expect(field(reply, 'ذمہ داری کا دعویٰ')).toBe('کٹنگ سورڈ آف جسٹس (15 اگست 2012)');
    expect(field(reply, 'الزام عائد کرنے والے')).not.toContain('کٹنگ سورڈ');
    expect(field(reply, 'جن پر الزام ہے')).not.toContain('کٹنگ سورڈ');
    const iran = actorHistory(kb, kb.entities.get('iran')!, 'ur').find((h) => h.incidentId === shamoon.id);
    expect(iran?.roles ?? []).not.toContain('claimed');
    expect(actorHistory(kb, kb.entities.get('cutting-sword-of-justice')!, 'ur')[0]!.roles).toEqual(['claimed']);
  });

  it('accusers carry the basis and strength, unnamed officials their outlet', () => {
    const albania = incidentReply(kb, kb.incidents.get('albania-government-2022')!, 'ur');
    expect(field(albania, 'الزام عائد کرنے والے')).toContain('مینڈیئنٹ (4 اگست 2022؛ تکنیکی رپورٹ؛ ’غالباً‘)');
    const water = incidentReply(kb, kb.incidents.get('israel-water-facilities-2020')!, 'en');
    expect(field(water, 'Accused by')).toMatch(/\(unnamed\), as reported by Financial Times \(/);
    const waterUr = incidentReply(kb, kb.incidents.get('israel-water-facilities-2020')!, 'ur');
    expect(field(waterUr, 'الزام عائد کرنے والے')).toMatch(/، بحوالہ فنانشل ٹائمز \(/);
  });

  it('an imported incident says its denials are not yet reviewed', () => {
    const volt = kb.incidents.get('volt-typhoon')!;
    const imported: Incident = { ...volt, id: 'imported-test', imported: { from: 'mitre-attack', id: 'C0001' }, claims: volt.claims.filter((c) => c.type === 'accusation') };
    for (const [lang, label, text] of [['en', 'Denials and responses', 'Denials not yet reviewed'], ['ur', 'تردید اور ردعمل', 'ابھی جائزہ نہیں لیا گیا']] as const) {
      const reply = incidentReply(kb, imported, lang);
      expect(field(reply, label)).toContain(text);
      expect(reply.description).not.toMatch(/No denial on record|کوئی تردید نہیں/);
    }
  });

  it('groups are attributed to a state, agencies belong to a country (M3)', async () => {
    const text = async (name: string) => (await bot.run('actor', { name, lang: 'ur' })).description ?? '';
    expect(stripBidi(await text('volt typhoon'))).toContain('منسوب: چین');
    expect(stripBidi(await text('FBI'))).toContain('ملک: امریکہ');
    expect(await text('volt typhoon')).not.toContain('ریاست');
  });
});

describe('the terminal', () => {
  it('prints plain logical order by default and RTL marks on Urdu lines when asked (L16)', () => {
    const reply = incidentReply(kb, kb.incidents.get('bundestag-2015')!, 'ur');
    const plain = renderTerminal(reply, { rtlMarks: false });
    expect(plain).not.toMatch(/[\u200E\u200F\u2066-\u2069]/u);
    const marked = renderTerminal(reply, { rtlMarks: true }).split('\n');
    for (const line of marked) if (/[\u0600-\u06FF]/u.test(line)) expect(line.startsWith('\u200F'), line).toBe(true);
    expect(marked.filter((l) => /^\s+https?:/u.test(l)).every((l) => !/[\u200F\u2066]/u.test(l))).toBe(true);
    expect(rtlMarksFromEnv({ ILZAM_RTL_MARKS: '1' })).toBe(true);
    expect(rtlMarksFromEnv({})).toBe(false);
  });
});

describe('Urdu sources', () => {
  it('data:check wants an Urdu source’s headline in Urdu, or the Urdu placeholder (M5)', () => {
    const dir = copyOf(DEFAULT_DATA_DIR);
    editJson(path.join(dir, 'incidents', 'sony-pictures-2014.json'), (v) => {
      const source = v.sources.find((s: { language: string }) => s.language === 'ur');
      source.publisher = 'Urdu-language news report (publisher not recorded)';
    });
    expect(urduSourceProblems(loadCuratedDataset(dir))).toEqual([expect.stringMatching(/sony-pictures-2014\.json, source "[a-z-]+": an Urdu source's placeholder is in Urdu/)]);
  });

  it('placeholders are shown in the reader’s language, after the sources that have a headline', () => {
    const election = kb.incidents.get('us-election-2020-hacking-warning')!;
    const ur = incidentReply(kb, election, 'ur', true).sources;
    const en = incidentReply(kb, election, 'en', true).sources;
    expect(ur.at(-1)).toMatchObject({ title: '(سرخی درج نہیں)', publisher: 'اردو خبر، رائٹرز کے حوالے سے (ناشر درج نہیں)' });
    expect(en.at(-1)).toMatchObject({ title: '(headline not recorded)', publisher: 'اردو خبر، رائٹرز کے حوالے سے (publisher not recorded)' });
  });
});
