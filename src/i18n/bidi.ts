// Right-to-left hygiene for Urdu lines. A line starting with a Latin name would be laid out
// left to right, and "Microsoft (24 مئی 2023)" would scramble its brackets and numbers.
// So every Urdu line starts with a right-to-left mark, and each embedded Latin run is
// isolated (LRI ... PDI) so it keeps its own order without disturbing the sentence.
const RLM = '\u200F';
const LRI = '\u2066';
const PDI = '\u2069';

// A run of Latin words (with the digits and punctuation inside names: "APT 28", "U.S.",
// "Five Eyes"). Brackets are left out: in an RTL line they belong to the Urdu sentence, and a
// run that swallowed "Microsoft (24" would split the pair "(24 مئی 2023)".
const LATIN_RUN = /[A-Za-z][A-Za-z0-9 .,'’&\-/:#]*[A-Za-z0-9.]|[A-Za-z]/g;

export function rtlLine(text: string): string {
  return RLM + text.replace(LATIN_RUN, (run) => LRI + run + PDI);
}
