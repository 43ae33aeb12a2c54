// Every fixed string the bot says, in both languages. Urdu follows the news register of the
// seed articles («الزام عائد کیا»، «تردید کی»، «منسوب») and the spelling sheet
// (src/i18n/spelling.ts); docs/urdu-style.md is the glossary and says why each word was chosen.
import type { Lang } from './lang.ts';

const LABELS = {
  accused: { en: 'Accused', ur: 'جن پر الزام ہے' },
  accusedBy: { en: 'Accused by', ur: 'الزام عائد کرنے والے' },
  denied: { en: 'Denials and responses', ur: 'تردید اور ردعمل' },
  claimed: { en: 'Claimed responsibility', ur: 'ذمہ داری کا دعویٰ' },
  tacit: { en: 'Implied involvement', ur: 'ضمنی اعتراف' },
  noDenial: { en: 'No public denial on record.', ur: 'ریکارڈ پر کوئی عوامی تردید موجود نہیں۔' },
  notReviewed: { en: 'Denials not yet reviewed (imported record).', ur: 'اس واقعے کی تردیدوں کا ابھی جائزہ نہیں لیا گیا (درآمد شدہ ریکارڈ)۔' },
  noAccused: { en: 'No one has been accused; responsibility was claimed.', ur: 'کسی پر الزام عائد نہیں کیا گیا؛ ذمہ داری کا دعویٰ کیا گیا۔' },
  noAccuser: { en: 'No one, on record.', ur: 'ریکارڈ پر کوئی نہیں۔' },
  // Imported incidents (MITRE ATT&CK campaigns): nobody has looked for denials, so never "no denial".
  counter: { en: 'Counter-accusations', ur: 'جوابی الزامات' },
  official: { en: 'Official actions', ur: 'سرکاری اقدامات' },
  statements: { en: 'Other statements', ur: 'دیگر بیانات' },
  contested: { en: 'Attribution contested', ur: 'یہ الزام متنازع ہے' },
  uncontested: { en: 'No denial on record', ur: 'ریکارڈ پر کوئی تردید نہیں' },
  claimedNotAttributed: { en: 'Claimed, not attributed', ur: 'دعویٰ کیا گیا، الزام عائد نہیں ہوا' },
  importedStatus: { en: 'Imported record: denials not yet reviewed', ur: 'درآمد شدہ ریکارڈ: تردیدوں کا ابھی جائزہ نہیں لیا گیا' },
  firstAttributed: { en: 'first attributed', ur: 'پہلا الزام' },
  occurred: { en: 'Began', ur: 'آغاز' },
  victims: { en: 'Victims', ur: 'متاثرین' },
  sources: { en: 'Sources', ur: 'ذرائع' },
  timeline: { en: 'Timeline', ur: 'واقعات کی ترتیب' },
  didYouMean: { en: 'Did you mean', ur: 'کیا آپ کی مراد یہ تھی؟' },
  alsoMatching: { en: 'Also matching', ur: 'دیگر نتائج' },
  possibleMatches: { en: 'Possible matches', ur: 'ممکنہ نتائج' },
  names: { en: 'Names', ur: 'نام' },
  otherNames: { en: 'Other names', ur: 'دیگر نام' },
  attributedTo: { en: 'Attributed to', ur: 'منسوب' },
  country: { en: 'Country', ur: 'ملک' },
  suspectedSponsor: { en: 'Suspected sponsor (per CFR via MISP)', ur: 'مشتبہ سرپرست ریاست (سی ایف آر کے مطابق، بحوالہ ایم آئی ایس پی)' },
  kind: { en: 'Kind', ur: 'نوعیت' },
  history: { en: 'History', ur: 'ریکارڈ' },
  noHistory: { en: 'No incident in the dataset names it yet.', ur: 'ڈیٹا سیٹ کے کسی واقعے میں ابھی اس کا ذکر نہیں۔' },
  weekTitle: { en: 'This week in attribution', ur: 'سائبر الزامات کا ہفتہ وار جائزہ' },
  lastSevenDays: { en: 'Last 7 days', ur: 'گزشتہ سات دن' },
  noNewClaims: { en: 'No new attributions in the last 7 days.', ur: 'کوئی نیا الزام سامنے نہیں آیا۔' },
  fromArchive: { en: 'From the archive: this week in past years', ur: 'آرکائیو سے: گزشتہ برسوں میں یہی ہفتہ' },
  archiveEmpty: { en: 'Nothing in the archive for this week.', ur: 'آرکائیو میں اس ہفتے کا کوئی واقعہ نہیں۔' },
  latest: { en: 'Latest in the dataset', ur: 'ڈیٹا سیٹ میں تازہ ترین' },
  helpTitle: { en: 'ilzam: who was accused, who accused them, who denied it', ur: '’الزام‘ بوٹ: کس پر الزام لگا، کس نے لگایا اور کس نے تردید کی' },
  noHeadline: { en: '(headline not recorded)', ur: '(سرخی درج نہیں)' },
  noPublisher: { en: '(publisher not recorded)', ur: '(ناشر درج نہیں)' },
} as const satisfies Record<string, Record<Lang, string>>;

export type LabelKey = keyof typeof LABELS;

export function t(key: LabelKey, lang: Lang): string {
  return LABELS[key][lang];
}

/** The footer: "ilzam dataset reviewed 22 November 2026" / «ڈیٹا پر آخری نظرثانی: 22 نومبر 2026». */
export function reviewedLine(date: string, lang: Lang): string {
  return lang === 'ur' ? `ڈیٹا پر آخری نظرثانی: ${date}` : `ilzam dataset reviewed ${date}`;
}

/** "3 more" / «مزید 3»: the one marker for what a list leaves out, in words (no "+"). */
export function moreLabel(n: number, lang: Lang): string {
  return lang === 'ur' ? `مزید ${n}` : `${n} more`;
}

const KIND_NAMES: Record<string, Record<Lang, string>> = {
  state: { en: 'State', ur: 'ملک' },
  'state-agency': { en: 'State agency', ur: 'سرکاری ادارہ' },
  'threat-group': { en: 'Threat group', ur: 'ہیکنگ گروپ' },
  'criminal-group': { en: 'Criminal group', ur: 'جرائم پیشہ گروہ' },
  company: { en: 'Company', ur: 'کمپنی' },
  person: { en: 'Person', ur: 'شخصیت' },
  'international-body': { en: 'International body', ur: 'بین الاقوامی ادارہ' },
  media: { en: 'News outlet', ur: 'ابلاغی ادارہ' },
  'anonymous-officials': { en: 'Officials, unnamed', ur: 'نامعلوم حکام' },
};

export function kindName(kind: string, lang: Lang): string {
  return KIND_NAMES[kind]?.[lang] ?? kind;
}

/** A list of names: "a, b" / «a، b» (for labels and name lists, not sentences). */
export function list(items: string[], lang: Lang): string {
  return items.join(lang === 'ur' ? '، ' : ', ');
}

/** A list inside a sentence: "a, b and c" / «a، b اور c». */
export function andList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const and = lang === 'ur' ? ' اور ' : ' and ';
  return `${list(items.slice(0, -1), lang)}${and}${items.at(-1)}`;
}
