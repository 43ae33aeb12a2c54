// The one piece of Urdu grammar the templates need: the oblique case. Before the postpositions
// نے، پر، کو، کی، کے، سے a noun phrase takes its oblique form: «روسی سفارت خانہ» becomes
// «روسی سفارت خانے نے», «ایران کا مشن» becomes «ایران کے مشن نے». Proper names do not change
// («امریکہ نے»، «البانیہ پر»، «اوباما نے»), so the rule cannot be "a word ending in ہ or ا".
//
// A curated party carries its oblique form in `urOblique`, and `npm run data:check` requires it
// wherever the name holds a word that inflects. The rule here is only the fallback, and only for
// what is certain: the genitive «کا» (it only ever heads a masculine singular noun, which is
// oblique here), «والا» and the common adjectives, and a name's last word when it is one of the
// nouns below. A noun that inflects in the middle of a name («ادارہ برائے …», «ادارہ سی این …»)
// may be in an izafat or an apposition; the rule leaves such a name to the curated field.

/** Words that change the same way wherever they stand: genitive, «والا», adjectives in ـا. */
const ALWAYS: ReadonlyMap<string, string> = new Map([
  ['کا', 'کے'],
  ['والا', 'والے'],
  ['نیا', 'نئے'],
  ['بڑا', 'بڑے'],
  ['چھوٹا', 'چھوٹے'],
  ['پہلا', 'پہلے'],
  ['دوسرا', 'دوسرے'],
  ['تیسرا', 'تیسرے'],
  ['اپنا', 'اپنے'],
]);

/**
 * Masculine nouns in ـہ that inflect when they end the name (the head of the phrase):
 * «داخلی انٹیلی جنس ادارہ» → «… ادارے». Before another word they may be in an izafat
 * («محکمہ خزانہ»، «محکمۂ خارجہ»), which does not change, so they count only as the last word.
 */
const HEAD_NOUNS: ReadonlyMap<string, string> = new Map([
  ['ادارہ', 'ادارے'],
  ['محکمہ', 'محکمے'],
  ['شعبہ', 'شعبے'],
  ['دستہ', 'دستے'],
  ['حلقہ', 'حلقے'],
  ['ذریعہ', 'ذریعے'],
  ['نمائندہ', 'نمائندے'],
  ['کمرہ', 'کمرے'],
  ['ٹولہ', 'ٹولے'],
]);

/**
 * «محکمہ» before another word is the head of an izafat written without its hamza («محکمہ خزانہ»
 * for «محکمۂ خزانہ»), which does not inflect; any other noun above in the middle of a name needs
 * the curated form (or the hamza, «ادارۂ …», when it is an izafat).
 */
const IZAFAT_HEADS: ReadonlySet<string> = new Set(['محکمہ']);

/** «سفارت خانہ»، «قونصل خانہ»، «کارخانہ»: every compound in خانہ inflects. */
const KHANA = /خانہ$/u;

const WORD_SPLIT = /(\s+)/u;
/** A trailing bracket («… ادارہ (بی ایف وی)») does not change; the head is the word before it. */
const TRAILING_BRACKETS = /(\s*\([^()]*\))+\s*$/u;

function splitTail(name: string): { head: string; tail: string } {
  const m = TRAILING_BRACKETS.exec(name);
  return m ? { head: name.slice(0, m.index), tail: name.slice(m.index) } : { head: name, tail: '' };
}

function inflectsAsHead(word: string): boolean {
  return HEAD_NOUNS.has(word) || KHANA.test(word);
}

function headOblique(word: string): string {
  return HEAD_NOUNS.get(word) ?? word.replace(KHANA, 'خانے');
}

/**
 * True when an Urdu name holds a word that takes an oblique form: «کا», «والا», an adjective
 * in ـا, or one of the nouns above (a compound in خانہ too), as its last word or, except for an
 * izafat head, anywhere. data:check asks for `urOblique` on every such party.
 */
export function needsOblique(nameUr: string): boolean {
  const words = splitTail(nameUr).head.split(/\s+/u).filter(Boolean);
  return words.some((w, i) => ALWAYS.has(w) || (inflectsAsHead(w) && (i === words.length - 1 || !IZAFAT_HEADS.has(w))));
}

/**
 * The oblique form by rule, or undefined when the rule is not sure (a noun that inflects sits
 * in the middle of the name). A name with nothing to inflect comes back unchanged.
 */
export function ruleOblique(nameUr: string): string | undefined {
  const { head, tail } = splitTail(nameUr);
  const parts = head.split(WORD_SPLIT);
  const wordIndexes = parts.map((p, i) => (p.trim() ? i : -1)).filter((i) => i >= 0);
  const last = wordIndexes.at(-1);
  let unsure = false;
  const out = parts.map((part, i) => {
    if (!part.trim()) return part;
    const always = ALWAYS.get(part);
    if (always) return always;
    if (inflectsAsHead(part)) {
      if (i === last) return headOblique(part);
      if (!IZAFAT_HEADS.has(part)) unsure = true;
    }
    return part;
  });
  return unsure ? undefined : out.join('') + tail;
}

/** The oblique form to use: the curated one, else the rule's when it is sure, else the name. */
export function obliqueOf(nameUr: string, curated?: string): string {
  return curated ?? ruleOblique(nameUr) ?? nameUr;
}
