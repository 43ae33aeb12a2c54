import { describe, expect, it } from 'vitest';
import { testBot } from './helpers.ts';

const bot = testBot();
const top = (q: string, kind: 'incident' | 'entity') => bot.search.search(q, { kinds: [kind], limit: 5 })[0];
const topId = (q: string, kind: 'incident' | 'entity') => top(q, kind)?.id;

describe('exact names', () => {
  it.each([
    ['volt typhoon', 'entity', 'volt-typhoon'],
    ['Volt Typhoon', 'incident', 'volt-typhoon'],
    ['APT 28', 'entity', 'apt28'],
    ['apt-28', 'entity', 'apt28'],
    ['China', 'entity', 'china'],
    ['FBI', 'entity', 'fbi'],
    ['Microsoft', 'entity', 'microsoft'],
  ] as const)('%s -> %s %s', (q, kind, id) => {
    const hit = top(q, kind);
    expect(hit?.id).toBe(id);
    expect(hit?.score).toBeGreaterThan(0.5);
  });
  it('scores an exact match of an own name at 1', () => {
    expect(top('Volt Typhoon', 'entity')).toMatchObject({ score: 1, how: 'exact' });
  });
});

describe('every vendor alias of a sample of actors', () => {
  it.each(['apt28', 'volt-typhoon', 'lazarus-group', 'sandworm', 'apt29'])('%s is found by each of its names', (id) => {
    const entity = bot.kb.entities.get(id)!;
    expect(entity, id).toBeDefined();
    expect(entity.aliases.length).toBeGreaterThan(2);
    const misses = entity.aliases
      .map((a) => a.name)
      .filter((name) => {
        const hits = bot.search.search(name, { kinds: ['entity'], limit: 10 });
        // Our actor must be an exact hit. A name that is also another actor's own name (APT38 is
        // its own ATT&CK group and a Lazarus alias) may rank that actor first: ours then follows.
        const ours = hits.find((h) => h.id === id);
        const top = hits[0];
        return !(ours?.how === 'exact' && (top === ours || (top?.how === 'exact' && top.score >= ours.score)));
      });
    expect(misses).toEqual([]);
  });
});

describe('typos (1-2 edits)', () => {
  it.each([
    ['volt tyhpoon', 'entity', 'volt-typhoon'],
    ['vlot typhoon', 'entity', 'volt-typhoon'],
    ['fancy baer', 'entity', 'apt28'],
    ['fanci bear', 'entity', 'apt28'],
    ['lazarus grop', 'entity', 'lazarus-group'],
    ['sandwrom', 'entity', 'sandworm'],
    ['solarwind', 'incident', 'solarwinds-2020'],
    ['wanacry', 'incident', 'wannacry-2017'],
    ['notpetia', 'incident', 'notpetya-2017'],
    ['volt typhon', 'incident', 'volt-typhoon'],
  ] as const)('%s -> %s', (q, kind, id) => expect(topId(q, kind)).toBe(id));
});

describe('Urdu', () => {
  it.each([
    ['وولٹ ٹائیفون', 'incident', 'volt-typhoon'],
    ['فینسی بئیر', 'entity', 'apt28'],
    ['چین', 'entity', 'china'],
    ['شمالی کوریا', 'entity', 'north-korea'],
    ['آر ایول', 'entity', 'revil'],
    ['ایف بی آئی', 'entity', 'fbi'],
  ] as const)('Urdu keyboard: %s', (q, kind, id) => expect(topId(q, kind)).toBe(id));
  it.each([
    // Arabic-keyboard letters: ي for ی, ك for ک, ه for ہ.
    ['وولٹ ٹائيفون', 'incident', 'volt-typhoon'],
    ['فينسي بئير', 'entity', 'apt28'],
    ['شمالي كوريا', 'entity', 'north-korea'],
    ['كريملن', 'entity', 'kremlin'],
  ] as const)('Arabic keyboard: %s', (q, kind, id) => expect(topId(q, kind)).toBe(id));
  it.each([
    // Urdu spellings of English names that have no curated Urdu alias: the consonant skeleton.
    ['ٹرلا', 'turla'],
    ['کمسوکی', 'kimsuky'],
    ['مڈی واٹر', 'muddywater'],
    ['ڈارک ہوٹل', 'darkhotel'],
    ['ایکویشن گروپ', 'equation-group'],
  ])('Urdu spelling of an English name with no Urdu alias: %s', (q, registryId) => {
    const actor = bot.kb.registry.byId.get(registryId)!;
    expect(actor.names.some((n) => /[\u0600-\u06FF]/.test(n.name))).toBe(false);
    const hit = top(q, 'entity');
    expect(hit?.id).toBe(bot.kb.entityForActor(registryId)!.id);
    expect(hit?.score).toBeGreaterThanOrEqual(0.5);
  });
  it('Urdu spelling close to a curated Urdu name (لیزارس for لازارس)', () => expect(topId('لیزارس گروپ', 'entity')).toBe('lazarus-group'));
});

describe('descriptive queries', () => {
  it.each([
    ['sony hack 2014', 'sony-pictures-2014'],
    ['biden putin ransomware', 'kaseya-revil-2021'],
    ['2020 election hackers', 'us-election-2020-hacking-warning'],
    ['north korea bank theft', 'bangladesh-bank-2016'],
    ['russia ukraine power grid', 'ukraine-power-grid-2015'],
  ])('%s -> %s', (q, id) => expect(topId(q, 'incident')).toBe(id));
});

describe('results', () => {
  it('carry scores, best first', () => {
    const hits = bot.search.search('typhoon', { limit: 10 });
    expect(hits.length).toBeGreaterThan(1);
    for (const h of hits) expect(h.score).toBeGreaterThan(0);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });
  it('an ambiguous name returns all its candidates', () => {
    const hits = bot.search.search('Grizzly Steppe', { kinds: ['entity'], limit: 10 });
    const tied = hits.filter((h) => h.how === 'exact' && h.score === hits[0]!.score).map((h) => h.id);
    expect(tied).toEqual(expect.arrayContaining(['apt28', 'apt29']));
  });
  it('autocomplete offers prefixes, at most 25 distinct', () => {
    const s = bot.suggest('actor', 'fan');
    expect(s.length).toBeLessThanOrEqual(25);
    expect(s.map((x) => x.value)).toContain('apt28');
    expect(bot.suggest('incident', 'volt')[0]?.value).toBe('volt-typhoon');
    expect(bot.suggest('actor', 'a').length).toBe(25);
    for (const c of bot.suggest('actor', 'a')) expect(c.label.length).toBeLessThanOrEqual(100);
  });
  it('nothing for a query of only symbols', () => {
    expect(bot.search.search('!!! ???')).toEqual([]);
  });
});
