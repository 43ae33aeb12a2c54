// Urdu back-references to a maker named earlier in the article. Pakistani papers name a body once
// and then write «ادارے کی رپورٹ کے مطابق», «کمپنی کے مطابق», «پولیس کے مطابق», «وزارت خارجہ کے
// ترجمان نے» or «انہوں نے کہا کہ». Only at the head of a sentence (after a discourse word at most)
// and only before a maker's marker («نے», «کے مطابق», «کا کہنا», «کی رپورٹ») is such a word read as
// the earlier party: «ایک کمپنی نے» (a company) or «کمپنی کی ای میلز» (an object) are left alone.
import type { Mention, Token } from './gazetteer.ts';
import { nameKey, tokenize } from './gazetteer.ts';
import { normalizeText } from '../../search/normalize.ts';

const fold = (w: string) => nameKey(normalizeText(w).replace(/ /g, ''));
const words = (list: string) => new Set(list.split(' ').map(fold));

/** Words that may open a sentence before the back-reference. */
const OPENER = /^\s*(?:(?:تاہم|جبکہ|دوسری جانب|ادھر|بعد ازاں|مزید برآں|اس کے علاوہ|اسی طرح|دریں اثنا|واضح رہے کہ|نیز|اس سے قبل|بعد میں)[،,]?\s+)+/;
/** Demonstratives that point back («اس ادارے», «مذکورہ کمپنی»); «ایک» (a, one) introduces a new one. */
const POINTERS = words('اس اسی ان انہی مذکورہ متعلقہ');
const PRONOUNS = words('انہوں انھوں اس ان');
/** «انہوں نے», «ان کا کہنا تھا», «ان کے مطابق»: the pronoun as a maker. */
const PRONOUN_AFTER = /^\s+(?:نے|کا کہنا|کے مطابق)\s/;

/** A title noun and the earlier parties it can stand for. */
interface Title {
  head: Set<string>;
  fits: (m: Mention) => boolean;
}
const nameHas = (m: Mention, stems: string[]) => stems.some((s) => fold(m.name).includes(s));
const TITLES: Title[] = [
  { head: words('کمپنی کمپنیوں'), fits: (m) => m.kind === 'company' },
  { head: words('ادارے ادارہ اداروں ایجنسی'), fits: (m) => ['state-agency', 'company', 'international-body'].includes(m.kind) },
  { head: words('پولیس'), fits: (m) => nameHas(m, [fold('پولیس')]) },
  { head: words('عدالت'), fits: (m) => nameHas(m, [fold('عدالت')]) },
  { head: words('کمیشن'), fits: (m) => nameHas(m, [fold('کمیشن')]) },
  { head: words('وزارت'), fits: (m) => nameHas(m, [fold('وزارت')]) || /ministry/.test(m.id ?? '') },
  { head: words('محکمہ محکمے'), fits: (m) => nameHas(m, [fold('محکمہ'), fold('محکمے')]) || /department/.test(m.id ?? '') },
  { head: words('حکومت'), fits: (m) => m.kind === 'state' },
];

/** After the reference, within a few words: the marks of a maker. */
const MAKER_AFTER = /^(?:\s+\S+){0,4}?\s+(?:نے|کے مطابق|کا کہنا|کی رپورٹ|کے ترجمان|کی ترجمان|کے بیان)/;

/** What the article has named so far: every mention, and each sentence's subject (the party before «نے»). */
export class UrduHistory {
  private readonly mentions: Mention[] = [];
  private lastSubject: Mention | undefined;
  /** The state of the dateline («بیجنگ:», «ماسکو:»), for «وزارت خارجہ» named with no state. */
  private datelineState: string | undefined;

  /** `foreignMinistryOf` gives a state's foreign ministry as a party mention, where the data has one. */
  constructor(private readonly foreignMinistryOf: (state: string) => Pick<Mention, 'id' | 'name' | 'kind' | 'state'> | undefined = () => undefined) {}

  /** The first sentence's dateline, as the gazetteer reads it. */
  dateline(text: string, find: (s: string) => Mention[]): void {
    const head = /^\s*([^:\n]{2,30}):/.exec(text)?.[1];
    const found = head ? find(head) : [];
    if (found.length === 1 && found[0]!.kind === 'state' && found[0]!.id) this.datelineState = found[0]!.id;
  }

  remember(text: string, mentions: Mention[]): void {
    this.mentions.push(...mentions.filter((m) => m.first >= 0));
    const subject = mentions.find((m) => m.first >= 0 && m.kind !== 'media' && /^\s*(?:\S+\s+){0,5}?(?:نے|کے مطابق|کا کہنا)/.test(text.slice(m.end)));
    this.lastSubject = subject;
  }

  /** The sentence's mentions with back-references added as mentions of the earlier party. */
  resolve(text: string, mentions: Mention[], tokens: Token[] = tokenize(text)): Mention[] {
    const opener = OPENER.exec(text)?.[0] ?? '';
    const i = opener ? tokenize(opener).length : 0;
    const taken = (k: number) => mentions.some((m) => k >= m.first && k < m.last);
    const at = tokens[i];
    if (!at || taken(i)) return mentions;
    const rest = text.slice(at.end);
    // «انہوں نے کہا کہ», «اس نے»: the subject of the sentence before.
    if (PRONOUNS.has(fold(at.raw)) && PRONOUN_AFTER.test(rest)) {
      return this.lastSubject ? insert(mentions, this.copy(this.lastSubject, tokens, i, i + 1)) : mentions;
    }
    let head = i;
    if (POINTERS.has(fold(tokens[head]!.raw)) && tokens[head + 1] && !taken(head + 1)) head++;
    const title = TITLES.find((t) => t.head.has(fold(tokens[head]!.raw)));
    if (!title || !MAKER_AFTER.test(` ${text.slice(tokens[head]!.start)}`)) return mentions;
    // The nearest earlier party the title fits, not one already named in this sentence.
    let antecedent: Pick<Mention, 'id' | 'name' | 'kind' | 'state'> | undefined = [...this.mentions].reverse().find((m) => title.fits(m) && m.kind !== 'media' && m.kind !== 'persons');
    // «بیجنگ: … وزارت خارجہ کے ترجمان نے»: with no ministry named before, the dateline's state's.
    if (!antecedent && fold(tokens[head]!.raw) === fold('وزارت') && fold(tokens[head + 1]?.raw ?? '') === fold('خارجہ') && this.datelineState) {
      antecedent = this.foreignMinistryOf(this.datelineState);
    }
    if (!antecedent || mentions.some((m) => m.id !== null && m.id === antecedent.id)) return mentions;
    return insert(mentions, this.copy(antecedent, tokens, i, head + 1));
  }

  private copy(m: Pick<Mention, 'id' | 'name' | 'kind' | 'state'>, tokens: Token[], first: number, last: number): Mention {
    return { ...m, first, last, start: tokens[first]!.start, end: tokens[last - 1]!.end };
  }
}

function insert(mentions: Mention[], m: Mention): Mention[] {
  return [...mentions, m].sort((a, b) => a.first - b.first);
}
