// The cue rules, per language. Each sentence is first reduced to a skeleton: its words in
// lower case (Urdu folded as in search keys), clause punctuation kept, and each party the
// gazetteer found replaced by a placeholder §k§. "The US on Tuesday accused China's MSS of
// hacking" becomes "the §0§ on tuesday accused §1§ of hacking". A rule is a regular
// expression over that skeleton with named groups: `by` (the maker of the claim), `against`
// (whom it is about), `cue` (the verb, for the negation check). The macros keep the rules
// readable: {PL} a list of placeholders ("§1§ , §2§ and §3§"), {W5} up to five words with no
// party in between, {N5} the same without crossing a comma, {BY} a maker with up to five
// words before the verb ("§0§ on tuesday formally").
import type { ClaimType } from '../../domain/schema.ts';
import { normalizeText } from '../../search/normalize.ts';

export interface Rule {
  type: ClaimType;
  re: RegExp;
  /** A speaker-frame rule: `against` comes from the hacker phrases in the sentence, not the regex. */
  hackerFrame?: boolean;
  /** Strength implied by the rule itself (a claim of "responsibility"). */
  strength?: 'responsible';
  /** No maker in the sentence: the maker of the article's last claim of this type ("The designations include ..."). */
  carryBy?: boolean;
  /** The maker is an unnamed group ("pro-Russian hackers claimed ..."): the group the next two sentences name, if any. */
  groupAhead?: boolean;
  /** Only people or groups can be the target (a wanted list names persons, not an agency). */
  personsOnly?: boolean;
  name: string;
}

const PL = '§\\d+§(?: (?:,|and|&|, and|اور|و|،) (?:the )?§\\d+§)*';
// A maker does not start in the middle of a list ("... Canada and Japan said" is not Japan alone), but
// may start after a list closed with "and" ("agencies from A, B and C, the ASD said").
const NOT_MID_LIST_EN = '(?<!§\\d+§ (?:and|, and) (?:the )?)(?<!(?<!(?:and|, and) (?:the )?)§\\d+§ (?:,|&) (?:the )?)';
// English lists close with "and": in "agencies from the US, Britain and Japan, the ASD said" the ASD is not one of them.
const PL_EN = '§\\d+§(?: (?:,|&) (?:the )?§\\d+§)*(?: (?:and|, and) (?:the )?§\\d+§)*';
// Urdu: a list whose later members carry a title or a number before the name («ایف بی آئی اور
// سائبر سکیورٹی ایجنسی سی آئی ایس اے», «پانچ ... افسران اور ایک روسی شہری»). The words between may
// not be a postposition, so a list never swallows the end of another phrase.
const PL_UR = '§\\d+§(?: (?:,|اور|و|،) (?:(?!(?:نے|پر|کو|سے|میں|تک|کے|کی|کا|نی|سی|کہ) )[^\\s§,]+ ){0,3}?§\\d+§)*';

export function expand(pattern: string, lang: 'en' | 'ur'): RegExp {
  const list = lang === 'en' ? PL_EN : PL;
  let src = pattern
    .replace(/\{PLU\}/g, PL_UR)
    // Urdu: a title and a name after the party («ایف بی آئی کے ڈائریکٹر کرسٹوفر رے کا کہنا تھا»).
    // Urdu: a title and name between a maker and «نے», up to seven words, but no adjunct («بھارت میں ہونے
    // والی کانفرنس میں ماہرین نے» is the experts speaking, not India).
    .replace(/\{TN\}/g, '(?:(?!(?:میں|پر|کو|تک|دوران|بعد|خلاف) )[^\\s§:]+ ){0,7}?')
    .replace(/\{TTL\}/g, '(?: (?:کے|کی)(?: [^\\s§,]+){1,4}?)?')
    .replace(/\{PL\}/g, list)
    .replace(/\{BY\}/g, `${lang === 'en' ? NOT_MID_LIST_EN : ''}(?<by>${list})(?: s)?(?: , (?:\\S+ ){1,12}?,)? (?:[^\\s§,;:]+ ){0,8}?`)
    // An object: words that do not start an adjunct ("sanctioned five entities over Russian ...").
    .replace(/\{O(\d+)\}/g, (_, n) => `(?:(?!(?:over|for|in|after|amid|about|following|because|on|against|during) )[^\\s§,;:]+ ){0,${n}}?`)
    .replace(/\{A(\d+)\}/g, (_, n) => `(?:\\S+ ){0,${n}}?`)
    // Urdu: any tokens, but not across another clause's subject marker «نے» (folded «نی»), nor into a
    // clause with a new subject («…، تاہم بیجنگ …», «جبکہ پاکستان …»).
    .replace(/\{U(\d+)\}/g, (_, n) => `(?:(?!نی |(?:, )?(?:تاہم|جبکہ|لیکن|مگر|البتہ|بلکہ) §)\\S+ ){0,${n}}?`)
    .replace(/\{W(\d+)\}/g, (_, n) => `(?:[^\\s§]+ ){0,${n}}?`)
    .replace(/\{N(\d+)\}/g, (_, n) => `(?:[^\\s§,;:]+ ){0,${n}}?`);
  // Urdu cue words are written as a reader writes them and folded here like the skeleton.
  if (lang === 'ur') src = src.replace(/[\u0600-\u06FF]+/g, (w) => normalizeText(w).replace(/ /g, '') || w);
  return new RegExp(src, 'u');
}

const rule = (lang: 'en' | 'ur') => (name: string, type: ClaimType, pattern: string, extra: Partial<Rule> = {}): Rule => ({ name, type, re: expand(pattern, lang), ...extra });

const en = rule('en');
const SAY = '(?:said|says|say|stated|states|assessed|assesses|assess|believes|believe|believed|concluded|concludes|found|finds|determined|confirmed|confirms|alleged|alleges|claimed|announced|announces|revealed|reveals|warned|warns|added|reported|reports|wrote|writes|written|judged|judges|judge|noted|called|calls|described|describes|told (?:§\\d+§ |[^\\s§]+ ){0,3}?)';
const DID = '(?:behind|responsible|carried out|conducted|orchestrated|perpetrated|launched|staged|committed|involved|to blame|culprit|culprits|perpetrator|perpetrators)';

export const EN_RULES: Rule[] = [
  // Claims of responsibility first: "X claimed responsibility" is not an accusation by X.
  en('claim-responsibility', 'claim-of-responsibility', '(?<by>{PL})(?: hackers| group| gang| collective| hacking group)? {N6}(?<cue>claimed|claims|claiming|took|takes|has taken|have taken|taking|accepted) (?:full )?(?:the )?(?:responsibility|credit)', { strength: 'responsible' }),
  en('claim-it-did', 'claim-of-responsibility', '(?<by>{PL})(?: hackers| group| gang)? (?:has |have |had |also |later |on \\S+ )*(?<cue>claimed|boasted|bragged|said|says|announced|announces) (?:on \\S+ )?(?:that )?(?:it|they) (?:had |has |have |was |were )?(?:behind|carried out|hacked|breached|attacked|responsible|stole|leaked|took down|targeted|destroyed|wiped|defaced|disrupted|crippled|knocked|encrypted|paralysed|paralyzed)', { strength: 'responsible' }),
  // "the group claimed a second attack", "claimed the hack of ...": the attack itself as the object.
  en('claim-attack', 'claim-of-responsibility', '(?<by>{PL})(?: hackers| group| gang)? (?:has |have |had |also |later |on \\S+ )*(?<cue>claimed|claims) (?:a|an|the) (?:[^\\s§,;:]+ ){0,2}?(?:attack|attacks|hack|breach|cyberattack|cyber attack|intrusion|operation)\\b', { strength: 'responsible' }),
  // "An anti-IS hacking group has claimed responsibility ... New World Hackers sent a message ...": named later.
  en('claim-unnamed', 'claim-of-responsibility', '^(?:an? |the )?(?:[^\\s,;:]+ ){0,5}?(?:hacking group|hacker group|hackers|hacktivists|hacktivist group|group|gang|collective)(?: has| have| had)? (?:also |later |on \\S+ )*(?<cue>claimed|claims|took|has taken|have taken|accepted) (?:full )?(?:the )?(?:responsibility|credit)', { strength: 'responsible', groupAhead: true }),
  en('claim-unnamed-did', 'claim-of-responsibility', '^(?:an? |the )?(?:[^\\s,;:]+ ){0,5}?(?:hacking group|hacker group|hackers|hacktivists|hacktivist group|group|gang|collective)(?: has| have| had)? (?<cue>claimed|boasted) {W5}that (?:it|they) (?:had |have |has )?(?:hacked|breached|attacked|stole|leaked|took down|knocked|defaced|disrupted|crippled|made|wiped|encrypted)\\b', { strength: 'responsible', groupAhead: true }),
  en('claimed-by', 'claim-of-responsibility', 'responsibility (?:for {W8})?(?:was |has been |had been )?(?<cue>claimed) by {W3}(?<by>{PL})', { strength: 'responsible' }),

  en('accuse', 'accusation', '{BY}(?<cue>accused|accuses|accusing|accuse|blamed|blames|blaming|blame|named|names|exposed|exposes|called out|calls out|singled out|pointed the finger at|points the finger at) (?:the )?(?<against>{PL})'),
  en('attackers-were', 'accusation', `{BY}(?<cue>${SAY})(?: that)? {W10}(?:the )?(?:attackers?|hackers?|culprits?|perpetrators?|intruders?) (?:were|was|are|is) {N3}(?<against>{PL})`),
  en('report-by', 'accusation', '(?:report|statement|study|analysis|paper|findings) {W8}(?:by|from) (?:the )?(?<by>{PL})(?: s)? {N3}(?<cue>accused|accuses|blamed|blames|said|says|found|concluded|alleged|alleges) (?:that )?(?:the )?(?<against>{PL})'),
  en('report-claim', 'accusation', '(?<by>{PL})(?: s)? (?:report|statement|assessment|advisory|findings|indictment)(?: s)? (?:(?:claim|conclusion|finding|allegation|assertion)s? )?that {W6}(?<against>{PL}) {N6}(?<cue>attacked|hacked|breached|was behind|were behind|targeted|carried out|infiltrated)'),
  en('confirm', 'confirmation', '{BY}(?<cue>supported|supports|backed|backs|endorsed|endorses|echoed|shared|agreed with|agrees with|concurred with|joined) (?:the )?{A4}(?:findings|assessment|attribution|conclusions?|accusations?)\\b'),
  en('accusations-from', 'accusation', '(?<cue>accusations?|allegations?|claims?|charges) (?:from|by|of) (?:the )?(?<by>{PL})', { hackerFrame: true }),
  en('possessive-charge', 'accusation', '(?<by>{PL}) s (?<cue>charge|charges|accusation|accusations|allegation|allegations|claim|claims) that', { hackerFrame: true }),
  en('blame-on', 'accusation', '{BY}(?<cue>blamed|blames|blaming|pinned|pins) {N8}on (?:the )?{N4}(?<against>{PL})'),
  en('attribute-to', 'accusation', '{BY}(?<cue>formally attributed|attributed|attributes|attributing|linked|links|linking|tied|ties|tying|traced|traces|tracing|connected|connecting) {N10}(?:to|with) {W6}(?<against>{PL})'),
  en('said-behind', 'accusation', `{BY}(?<cue>${SAY})(?: that)? {N8}(?<against>{PL})(?: s)? {N8}(?:was |were |is |are |had been |has been |have been )?{N3}${DID}\\b`),
  en('said-by', 'accusation', `{BY}(?<cue>${SAY})(?: that)? {W12}(?:(?:carried out|conducted|orchestrated|perpetrated|launched|committed|staged|done|behind) by|(?:the )?(?:work|handiwork) of) {N5}(?<against>{PL})`),
  // "the FBI said Russia's GRU had targeted email servers": the accused as the subject of an attack verb.
  en('said-did', 'accusation', `{BY}(?<cue>${SAY})(?: that)? {N6}(?<against>{PL})(?: s)? {N3}(?:had |has |have |was |were )?(?:also |repeatedly |previously )?(?:hacked|breached|targeted|attacked|compromised|infiltrated|stole|spied on|broke into|broken into|penetrated)\\b`),
  en('according-to-first', 'accusation', `(?<cue>according to) (?<by>{PL})(?: s)? {N4}, {N8}(?<against>{PL})(?: s)? {N8}(?:was |were |is |are |had been )?{N3}${DID}\\b`),
  en('according-to-last', 'accusation', `(?<against>{PL})(?: s)? {N8}(?:was |were |is |are |had been )?{N3}${DID}\\b {A40}(?<cue>according to) (?:the )?(?<by>{PL})`),
  en('quote-first', 'accusation', `(?<against>{PL})(?: s)? {N8}(?:was |were |is |are |had been )?{N3}${DID}\\b {A40}, (?:the )?(?<by>{PL})(?: s)? {N3}(?<cue>said|says|stated|added|alleged)`),
  en('passive-accused', 'accusation', '(?<against>{PL}) {N4}(?:was |were |has been |have been |had been |is |are )(?:formally |publicly )?(?<cue>accused|blamed|named) {W12}by (?:the )?(?<by>{PL})'),
  // "China's foreign ministry hit back, accusing the US of ...": the participle's subject is the sentence's.
  en('accuse-participle', 'accusation', '(?<by>{PL})(?: s)? {N8}, (?<cue>accusing|blaming) (?:the )?(?<against>{PL})'),
  en('attributed-by-passive', 'accusation', '(?:was|were|has been|have been|had been|is|are) (?:formally |publicly |officially |later )?(?<cue>attributed|linked|traced|tied|blamed|pinned) by (?:the )?(?<by>{PL})(?: s)? {N4}(?:to|on) (?:the )?{N4}(?<against>{PL})'),
  en('attributed-to-passive', 'accusation', '(?:was|were|has been|have been|had been|is|are) (?:formally |publicly |officially |later )?(?<cue>attributed|traced|blamed|pinned) (?:to|on) (?:the )?{N4}(?<against>{PL})(?: s)? {N6}by (?:the )?(?<by>{PL})'),
  // An accusation given only as what its target rejects: "North Korea rejected US claims that it was behind ...",
  // "condemned the accusations made by Washington and London". The accused is the one rejecting.
  en('rejected-claims-of', 'accusation', '(?<against>{PL})(?: s)? {N6}(?<cue>rejected|rejects|denied|denies|dismissed|dismisses|refuted|refutes|condemned|condemns|hit back at|slammed) (?:the |these |those )?(?:[^\\s§,;:]+ ){0,2}?(?<by>{PL})(?: s)? (?:[^\\s§,;:]+ ){0,2}?(?:claims?|accusations?|allegations?|charges|assertions?)\\b'),
  en('rejected-claims-by', 'accusation', '(?<against>{PL})(?: s)? {N6}(?<cue>rejected|rejects|denied|denies|dismissed|dismisses|refuted|refutes|condemned|condemns|hit back at|slammed) (?:the |these |those |an? )?(?:[^\\s§,;:]+ ){0,3}?(?:claims?|accusations?|allegations?|charges|assertions?|advisory|report|findings|assessment) (?:made |levelled |leveled |issued |published )?(?:by|from) (?:the )?(?<by>{PL})'),
  // "... said most attacks on its infrastructure were carried out from US territory": where the attacks came from.
  en('attacks-from', 'accusation', `{BY}(?<cue>${SAY})(?: that)? {W12}(?:attacks?|cyberattacks?|hacks?|intrusions?|operations?) {N8}(?:were |was |are |is |had been |have been )?(?:carried out|launched|conducted|originated|originating|came|coming|staged|mounted|routed) from (?:the )?(?:[^\\s§]+ ){0,2}?(?<against>{PL})`),
  en('attacks-from-coordinated', 'accusation', '(?<by>{PL})(?: s)? {A24}, (?:and )?(?<cue>said|says|added|claimed) (?:that )?{W12}(?:attacks?|cyberattacks?|hacks?|intrusions?|operations?) {N8}(?:were |was |are |is |had been |have been )?(?:carried out|launched|conducted|originated|originating|came|coming|staged|mounted|routed) from (?:the )?(?:[^\\s§]+ ){0,2}?(?<against>{PL})'),
  // "condemned what it called India's state-sponsored spying operations": the hacker phrase names the accused.
  en('condemn-hackers', 'accusation', '{BY}(?<cue>condemned|condemns|denounced|denounces|protested|protests)\\b', { hackerFrame: true }),
  en('hacker-frame', 'accusation', `{BY}(?<cue>${SAY}|identified|identifies|observed|observes|revealed|disclosed|discloses|uncovered|uncovers|detected|detects|tracked|tracks|discovered|discovers|published|publishes|attributed|blamed|exposed|exposes|warned|warns|accused|accuses|named|names|called out)\\b`, { hackerFrame: true }),
  en('hacker-frame-according', 'accusation', '(?<cue>according to) (?:(?:a|the) (?:report|statement|study|analysis|assessment) (?:from|by|of) )?(?:the )?(?:[^\\s§,;:]+ ){0,4}?(?<by>§\\d+§(?: (?:and|&) (?:the )?§\\d+§)?)', { hackerFrame: true }),

  en('deny', 'denial', '{BY}(?<cue>denied|denies|deny|denying|rejected|rejects|reject|rejecting|dismissed|dismisses|dismiss|refuted|refutes|refute|repudiated|disputed|disputes|brushed off|slammed|hit back at)\\b'),
  en('condemn-accusations', 'denial', '{BY}(?<cue>condemned|condemns|denounced|denounces) (?:the |these |those |such )?(?:[^\\s§,;:]+ ){0,3}?(?:accusations?|allegations?|claims?|charges)\\b'),
  en('call-groundless', 'denial', '{BY}(?<cue>said|says|called|calls|described|describes|termed|labelled|labeled|branded|brands|told (?:\\S+ ){1,2}?) {A14}(?:accusations?|allegations?|claims?|charges|reports?|assertions?|hype|attribution) {A8}(?:propaganda|orchestrated|russophobia|hysteria|groundless|baseless|unfounded|fabricated|false|slander|slanderous|smear|smears|smearing|lies|absurd|nonsense|disinformation|politically motivated|unprofessional|irresponsible|without evidence|no evidence|untrue|ridiculous|fiction|fake|unsubstantiated|inadmissible|fabrications?)\\b'),
  en('call-groundless-2', 'denial', '{BY}(?<cue>said|says|called|calls|described|describes|termed|labelled|labeled|branded|brands) {W6}(?:the |such )?(?:groundless|baseless|unfounded|fabricated|false|slanderous|absurd|unprofessional|irresponsible|politically motivated) (?:accusations?|allegations?|claims?|charges|reports?|hype|smears?)'),
  en('nothing-to-do', 'denial', '{BY}{W6}(?<cue>has nothing to do with|had nothing to do with|was not involved|is not involved|were not involved|had no involvement|has no involvement|played no part|played no role|firmly opposes|opposes and cracks down|never conducted|never carried out|has never|does not engage|did not engage)'),
  en('declined-comment', 'declined-to-comment', '{BY}{W4}(?<cue>declined to comment|declined to immediately comment|refused to comment|would not comment|had no comment|declined comment|declined to discuss)'),
  en('no-response', 'no-response', '{BY}{W4}(?<cue>did not respond|didn t respond|did not immediately respond|didn t immediately respond|has not responded|had not responded|hasn t responded|did not reply|did not return|didn t return)'),
  en('biggest-hacker', 'counter-accusation', `{BY}(?:${SAY}|according to)(?: that)? {W4}(?<against>{PL})(?: s)? {N4}(?:is|was|remains|are|itself is|itself was|itself) {N4}(?:the )?(?<cue>biggest|largest|world s biggest|world s largest|real|true|greatest|number one|main) {N4}(?:hacker|hackers|source of cyber|cyber ?attack|cyberattacks|cyber threat|threat to cyber|hacking empire|empire of hacking|matrix|threat to global cyber|perpetrator)`),
  en('biggest-hacker-2', 'counter-accusation', '(?<against>{PL})(?: s)? {N4}(?:is|was|remains|are|itself is|itself was|itself) {N4}(?:the )?(?<cue>biggest|largest|world s biggest|world s largest|real|true|greatest|number one|main) {N4}(?:hacker|hackers|source of cyber|cyber ?attack|cyberattacks|cyber threat|threat to cyber|hacking empire|empire of hacking|matrix|threat to global cyber|perpetrator) {W6}, (?:the )?(?<by>{PL})(?: s)? {N3}(?:said|says|added)'),
  en('accuse-in-turn', 'counter-accusation', '{BY}(?<cue>accused|accuses|accusing) (?:the )?(?<against>{PL}) {N6}(?:in turn|in return|of hypocrisy|of double standards|itself)'),

  en('sanction', 'sanction', '{BY}(?<cue>sanctioned|sanctions|sanctioning|sanction|designated|designates|designating|imposed sanctions on|imposed sanctions against|imposes sanctions on|imposes sanctions against|announced sanctions on|announced sanctions against|slapped sanctions on|placed|blacklisted|blacklists) {O6}(?<against>{PL})(?! {N6}(?:on|to) (?:a |the |its )?(?:most )?wanted)'),
  // "... sanctioned six people over WannaCry, among them a unit of the GRU and the firm Chosun Expo".
  en('sanction-among', 'sanction', '{BY}(?<cue>sanctioned|imposed sanctions on|imposed sanctions against|designated|blacklisted) {A24}, (?:including|among them|among those|among whom|such as) {O6}(?<against>{PL})(?: {N6}(?<against2>{PL}))?'),
  en('designations-include', 'sanction', '(?:designations|those designated|the sanctioned entities) (?<cue>include|included|includes|target|targeted|cover|covered) (?:the )?(?<against>{PL})', { carryBy: true }),
  en('sanction-passive', 'sanction', '(?<against>{PL}) {N4}(?:was |were |has been |have been |had been |is |are )(?:also )?(?<cue>sanctioned|designated|blacklisted)(?: {W6}by (?:the )?(?<by>{PL}))?'),
  en('sanctions-on', 'sanction', '{BY}{N3}(?<cue>sanctions|new sanctions) (?:on|against) {N4}(?<against>{PL})'),
  en('indict', 'indictment', '{BY}(?<cue>charged|charges|charging|indicted|indicts|indicting|filed charges against|brought charges against|announced charges against|announced indictments? against|unveiled indictments? (?:of|against)|unsealed (?:[^\\s§]+ ){0,4}?(?:indictments?|charges|complaint) (?:against|charging)|unsealed an indictment charging) {O6}(?<against>{PL})'),
  // "Prosecutors charged a Russian national ..., the Justice Department said": the maker is the speaker.
  en('indict-byless', 'indictment', '(?:^|, |and )(?:federal |us |u s )?(?:prosecutors|authorities|a (?:federal )?grand jury|the grand jury|investigators) (?:have |had |on \\S+ )?(?<cue>charged|indicted) {O6}(?<against>{PL})'),
  en('indict-passive', 'indictment', '(?<against>{PL}) {A8}(?:was |were |has been |have been |had been |are |is )(?:also )?(?:formally )?(?<cue>charged|indicted)(?: {W10}by (?:the )?(?<by>{PL}))?'),
  en('wanted', 'indictment', '{BY}{N4}(?<cue>added|placed|put|included|listed) {O4}(?<against>{PL}) {N6}(?:most wanted|wanted list|wanted persons|wanted notice)'),
  en('named-wanted', 'indictment', '{BY}{N4}(?<cue>named|listed|identified|declared) {O4}(?<against>{PL}) {N4}as (?:wanted|fugitives|wanted suspects)\\b'),
  en('wanted-for', 'indictment', '{BY}{N4}(?<cue>issued|issues|published|released) (?:a |an )?(?:arrest )?(?:warrants?|wanted notices?|wanted list) {N4}(?:for|against|naming) {O4}(?<against>{PL})'),
  en('arrest', 'arrest', '{BY}(?<cue>arrested|arrests|detained|detains|apprehended|extradited) {O6}(?<against>{PL})'),
  en('arrest-byless', 'arrest', '(?:authorities|police|officers|investigators) (?<cue>arrested|detained) (?<against>{PL})'),
  en('arrest-passive', 'arrest', '(?<against>{PL}) {N6}(?:was |were |has been |have been |had been )(?<cue>arrested|detained|apprehended|extradited)(?: {W10}by (?:the )?(?<by>{PL}))?'),
  en('conviction', 'conviction', '(?<against>{PL}) {N6}(?<cue>pleaded guilty|pled guilty|was convicted|were convicted|was sentenced|were sentenced|has been sentenced)'),
  en('advisory-said', 'advisory', '{BY}{N4}(?<cue>said|says|warned|warns|wrote|stated|noted) in (?:a|an|its|the|their) (?:new |joint |latest )?(?:cybersecurity |security |cyber )?(?:advisory|alert|bulletin)\\b'),
  en('advisory-in', 'advisory', '(?:^|, )in (?:a|an|its|the|their) (?:new |joint |latest )?(?:cybersecurity |security |cyber )?(?:advisory|alert|bulletin) {A30}, (?:the )?(?<by>{PL})(?: s)? {N3}(?<cue>said|says|warned|warns|wrote|stated)'),
  en('advisory', 'advisory', '{BY}{N6}(?<cue>issued|issues|published|publishes|released|releases|put out|puts out|updated) {N4}(?:advisory|advisories|alert|alerts|warning|bulletin)\\b'),
  en('takedown', 'takedown', '{BY}{N6}(?<cue>disrupted|disrupts|dismantled|dismantles|took down|takes down|taken down|took down or disrupted|seized|seizes|sinkholed|neutralized|neutralised|shut down|shuts down) {W8}(?:botnet|botnets|infrastructure|servers?|domains?|network|malware|websites?|platform|operation|forum|marketplace)\\b'),
  en('seized-proceeds', 'takedown', '{BY}{N4}(?<cue>seized|seizes|confiscated) {W8}(?:cryptocurrency|crypto|bitcoin|funds|proceeds) (?:[^\\s§]+ ){0,3}?from (?:the )?(?:hackers|criminals|gang|group|operators|scammers)'),
  en('takedown-byless', 'takedown', '(?<cue>took down|taken down|took down or disrupted|dismantled|shut down) {W8}(?:botnet|botnets|infrastructure|servers?|domains?|network of hacked|malware)\\b'),
  en('sever-ties', 'diplomatic-action', '{BY}{N4}(?<cue>severed|severs|cut|cuts|broke off|breaks off|suspended|suspends) (?:all )?(?:its )?(?:diplomatic )?(?:ties|relations) with (?:the )?(?<against>{PL})'),
  en('summon', 'diplomatic-action', '{BY}{N4}(?<cue>summoned|summons|expelled|expels|recalled) (?:the )?(?:[^\\s§]+ ){0,2}?(?<against>{PL})(?: s)? {N3}(?:ambassador|envoy|diplomats?|charg[eé]|embassy)'),
  // "The State Department offered a reward of up to $10 million for information on ...": a statement, not an accusation.
  en('reward', 'statement', '{BY}{N4}(?<cue>offered|offers|announced|announces|is offering) (?:a |an )?{N6}rewards?\\b'),
  en('statement', 'statement', '{BY}{N4}(?<cue>condemned|condemns|called for|calls for|urged|urges)\\b'),
];

const urRule = rule('ur');
// Every Urdu party list may carry titles between its names (PL_UR).
// A maker may carry a title and a name before «نے» («… وزارت خارجہ کے ترجمان رندھیر جیسوال نے»): seven words, not five.
const ur = (name: string, type: ClaimType, pattern: string, extra: Partial<Rule> = {}): Rule => urRule(name, type, pattern.replace(/\{NOT_VICTIM\}/g, NOT_VICTIM).replace(/\{PL\}/g, '{PLU}').replace(/\{W5\}نے/g, '{TN}نے'), extra);
const UR_SAY = '(?:کہا|بتایا|انکشاف|دعویٰ|دعوی|رپورٹ|خبردار|الزام|اعلان|تصدیق|لکھا|بیان)';
// «ایرانی بینکوں پر حملے کیے»: a party followed by a noun and «پر»/«کو» is the victim, not the doer.
const NOT_VICTIM = '(?!(?: [^\\s§]+){0,2} (?:پر|کو|کے خلاف) )';
const UR_DID = '(?:ملوث|ذمہ دار|ذمے دار|مرتکب|پیچھے|ہاتھ|کارفرما|کار فرما|کارروائی|حملے کر|حملہ کر|حملے کیے|حملہ کیا|نے کیے|نے کیا|ہیک کی|ہیک کر|ہیک کیا|نشانہ بنا|سے ملتے)';

export const UR_RULES: Rule[] = [
  ur('claim-responsibility', 'claim-of-responsibility', '(?<by>{PL})(?: گروپ)? {W5}نے {U14}(?<cue>ذمہ داری|ذمے داری) (?:قبول|لے لی|لی)', { strength: 'responsible' }),
  // «پریڈیٹری اسپیرو نے دعویٰ کیا کہ اس نے … ڈیٹا چرا لیا»: a group's claim of its own act.
  ur('claim-it-did', 'claim-of-responsibility', '(?<by>{PL})(?: گروپ| گروہ)? {W5}نے {W4}(?<cue>دعویٰ|دعوی) (?:کیا|کیا ہے|کیا تھا) {W2}کہ (?:اس|انہوں|ان) نے {A14}(?:حملہ|حملے|حملوں|ہیک|چرا|نشانہ|بند|ڈیٹا|رسائی|ناکارہ)', { strength: 'responsible' }),
  ur('claim-responsibility-2', 'claim-of-responsibility', '(?<by>{PL}) {W6}(?:کا|کی) (?<cue>دعویٰ|دعوی) (?:ہے )?(?:کہ )?(?:اس|انہوں) نے', { strength: 'responsible' }),

  // «کے الزام میں» (on a charge of) is the reason for an action, not an accusation: the cue is never followed by «میں».
  ur('accuse-on', 'accusation', '(?<by>{PL}) {W5}نے {U8}(?<against>{PL}) {W4}(?:پر|کو) {U30}(?<cue>الزام|الزامات)(?! میں) {W2}(?:عائد|لگا|لگایا|لگائے|لگاتے|دھرا)'),
  ur('accuse-head', 'accusation', '(?<by>{PL}) {W5}نے {W6}(?<cue>الزام|الزامات)(?! میں) {A6}(?<against>{PL}) (?:پر|کے سر) {W3}(?:عائد|لگا|لگایا|لگائے|دھرا)'),
  ur('accuse-that', 'accusation', `(?<by>{PL}) {W5}نے {W10}(?<cue>الزام|الزامات)(?! میں) {W2}(?:عائد|لگا|لگایا|لگائے|لگاتے) {W4}(?:ہے |ہیں |تھا |تھے |ہوئے )?{W2}کہ {W8}(?<against>{PL})`),
  ur('said-behind', 'accusation', `(?<by>{PL}) {W5}نے {W6}(?<cue>${UR_SAY}) {W4}کہ {W12}(?<against>{PL}){NOT_VICTIM} {A22}${UR_DID}`),
  // «امریکا اور برطانیہ کے مشترکہ بیان میں کہا گیا ہے کہ …», «نیٹو کے اعلامیے میں»: the makers own the statement.
  ur('statement-said', 'accusation', `(?<by>{PL}) (?:کے|کی|کا|(?:کی |کے )?(?:جانب سے|طرف سے) جاری(?: کردہ| کیے گئے| کی گئی| ہونے والے)?) (?:ایک )?(?:مشترکہ |تازہ |نئی |سالانہ )?(?:بیان|اعلامیے|اعلامیہ|رپورٹ|ایڈوائزری) میں (?<cue>کہا گیا|الزام عائد کیا گیا|الزام لگایا گیا|بتایا گیا|دعویٰ کیا گیا|انکشاف کیا گیا) (?:ہے |تھا )?کہ {W12}(?<against>{PL}){NOT_VICTIM} {A22}${UR_DID}`),
  ur('statement-said-frame', 'accusation', '(?<by>{PL}) (?:کے|کی|کا|(?:کی |کے )?(?:جانب سے|طرف سے) جاری(?: کردہ| کیے گئے| کی گئی| ہونے والے)?) (?:ایک )?(?:مشترکہ |تازہ |نئی |سالانہ )?(?:بیان|اعلامیے|اعلامیہ|رپورٹ|ایڈوائزری) میں (?<cue>کہا گیا|الزام عائد کیا گیا|الزام لگایا گیا|بتایا گیا|دعویٰ کیا گیا|انکشاف کیا گیا)', { hackerFrame: true }),
  ur('according-to', 'accusation', `(?<by>{PL}) (?<cue>کے مطابق) {W8}(?<against>{PL}){NOT_VICTIM} {A24}${UR_DID}`),
  ur('says-that', 'accusation', `(?<by>{PL})(?: حکومت)?{TTL} (?:کا|کی) (?<cue>کہنا|دعویٰ|دعوی|موقف|الزام) (?:ہے|تھا) (?:کہ )?{W8}(?<against>{PL}){NOT_VICTIM} {A16}${UR_DID}`),
  ur('declared-backed', 'accusation', '(?<by>{PL}) {W5}نے {U6}(?<against>{PL}) {W3}کو {W2}(?<against2>{PL})? ?{W3}(?<cue>حمایت یافتہ|ذمہ دار|ذمے دار) {W2}قرار'),
  ur('hold-responsible', 'accusation', '(?<by>{PL}) {W5}نے {U8}(?<against>{PL}) (?:کو) {U14}(?<cue>ذمہ دار|ذمے دار|مرتکب|قصوروار|ملوث) (?:ٹھہرایا|ٹھہراتے|ٹھہرا|قرار)'),
  // «X نے حملے کا ذمہ دار Y کو قرار دیا / ٹھہرایا»: the accused after the cue; «GRU کے زیر انتظام گروپ APT28 کو» names both.
  ur('responsible-for-to', 'accusation', '(?<by>{PL}) {W5}نے {U16}(?:کا|کی|کے) (?<cue>ذمہ دار|ذمے دار) {W4}(?:(?<against2>{PL}) {W4}(?:کی|کے) (?:زیر انتظام|زیر کمان|ماتحت|حمایت یافتہ|پشت پناہی میں کام کرنے والے|پشت پناہی میں کام کرنے والا) {W3})?(?<against>{PL}) {W3}کو {W2}(?:قرار|ٹھہرا\\S*)'),
  // Passive with the maker in «کی جانب سے» / «کی طرف سے»: «برطانوی حکومت کی جانب سے چین پر الزام عائد کیا گیا».
  ur('accuse-passive-by', 'accusation', '(?<by>{PL}) (?:کی |کے )?(?:جانب سے|طرف سے) {U8}(?<against>{PL}) {W2}(?:پر) {U12}(?<cue>الزام|الزامات)(?! میں) {W2}(?:عائد|لگا|لگایا|لگائے)'),
  ur('responsible-passive-by', 'accusation', '(?<by>{PL}) (?:کی |کے )?(?:جانب سے|طرف سے) {U8}(?<against>{PL}) (?:کو) {U12}(?<cue>ذمہ دار|ذمے دار) (?:ٹھہرایا|قرار)'),
  // «X نے Y پر زور دیا کہ وہ (چین کے خلاف) سائبر حملے بند کرے»: asking Y to stop its attacks says Y makes them.
  ur('urge-stop', 'accusation', '(?<by>{PL}) {W5}نے {W4}(?<against>{PL}) (?:پر|سے) {W3}(?:زور دیا|مطالبہ کیا) (?:ہے |تھا )?کہ (?:وہ )?{A12}(?:سائبر|ہیکنگ|ہیک)\\S* {A8}(?<cue>بند کرے|روکے|ترک کرے|سے باز)'),
  ur('attribute', 'accusation', '(?<by>{PL}) {W5}نے {U8}(?<against>{PL}) (?:سے) (?<cue>منسوب|جوڑا|جوڑ|منسلک)'),
  ur('hacker-frame', 'accusation', `(?<by>{PL}) {W5}نے (?:{W10}(?:کرتے|دیتے) ہوئے )?{W6}(?<cue>${UR_SAY})`, { hackerFrame: true }),
  ur('hacker-frame-according', 'accusation', '(?<by>{PL}) (?<cue>کے مطابق)', { hackerFrame: true }),
  ur('hacker-frame-report', 'accusation', '(?<by>{PL}){TTL} (?:کی|کا) (?<cue>رپورٹ|کہنا|بیان|تحقیق)', { hackerFrame: true }),
  ur('accusations-of', 'accusation', '(?<by>{PL}) (?:کے|کی) (?:ان |اس )?(?<cue>الزامات|الزام|دعوؤں|دعوے|دعویٰ) {A10}کہ', { hackerFrame: true }),

  ur('confirm', 'confirmation', '(?<by>{PL}) {W5}نے {U8}(?:نتائج|نتیجے|نتیجہ|الزامات|الزام|موقف|جائزے|جائزہ|تجزیے|انتساب|تحقیقات کے نتائج|دعوے|دعوؤں) {W3}(?<cue>تصدیق|تائید|توثیق) (?:کی|کر)'),

  ur('declined-comment', 'declined-to-comment', '(?<by>{PL}) {W5}نے {U8}(?<cue>(?:تبصرہ|تبصرے|تفصیلات|بات) (?:کرنے |بتانے )?سے (?:انکار|گریز)|تبصرہ نہیں کیا)'),
  ur('no-response', 'no-response', '(?<by>{PL}) {W5}نے {U8}(?<cue>جواب نہیں دی\\S*|کوئی جواب نہیں)'),
  // «X کی جانب سے ان الزامات پر کوئی ردعمل سامنے نہیں آیا».
  ur('no-response-passive', 'no-response', '(?<by>{PL}) (?:کی |کے )?(?:جانب سے|طرف سے) {U8}(?<cue>(?:کوئی )?(?:ردعمل|جواب|ردِعمل) (?:تاحال |ابھی تک |فوری طور پر )?(?:سامنے )?نہیں آیا)'),
  ur('deny', 'denial', '(?<by>{PL}) {W5}نے {U28}(?<cue>تردید|مسترد|انکار|بے بنیاد|بےبنیاد|من گھڑت|جھوٹ|غلط قرار|لغو|پروپیگنڈا|بہتان|بلا ثبوت|حقائق مسخ|حقائق کے منافی|گمراہ کن)'),
  // «ترجمان ... ان رپورٹس کو حقائق مسخ کرنے کے مترادف قرار دے چکے ہیں»: a perfect with «چکا» takes no «نے».
  ur('deny-call', 'denial', '(?<by>{PL}) (?:{W6}نے )?{U16}(?:الزامات|الزام|رپورٹس|رپورٹوں|رپورٹ|دعووں|دعوے|دعوؤں|خبروں|خبریں) {W2}کو {U8}(?<cue>بے بنیاد|بےبنیاد|من گھڑت|جھوٹ|جھوٹا|بلا ثبوت|حقائق مسخ|حقائق کے منافی|گمراہ کن|لغو|پروپیگنڈا|بہتان|گھڑی گئی|گھڑا گیا|دشمنی پر مبنی|سیاسی محرکات|سیاسی مقاصد|بدنام کرنے) {W8}(?:قرار|کہا)'),
  ur('deny-says', 'denial', '(?<by>{PL}){TTL} (?:کا|کی) (?:کہنا|موقف) (?:ہے|تھا) (?:کہ )?{A10}(?<cue>بے بنیاد|بےبنیاد|من گھڑت|جھوٹ|غلط|پروپیگنڈا)'),
  ur('deny-passive-by', 'denial', '(?<by>{PL}) (?:کی |کے )?(?:جانب سے|طرف سے) {U14}(?<cue>تردید|مسترد) (?:کی گئی|کر دی گئی|کیا گیا|کر دیا گیا|کیے گئے|کر دیے گئے)'),
  ur('not-involved', 'denial', '(?<by>{PL}) {W5}نے {U16}(?<cue>ملوث نہیں|کوئی تعلق نہیں|تعلق نہیں|حصہ نہیں)'),
  ur('biggest-hacker', 'counter-accusation', '(?<by>{PL}) {W3}(?:نے )?{U12}(?:کہا|کہنا|قرار|الزام) {W3}(?:کہ )?{W3}(?<against>{PL}) (?:خود )?{W5}(?<cue>سب سے بڑا|سب سے بڑی) {W3}(?:ہیکر|سائبر|ہیکنگ|مجرم|خطرہ|ذریعہ|سلطنت)'),
  ur('biggest-hacker-byless', 'counter-accusation', '(?<against>{PL}) (?:خود )?{W5}(?<cue>سب سے بڑا|سب سے بڑی) {W3}(?:ہیکر|سائبر|ہیکنگ|مجرم|خطرہ|ذریعہ|سلطنت)'),
  // «الٹا», «جوابی الزام»: the charge turned back, in so many words.
  ur('accuse-back', 'counter-accusation', '(?<by>{PL}) {W5}نے {U12}(?:الٹا|جواباً|جوابا|جوابی طور پر|جوابی) {W3}(?<against>{PL}) {W2}(?:پر) {U12}(?<cue>الزام|الزامات)(?! میں) {W2}(?:عائد|لگا|لگایا|لگائے)'),

  ur('sanction', 'sanction', '(?<by>{PL}) {W5}نے {U16}(?<against>{PL}) {W4}(?:پر|کے خلاف) {W6}(?<cue>پابندی|پابندیاں|پابندیوں) {W2}(?:عائد|لگا|لگائی|لگا دی|نافذ|اعلان)'),
  ur('indict', 'indictment', '(?<by>{PL}) {W5}نے {U16}(?<against>{PL}) {W2}(?:پر|کے خلاف) {A22}(?<cue>فرد جرم|فردِ جرم|مقدمہ|مقدمات) {W2}(?:عائد|درج|دائر)'),
  // «X کی جانب سے Y پر فرد جرم عائد / پابندیاں عائد کی گئیں»: the passive with its maker.
  ur('indict-passive-by', 'indictment', '(?<by>{PL}) (?:کی |کے )?(?:جانب سے|طرف سے) {U8}(?<against>{PL}) {W2}(?:پر|کے خلاف) {A22}(?<cue>فرد جرم|فردِ جرم|مقدمہ|مقدمات) {W2}(?:عائد|درج|دائر)'),
  ur('sanction-passive-by', 'sanction', '(?<by>{PL}) (?:کی |کے )?(?:جانب سے|طرف سے) {U8}(?<against>{PL}) {W4}(?:پر|کے خلاف) {W6}(?<cue>پابندی|پابندیاں|پابندیوں) {W2}(?:عائد|لگا|لگائی|نافذ)'),
  // «ایف بی آئی نے X کو مطلوب افراد کی فہرست میں شامل کر لیا»: a wanted list is an indictment, of persons.
  ur('wanted-list', 'indictment', '(?<by>{PL}) {W5}نے {U12}(?<against>{PL}) {W3}کو {W6}(?<cue>مطلوب|انتہائی مطلوب) {W3}فہرست میں (?:شامل|ڈال)', { personsOnly: true }),
  ur('indict-passive', 'indictment', '(?<against>{PL}) (?:پر|کے خلاف) {A8}(?<cue>فرد جرم|فردِ جرم) {W2}(?:عائد کی گئی|عائد کر دی گئی|عائد کی گئی ہے)'),
  ur('arrest', 'arrest', '(?<by>{PL}) {W5}نے {U8}(?<against>{PL}) {W2}(?:کو )?{W4}(?<cue>گرفتار)'),
  ur('arrest-passive', 'arrest', '(?<against>{PL}) (?:کو )?{W4}(?<cue>گرفتار) (?:کر لیا گیا|کیا گیا|کر لیے گئے)'),
  ur('expel', 'diplomatic-action', '(?<by>{PL}) {W5}نے {U14}(?<against>{PL}) {W4}(?:کو )?{W5}(?<cue>ملک بدر|بے دخل|ناپسندیدہ قرار|ناپسندیدہ شخصیت قرار|ملک چھوڑنے کا حکم)'),
  ur('recall-envoy', 'diplomatic-action', '(?<by>{PL}) {W5}نے {U24}(?<against>{PL}) (?:سے|میں متعین|میں تعینات) (?:اپنے )?(?:سفیر|ہائی کمشنر|سفارتکاروں|سفارت کاروں|سفارتی عملے) {W4}کو {W4}(?<cue>واپس بلا|واپس طلب)'),
  ur('summon-envoy', 'diplomatic-action', '(?<by>{PL}) {W5}نے {U12}(?<against>{PL}) (?:کے |کی )?{W2}(?:سفیر|ہائی کمشنر|ناظم الامور|سفارتکار|سفارت کار|نائب سفیر|ڈپٹی ہائی کمشنر) {W4}کو {A4}(?<cue>طلب)'),
  ur('sever-ties', 'diplomatic-action', '(?<by>{PL}) {W5}نے {U8}(?<against>{PL}) (?:کے|کی) ساتھ (?:سفارتی )?(?:تعلقات|روابط) (?<cue>منقطع|ختم|معطل)'),
  ur('expel-byless', 'diplomatic-action', '(?<against>{PL}) {W2}(?:کو )?(?<cue>ملک بدر|بے دخل) کر دیا گیا'),
  ur('advisory', 'advisory', '(?<by>{PL}) {W5}نے {W10}(?<cue>انتباہ|ایڈوائزری|الرٹ|وارننگ|انتباہی) {W3}جاری'),
  ur('takedown', 'takedown', '(?<by>{PL}) {W5}نے {U10}(?:بوٹ نیٹ|بوٹ نیٹس|نیٹ ورک|سرور|سرورز|ڈومین|ڈومینز|ویب سائٹ|ویب سائٹس|انفراسٹرکچر) {W4}(?<cue>ناکارہ|بند|قبضے|تباہ|غیر فعال|ضبط)'),
  // «نیٹو نے روس کی جانب سے کیے گئے سائبر حملوں کی مذمت کی», «روس کے حالیہ سائبر حملوں کی مذمت»: condemning Y's attacks says Y made them.
  ur('condemn-attacks-by', 'accusation', '(?<by>{PL}) {W5}نے {U6}(?<against>{PL}) (?:کی |کے )?(?:جانب سے|طرف سے) (?:کیے گئے|کئے گئے|کیے جانے والے|ہونے والے) {W4}(?:سائبر|ہیکنگ|ہیک)\\S* {W6}(?<cue>مذمت)'),
  ur('condemn-attacks-of', 'accusation', '(?<by>{PL}) {W5}نے {U6}(?<against>{PL}) (?:کے|کی) (?:حالیہ |مسلسل |بڑھتے ہوئے )?(?:سائبر حملوں|سائبر حملے|ہیکنگ|سائبر جاسوسی|سائبر کارروائیوں) {W4}(?<cue>مذمت)'),
  ur('statement', 'statement', '(?<by>{PL}) {W5}نے {W10}(?<cue>مذمت|مطالبہ)'),
  // A reward for information, a request for help: the maker's statement, not an accusation of anyone.
  ur('reward', 'statement', '(?<by>{PL}) {W5}نے {U24}(?<cue>انعام) {W3}(?:کا |کی )?(?:اعلان|پیشکش)'),
  ur('ask-help', 'statement', '(?<by>{PL}) {W5}نے {U24}(?<cue>مدد مانگی|مدد طلب|مدد کی درخواست|تعاون کی درخواست|تعاون مانگا|تعاون طلب)'),
];

/** Hacker phrases after a party: "Chinese state-sponsored hackers", "Iran-linked group". */
export const EN_HACKER_AFTER = /^(?: s)?(?: , (?:a|an|the))?(?: (?:state|government|military|intelligence|sponsored|backed|linked|based|affiliated|aligned|nexus|supported|directed|-|,|cyber|hacking|intelligence-linked|security|services?|agency|army|surveillance|spying|and))*? (?:(?:launching|launched|carried out|carrying out|conducted|conducting|staged|mounting|mounted) (?:a |the )?(?:\S+ )?(?:cyber|hack)|hackers?|hacking (?:group|unit|team|crew|campaign|collective)|cyber ?actors?|threat actors?|actors?|cyber ?spies|spies|apt|operatives|group|groups|cyber ?criminals|cyber ?espionage|espionage|cyberespionage|operations?|campaigns?|intrusion|intrusions)\b/;
/** Hacker phrases before a party: "hackers linked to Iran", "a group backed by China". */
export const EN_HACKER_BEFORE = /(?:hackers?|group|groups|actors?|spies|operatives|campaign|operation|activity|attackers?|gang|unit|crew|intrusions?) (?:with (?:clear |close |direct )?(?:links|ties) to|(?:likely |probably |possibly |reportedly |allegedly |publicly |widely |officially |closely )?(?:linked|tied|connected|affiliated|associated|aligned)(?: to| with)|(?:backed|sponsored|directed|run|controlled|supported|funded) by|working (?:for|on behalf of)|acting on behalf of|on behalf of|from|of|in) (?:the )?(?:[^\s§]+ ){0,2}?$/;
export const UR_HACKER_AFTER = new RegExp(
  '^(?: (?:حکومت|ریاست|فوج|انٹیلی|جنس|انٹیلیجنس|ملٹری|کے|کی|سے|حمایت|یافتہ|منسلک|وابستہ|جڑے|سرپرستی|پشت|پناہی|ایما|اشارے|پر|ایجنسیوں|ایجنسی|اداروں|میں|لیے|کام|کرنے|والے|والا|سرکاری|ریاستی|تعلق|رکھنے))* (?:ہیکرز|ہیکر|ہیکروں|ہیکنگ|گروپ|سائبر جاسوس|جاسوس)'.replace(/[\u0600-\u06FF]+/g, (w) => normalizeText(w).replace(/ /g, '')),
  'u',
);

export const CYBER_EN = /hack|cyber|attack|crypto|digital|computer|breach|intrusion|espionage|malware|ransomware|spy|spying|phishing|infiltrat|compromis|\bstole|theft|leak|ddos|botnet|exploit|\bapt\d*\b|threat actor|network|vulnerab|wiper|backdoor|data|emails?\b|servers?\b|infrastructure/i;
export const CYBER_UR = /سائبر|ہیک|کرپٹو|ڈیجیٹل|کمپیوٹر|آن لائن|ڈی ڈی او ایس|حملہ|حملے|حملوں|مالویئر|مال ویئر|رینسم|جاسوس|ڈیٹا|نیٹ ورک|سرور|وائرس|ای میل/;
/** Topics that make a denial about something else: weapons, elections in general, human rights. */
export const OFF_TOPIC_EN = /\b(drones?|weapons?|missiles?|troops|nuclear|genocide|human rights|balloon|doping|poison(?:ing|ed)?|assassinat\w*|tariffs?|trade|military aid|invasion|coup|smuggling|terror(?:ism|ist)?|chips?)\b/i;
export const OFF_TOPIC_UR = /ڈرون|ہتھیار|میزائل|جوہری|ایٹمی|دہشت|تجارت|محصولات|ٹیرف|انسانی حقوق|حملہ آور فوج/;
export const ACCUSATION_NOUN_EN = /\b(accusations?|allegations?|claims?|charges?|reports?|attribution|blame|hype|smears?|involvement|indictments?)\b/i;
export const ACCUSATION_NOUN_UR = /الزام|دعو|رپورٹ|ملوث|فرد جرم/;

/** A speaker's words that reject an accusation, whoever the grammatical subject is ("Moscow is not involved ..., Peskov said"). */
export const SPEAKER_DENIAL_EN = /\b(disinformation|groundless|baseless|unfounded|smears?|fabricated|propaganda|fake news|nothing to do with|no connection with|no relation to|not involved|no involvement|(?:had|has|have|played) no (?:role|part)|never (?:support|supports|conducted|engaged|carried out)|will never support|(?:always|firmly) (?:opposes?|opposed) (?:all|any)(?: forms?)? (?:of )?(?:hack|cyber))/i;
export const SPEAKER_DENIAL_UR = /بے بنیاد|بےبنیاد|من گھڑت|پروپیگنڈا|ملوث نہیں|تعلق نہیں|حصہ نہیں/;
/** Weaker: "there was no evidence that ...", "the reports have no substance" — a denial only from the side accused or charged in the article. */
export const SPEAKER_WEAK_DENIAL_EN = /\b(?:no evidence|no proof|no substance|no basis|without (?:any )?(?:basis|foundation|substance))\b/i;
/** A speaker's words that turn the charge back: "explain its own cyber attacks", «سب سے بڑی ہیکنگ سلطنت». */
export const SPEAKER_COUNTER_EN = /\b(its own cyber ?attacks|biggest hacker|largest hacker|hacking empire|empire of hacking|(?:biggest|largest|greatest|main|real) (?:source|perpetrator|threat) of cyber|no\.? ?1 .?hacking|itself (?:conducts|carries out|engages in|launches|has launched|has carried out) (?:\S+ ){0,3}?cyber)/i;
export const SPEAKER_COUNTER_UR = /سب سے بڑا ہیکر|سب سے بڑی ہیکنگ|ہیکنگ سلطنت|اپنے سائبر حملوں/;
/** What a rejection may be about that is not an accusation: an offer, a proposal, a request. */
export const NOT_AN_ACCUSATION_EN = /\b(offers?|proposals?|requests?|invitations?|suggestions?)\b/i;
export const NOT_AN_ACCUSATION_UR = /پیشکش|تجویز|درخواست|دعوت/;
/** Verbs that, between a subject and a cue, make the cue part of what the subject rejects ("China rejects charges ..."). */
export const REJECTING_EN = /\b(rejects?|rejected|denies|denied|deny|dismiss\w*|refut\w*|rebuff\w*|slams?|slammed)\b/i;
/** An attack done, for a group named without a hacker phrase ("APT41 breached ..."); "a unit known as Bureau 121" is not one. */
export const ATTACK_ACTION_EN = /\b(hack(?:ed|ing)?|attack(?:ed|s|ing)?|breach(?:ed|es)?|stole|steal(?:ing)?|compromis\w*|target(?:ed|ing|s)?|infiltrat\w*|intrusions?|exploit(?:ed|ing)|deploy(?:ed|ing)|behind|espionage|campaign|operations|theft|drained)\b/i;
export const ATTACK_ACTION_UR = /حملہ|حملے|حملوں|ہیک|نشانہ|چوری|چرا|جاسوسی|نقب|رسائی|ملوث|ذمہ دار/;
