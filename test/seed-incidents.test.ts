// The four Urdu seed articles (shared/seeds/000-003) are the reference the curated data must
// agree with: who accused whom, when, who denied, and the Urdu names the articles use.
import { describe, it, expect } from 'vitest';
import { loadCuratedDataset } from '../src/store/curated.ts';
import type { Claim, Incident, Party } from '../src/domain/schema.ts';

const data = loadCuratedDataset();

function incident(id: string): Incident {
  const found = data.incidents.find((i) => i.id === id);
  if (!found) throw new Error(`incident ${id} is missing`);
  return found;
}

function party(id: string): Party {
  const found = data.parties.find((p) => p.id === id);
  if (!found) throw new Error(`party ${id} is missing`);
  return found;
}

function claims(inc: Incident, type: Claim['type'], by?: string): Claim[] {
  return inc.claims.filter((c) => c.type === type && (by === undefined || c.by === by));
}

function claim(inc: Incident, id: string): Claim {
  const found = inc.claims.find((c) => c.id === id);
  if (!found) throw new Error(`claim ${id} is missing in ${inc.id}`);
  return found;
}

/** All Urdu text of an incident: title, summary, victims, names and claim summaries. */
function urduText(inc: Incident): string {
  return [inc.title.ur, inc.summary.ur, ...inc.victims.map((v) => v.ur), ...inc.names, ...inc.claims.map((c) => c.summary.ur)].join('\n');
}

/** The Urdu name and every alias of a party. */
function partyNames(id: string): string {
  const p = party(id);
  return [p.name.ur, ...p.aliases.map((a) => a.name)].join('\n');
}

/** The incident's Urdu-language seed source is cited by at least one claim. */
function expectSeedCited(inc: Incident) {
  const urdu = inc.sources.filter((s) => s.language === 'ur').map((s) => s.id);
  expect(urdu.length).toBeGreaterThan(0);
  expect(inc.claims.some((c) => c.sources.some((s) => urdu.includes(s)))).toBe(true);
}

describe('seed 000: Volt Typhoon (CVERC report, Wang Lei)', () => {
  const inc = incident('volt-typhoon');

  it("dates Microsoft's attribution to its 24 May 2023 report", () => {
    const ms = claims(inc, 'accusation', 'microsoft');
    expect(ms).toHaveLength(1);
    expect(ms[0]!.date).toBe('2023-05-24');
    expect(ms[0]!.against).toEqual(expect.arrayContaining(['volt-typhoon', 'china']));
    expect(inc.firstAttributed).toBe('2023-05-24');
  });

  it('records the Chinese foreign ministry denial', () => {
    expect(claims(inc, 'denial', 'china-foreign-ministry').length).toBeGreaterThan(0);
  });

  it("records CVERC's and Wang Lei's counter-accusations against the United States", () => {
    const cverc = claims(inc, 'counter-accusation', 'cverc');
    expect(cverc.length).toBeGreaterThan(0);
    expect(cverc[0]!.against).toContain('united-states');
    const wang = claims(inc, 'counter-accusation', 'wang-lei');
    expect(wang).toHaveLength(1);
    expect(wang[0]!.against).toContain('united-states');
    expect(partyNames('wang-lei')).toContain('وانگ لے');
  });

  it('uses the Urdu name وولٹ ٹائیفون and cites the Urdu report', () => {
    expect(urduText(inc)).toContain('وولٹ ٹائیفون');
    expect(partyNames('volt-typhoon')).toContain('وولٹ ٹائیفون');
    expectSeedCited(inc);
  });
});

describe('seed 001: Sony Pictures (US asks China for help)', () => {
  const inc = incident('sony-pictures-2014');

  it('has the FBI accusing the North Korean government on 19 December 2014', () => {
    const fbi = claims(inc, 'accusation', 'fbi');
    expect(fbi).toHaveLength(1);
    expect(fbi[0]!.date).toBe('2014-12-19');
    expect(fbi[0]!.against).toEqual(['north-korea']);
    expect(inc.firstAttributed).toBe('2014-12-19');
    expect(inc.occurred.start.startsWith('2014-11')).toBe(true);
  });

  it('has North Korea denying involvement in answer to the FBI', () => {
    const denial = claims(inc, 'denial', 'north-korea-foreign-ministry').find((c) => c.respondsTo === 'fbi-attributes');
    expect(denial).toBeDefined();
    expect(denial!.date).toBe('2014-12-20');
  });

  it('has North Korea offering a joint investigation and warning of serious consequences', () => {
    const offer = claim(inc, 'north-korea-offers-joint-probe');
    expect(offer.by).toBe('north-korea-foreign-ministry');
    expect(offer.summary.en).toMatch(/joint investigation/i);
    expect(offer.summary.en).toMatch(/serious consequences/i);
    expect(offer.summary.ur).toContain('مشترکہ تحقیقات');
    expect(offer.summary.ur).toContain('سنگین نتائج');
  });

  it('has the US rejecting the offer and asking China for help', () => {
    const rejection = inc.claims.find((c) => c.respondsTo === 'north-korea-offers-joint-probe' && c.by === 'white-house');
    expect(rejection).toBeDefined();
    const china = claim(inc, 'us-asks-china');
    expect(china.summary.en).toMatch(/China/);
    expect(china.summary.ur).toContain('چین');
  });

  it('agrees with the article on the 47,000 leaked personal records and The Interview', () => {
    expect(inc.summary.en).toContain('47,000');
    expect(inc.summary.ur).toContain('47 ہزار');
    expect(inc.summary.ur).toContain('دی انٹرویو');
  });

  it('records the January 2015 US sanctions', () => {
    const sanction = claims(inc, 'sanction');
    expect(sanction.map((c) => c.date)).toContain('2015-01-02');
  });

  it('uses the Urdu names شمالی کوریا and سونی پکچرز and cites the Urdu report', () => {
    const ur = urduText(inc);
    expect(ur).toContain('شمالی کوریا');
    expect(ur).toContain('سونی پکچرز');
    expect(partyNames('north-korea')).toContain('شمالی کوریا');
    expectSeedCited(inc);
  });
});

describe('seed 002: Kaseya / REvil (Biden-Putin call)', () => {
  const inc = incident('kaseya-revil-2021');

  it('accuses REvil of the July 2021 attack on some 1,500 companies', () => {
    const acc = claims(inc, 'accusation');
    expect(acc.length).toBeGreaterThan(0);
    expect(acc.every((c) => c.against.includes('revil'))).toBe(true);
    expect(inc.occurred.start.startsWith('2021-07')).toBe(true);
    expect(inc.summary.en).toContain('1,500');
    expect(inc.summary.ur).toContain('1500');
  });

  it("dates Biden's call with Putin to 9 July 2021", () => {
    // Biden's statement on the call is the one the White House readout backs; his 3 July
    // remark on the attack ("not the Russian government") is a separate statement.
    const call = claims(inc, 'statement', 'joe-biden').filter((c) => c.sources.includes('white-house-readout'));
    expect(call).toHaveLength(1);
    expect(call[0]!.date).toBe('2021-07-09');
    expect(call[0]!.against).toContain('russia');
  });

  it('has the Kremlin saying US agencies made no requests, disputed by a US official', () => {
    const kremlin = inc.claims.filter((c) => c.by === 'kremlin');
    expect(kremlin).toHaveLength(1);
    expect(kremlin[0]!.date).toBe('2021-07-09');
    expect(kremlin[0]!.summary.en).toMatch(/no requests/i);
    expect(kremlin[0]!.summary.ur).toContain('کوئی درخواست نہیں');
    const dispute = inc.claims.find((c) => c.respondsTo === kremlin[0]!.id);
    expect(dispute).toBeDefined();
    // The article's US official was not named: anonymous officials, as reported by Reuters.
    expect(dispute!.by).toBe('us-officials-unnamed');
    expect(dispute!.reportedBy).toBe('reuters');
    expect(party('us-officials-unnamed').kind).toBe('anonymous-officials');
    expect(party('us-officials-unnamed').state).toBe('united-states');
  });

  it('uses the Urdu names آر ایول and کریملن and cites the Urdu report', () => {
    const ur = urduText(inc);
    expect(ur).toContain('آر ایول');
    expect(ur).toContain('کریملن');
    expect(partyNames('revil')).toContain('آر ایول');
    expectSeedCited(inc);
  });
});

describe('seed 003: 2020 US election hacking warning (Microsoft)', () => {
  const inc = incident('us-election-2020-hacking-warning');

  it("has Microsoft's 10 September 2020 accusations against Russia (Fancy Bear), China and Iran", () => {
    const ms = claims(inc, 'accusation', 'microsoft');
    expect(ms.every((c) => c.date === '2020-09-10')).toBe(true);
    const targets = ms.flatMap((c) => c.against);
    expect(targets).toEqual(expect.arrayContaining(['apt28', 'russia', 'china', 'iran']));
    expect(inc.firstAttributed).toBe('2020-09-10');
  });

  it("has Chris Krebs saying the warning matched US intelligence", () => {
    const krebs = claims(inc, 'confirmation', 'chris-krebs');
    expect(krebs).toHaveLength(1);
    expect(partyNames('chris-krebs')).toContain('کرسٹوفر کریبز');
  });

  it("has the Russian embassy's and Iran's UN mission's denials", () => {
    expect(claims(inc, 'denial', 'nikolay-lakhonin')).toHaveLength(1);
    expect(party('nikolay-lakhonin').state).toBe('russia');
    expect(claims(inc, 'denial', 'alireza-miryousefi')).toHaveLength(1);
    expect(party('alireza-miryousefi').state).toBe('iran');
    expect(partyNames('nikolay-lakhonin')).toContain('نکولائی لاخنونن');
    expect(partyNames('alireza-miryousefi')).toContain('علی رضا میر یوسفی');
  });

  it('records the Chinese embassy as not responding, not as denying', () => {
    expect(claims(inc, 'no-response', 'china-embassy-us')).toHaveLength(1);
    expect(claims(inc, 'denial', 'china-embassy-us')).toHaveLength(0);
  });

  it('uses the Urdu name فینسی بئیر and cites the Urdu report', () => {
    expect(urduText(inc)).toContain('فینسی بئیر');
    expect(partyNames('apt28')).toContain('فینسی بئیر');
    expect(urduText(inc)).toContain('ٹام برٹ');
    expectSeedCited(inc);
  });
});
