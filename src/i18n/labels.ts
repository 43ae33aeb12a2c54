// Every fixed string the bot says, in both languages. Urdu follows the news register of the
// seed articles ("الزام عائد کیا", "تردید کی").
import type { Lang } from './lang.ts';

const LABELS = {
  accused: { en: 'Accused', ur: 'الزام کس پر' },
  accusedBy: { en: 'Accused by', ur: 'الزام کس نے لگایا' },
  claimedBy: { en: 'Claimed responsibility', ur: 'ذمہ داری قبول کی' },
  claimedNotAttributed: { en: 'Claimed, not attributed', ur: 'ذمہ داری کا دعویٰ؛ کسی نے باضابطہ الزام عائد نہیں کیا' },
  denied: { en: 'Denied', ur: 'تردید' },
  noDenial: { en: 'No public denial on record.', ur: 'ریکارڈ پر کوئی عوامی تردید موجود نہیں۔' },
  // Imported incidents (MITRE ATT&CK campaigns): nobody has looked for denials, so never "no denial".
  deniedNotReviewed: { en: 'Denials not yet reviewed.', ur: 'تردید کا جائزہ ابھی نہیں لیا گیا۔' },
  notReviewed: { en: 'Imported, denials not yet reviewed', ur: 'درآمد شدہ؛ تردید کا جائزہ ابھی نہیں لیا گیا' },
  noResponse: { en: 'did not respond', ur: 'نے جواب نہیں دیا' },
  declined: { en: 'declined to comment', ur: 'نے تبصرے سے انکار کیا' },
  counter: { en: 'Counter-accusations', ur: 'جوابی الزامات' },
  official: { en: 'Official responses', ur: 'سرکاری اقدامات' },
  statements: { en: 'Other statements', ur: 'دیگر بیانات' },
  contested: { en: 'Attribution contested', ur: 'یہ الزام متنازع ہے' },
  uncontested: { en: 'No denial on record', ur: 'ریکارڈ پر کوئی تردید نہیں' },
  firstAttributed: { en: 'first attributed', ur: 'پہلا الزام' },
  occurred: { en: 'When', ur: 'کب' },
  victims: { en: 'Victims', ur: 'متاثرین' },
  sources: { en: 'Sources', ur: 'ذرائع' },
  timeline: { en: 'Timeline', ur: 'واقعات کی ترتیب' },
  didYouMean: { en: 'Did you mean', ur: 'کیا آپ کی مراد یہ تھی' },
  alsoMatching: { en: 'Also matching', ur: 'دیگر نتائج' },
  dataset: { en: 'ilzam dataset reviewed', ur: 'الزام ڈیٹا سیٹ، نظرثانی' },
  sanction: { en: 'sanctions', ur: 'پابندیاں' },
  indictment: { en: 'charges', ur: 'فرد جرم' },
  names: { en: 'Names', ur: 'نام' },
  state: { en: 'State', ur: 'ریاست' },
  suspectedSponsor: { en: 'Suspected sponsor (per CFR via MISP)', ur: 'مشتبہ سرپرست ریاست (سی ایف آر کے مطابق، بحوالہ ایم آئی ایس پی)' },
  kind: { en: 'Kind', ur: 'نوعیت' },
  history: { en: 'History', ur: 'ریکارڈ' },
  noHistory: { en: 'No incident in the dataset names it yet.', ur: 'ڈیٹا سیٹ کے کسی واقعے میں ابھی اس کا ذکر نہیں۔' },
  more: { en: 'more', ur: 'مزید' },
  weekTitle: { en: 'This week in attribution', ur: 'اس ہفتے کے سائبر الزامات' },
  lastSevenDays: { en: 'Last 7 days', ur: 'گزشتہ 7 دن' },
  noNewClaims: { en: 'No new attributions in the last 7 days.', ur: 'گزشتہ 7 دنوں میں کوئی نیا الزام سامنے نہیں آیا۔' },
  fromArchive: { en: 'From the archive: this week in past years', ur: 'آرکائیو سے: گزشتہ برسوں میں یہی ہفتہ' },
  archiveEmpty: { en: 'Nothing in the archive for this week.', ur: 'آرکائیو میں اس ہفتے کا کوئی واقعہ نہیں۔' },
  latest: { en: 'Latest in the dataset', ur: 'ڈیٹا سیٹ میں تازہ ترین' },
  helpTitle: { en: 'ilzam: who was accused, who accused them, who denied it', ur: 'الزام: الزام کس پر لگا، کس نے لگایا اور کس نے تردید کی' },
} as const satisfies Record<string, Record<Lang, string>>;

export type LabelKey = keyof typeof LABELS;

export function t(key: LabelKey, lang: Lang): string {
  return LABELS[key][lang];
}

const KIND_NAMES: Record<string, Record<Lang, string>> = {
  state: { en: 'State', ur: 'ریاست' },
  'state-agency': { en: 'State agency', ur: 'سرکاری ادارہ' },
  'threat-group': { en: 'Threat group', ur: 'ہیکنگ گروپ' },
  'criminal-group': { en: 'Criminal group', ur: 'جرائم پیشہ گروہ' },
  company: { en: 'Company', ur: 'کمپنی' },
  person: { en: 'Person', ur: 'شخصیت' },
  'international-body': { en: 'International body', ur: 'بین الاقوامی ادارہ' },
  media: { en: 'Media', ur: 'ذرائع ابلاغ' },
  'anonymous-officials': { en: 'Officials, unnamed', ur: 'نامعلوم حکام' },
};

const ACTION_NAMES: Record<string, Record<Lang, string>> = {
  sanction: { en: 'sanctions', ur: 'پابندیاں' },
  indictment: { en: 'charges', ur: 'فرد جرم' },
  arrest: { en: 'arrest', ur: 'گرفتاری' },
  conviction: { en: 'conviction', ur: 'سزا' },
  advisory: { en: 'security advisory', ur: 'سکیورٹی ایڈوائزری' },
  takedown: { en: 'takedown', ur: 'نیٹ ورک کا خاتمہ' },
  'diplomatic-action': { en: 'diplomatic action', ur: 'سفارتی اقدام' },
};

/** The name of an official action ("sanctions", "charges"). */
export function actionName(type: string, lang: Lang): string {
  return ACTION_NAMES[type]?.[lang] ?? type;
}

export function kindName(kind: string, lang: Lang): string {
  return KIND_NAMES[kind]?.[lang] ?? kind;
}

/** Joins list items the way each language does: "a, b" / "a، b". */
export function list(items: string[], lang: Lang): string {
  return items.join(lang === 'ur' ? '، ' : ', ');
}
