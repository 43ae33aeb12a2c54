// Claim extraction in English and Urdu: what it finds, and above all what it must not invent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, precision, recall } from '../bench/extract-score.ts';
import { ClaimExtractor } from '../src/ingest/extract/index.ts';
import { loadRegistry } from '../src/registry/registry.ts';
import type { ExtractedClaim } from '../src/ingest/model.ts';

let x: ClaimExtractor;
beforeAll(() => {
  x = ClaimExtractor.load();
}, 120_000);

const claims = (text: string, lang: 'en' | 'ur' = 'en', published = '2024-10-16') => x.fromDocument(text, { lang, published }).claims;
const triple = (c: ExtractedClaim) => `${c.type}|${c.by.id ?? `?${c.by.name}`}|${c.against.map((a) => a.id ?? `?${a.name}`).join(',')}`;

describe('English', () => {
  it('finds who accused whom, with the date the sentence gives', () => {
    const [c] = claims('The United States on Tuesday accused China of hacking into telecommunications networks.');
    expect(triple(c!)).toBe('accusation|united-states|china');
    expect(c!.date).toBe('2024-10-15');
    expect(c!.evidence).toContain('accused China');
  });

  it('reads the stated strength and leaves it empty when none is stated', () => {
    expect(claims("The UK's National Cyber Security Centre said Russia's GRU was almost certainly behind the attack.")[0]).toMatchObject({ strength: 'almost-certain', against: [{ id: 'gru' }] });
    expect(claims('Google said hackers linked to Iran targeted the campaigns of both candidates.')[0]).toMatchObject({ strength: 'linked', against: [{ id: 'iran' }] });
    expect(claims('The United States accused China of hacking.')[0]!.strength).toBeNull();
  });

  it('records anonymous officials as the accuser, with the outlet that reported them', () => {
    const [c] = claims('US officials, speaking on condition of anonymity, told The Washington Post that Russian hackers were behind the breach.');
    expect(c).toMatchObject({ type: 'accusation', by: { id: null }, officialsOf: 'united-states', reportedBy: { id: 'washington-post' }, basis: 'anonymous-officials' });
  });

  it('keeps a name it does not know as written, with id null', () => {
    const [c] = claims('A hacking group calling itself Silent Kestrel claimed responsibility for the attack on the water utility.');
    expect(c).toMatchObject({ type: 'claim-of-responsibility', by: { id: null, name: 'Silent Kestrel' } });
  });

  it('takes the speaker of a quoted denial as its maker', () => {
    const found = claims('Russia has nothing to do with these cyber attacks, Kremlin spokesman Dmitry Peskov told reporters on Monday.');
    expect(found.map(triple)).toEqual(['denial|kremlin|']);
  });

  it('does not invent: negations, mere mentions, silence and denials about something else yield nothing', () => {
    expect(claims('Officials did not attribute the attack to any country.')).toEqual([]);
    expect(claims('The report stopped short of blaming Russia for the cyber attack.')).toEqual([]);
    expect(claims('Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing to discuss cyber security.')).toEqual([]);
    expect(claims('A ransomware attack hit a hospital in Ohio. No group has claimed responsibility.')).toEqual([]);
    const hospital = claims('A ransomware attack disrupted a hospital network.\n\nThe FBI said the LockBit ransomware gang was behind the attack. Separately, Iran denied supplying drones to Russia.');
    expect(hospital.map(triple)).toEqual(['accusation|fbi|lockbit']);
  });

  it('turns the charge back: the accused side accusing its accuser is a counter-accusation', () => {
    const found = claims('Microsoft said Chinese state-sponsored hackers had breached US networks. Foreign ministry spokesperson Mao Ning rejected the accusations as groundless. Mao Ning said the US is the world\'s biggest hacker empire.');
    expect(found.map(triple)).toEqual(expect.arrayContaining(['accusation|microsoft|china', 'denial|china-foreign-ministry|', 'counter-accusation|china-foreign-ministry|united-states']));
  });

  it('reads official actions and keeps unnamed persons apart from their state', () => {
    expect(claims('The Justice Department charged seven Iranian nationals over a hacking campaign.').map(triple)).toEqual(['indictment|us-justice-department|?Iranian nationals']);
    expect(claims('Four people were charged with hacking by US prosecutors.').map(triple)).toEqual(['indictment|?US prosecutors|?Four people']);
    expect(claims('A ransomware gang linked to Iran has been sanctioned by the US Treasury.').map(triple)).toEqual([]);
  });

  it('reads appositives, severed ties, advisories and "among them" without inventing', () => {
    expect(claims("ESET said that Turla, a unit of Russia's FSB, was behind the intrusion.").map(triple)).toEqual(['accusation|eset|turla,fsb']);
    expect(claims('Albania cut diplomatic ties with Iran over a cyber attack on its government servers.').map(triple)).toEqual(['diplomatic-action|albania|iran']);
    expect(claims('The NSA said in a joint advisory that Chinese state hackers had exploited routers.').map(triple).sort()).toEqual(['accusation|nsa|china', 'advisory|nsa|']);
    expect(claims('Russia accused Ukraine of attacking a power plant with drones.')).toEqual([]);
    expect(claims('The Chinese foreign ministry urged Washington to withdraw the charges against its hackers.').map(triple)).not.toContain('indictment|china-foreign-ministry|united-states');
  });

  it('resolves a maker named earlier by a role noun, a pronoun or a surname', () => {
    const bureau = claims('The Federal Bureau of Investigation opened an inquiry into the ransomware attack on the port. The bureau said on Friday that the Rhysida ransomware group was behind it.');
    expect(bureau.map(triple)).toEqual(['accusation|fbi|rhysida']);
    const government = claims('Britain on Monday blamed Russia for the cyber attack on its defence contractors. The government sanctioned Evil Corp over the attack.');
    expect(government.map(triple)).toEqual(['accusation|united-kingdom|russia', 'sanction|united-kingdom|evil-corp']);
    const he = claims('The United States accused Iran of hacking its water utilities. Iranian foreign ministry spokesman Nasser Kanaani spoke to reporters on Monday. Tehran has never carried out cyber attacks on civilian targets, he said.');
    expect(he.map(triple)).toEqual(['accusation|united-states|iran', 'denial|iran-foreign-ministry|']);
    const surname = claims('The US charged five Chinese hackers over intrusions at defence firms. Foreign ministry spokesperson Guo Jiakun called the charges baseless. The United States is the biggest hacking empire in the world, Guo said.');
    expect(surname.map(triple)).toEqual(['indictment|united-states|?Chinese hackers', 'denial|china-foreign-ministry|', 'counter-accusation|china-foreign-ministry|united-states']);
  });

  it('gives a title-only maker the ministry of the state the story is about, and nothing without one', () => {
    const prague = claims('PRAGUE – Hackers broke into the email servers of the foreign ministry, the government said on Tuesday. Foreign Minister Jan Novak said the attacks were carried out by APT31 and summoned the Chinese ambassador.');
    expect(prague.map(triple)).toEqual(expect.arrayContaining(['accusation|czech-foreign-ministry|apt31', 'diplomatic-action|czech-foreign-ministry|china']));
    expect(claims('The foreign minister said the hack was being investigated.')).toEqual([]);
    // The dateline is where the story was filed, not who speaks.
    expect(claims('KYIV – The security service said Russian military hackers had breached the mobile operator.').map(triple)).toEqual([]);
    expect(claims('The State Department offered a reward for information on the Iranian hackers behind the attacks.').map(triple)).toEqual(['statement|us-state-department|']);
  });

  it('reads passives with the maker after "by", and accusations given as what is rejected', () => {
    expect(claims('The intrusion at the defence ministry was attributed by Microsoft to APT29.').map(triple)).toEqual(['accusation|microsoft|apt29']);
    expect(claims('The 2022 wiper attack on the ministry was blamed on Sandworm by the SBU.').map(triple)).toEqual(['accusation|sbu|sandworm']);
    const rejected = claims('Moscow on Friday rejected British claims that it had hacked the defence ministry, calling them Russophobic lies.');
    expect(rejected.map(triple).sort()).toEqual(['accusation|united-kingdom|russia', 'denial|russia|']);
    // A rejected offer names no accuser.
    expect(claims('Russia rejected a US proposal on cyber security talks.')).toEqual([]);
  });

  it('does not turn an open question, a bystander\'s "no evidence" or a mere mention into a claim', () => {
    expect(claims('The FBI said it was investigating whether Russia was behind the hack of the water utility.')).toEqual([]);
    expect(claims('A ransomware attack hit the hospital. Officials said there was no evidence that Iran was involved.')).toEqual([]);
    // From the side accused, "no evidence" is a denial.
    const accused = claims('The United States accused Iran of hacking the campaign. Iran said there was no evidence for the claims.');
    expect(accused.map(triple)).toEqual(['accusation|united-states|iran', 'denial|iran|']);
  });

  it('reads wanted lists, persons named after a demonym, and a list that closes with "and"', () => {
    expect(claims('The FBI added two Iranian hackers to its most wanted list over attacks on US hospitals.').map(triple)).toEqual(['indictment|fbi|?Iranian hackers']);
    expect(claims('The Justice Department charged North Korean programmer Park Jin Hyok over a string of cyber attacks.').map(triple)).toEqual(['indictment|us-justice-department|park-jin-hyok']);
    const joint = claims('In an alert shared with agencies from Britain, Canada and Japan, the NSA said Chinese state hackers had exploited routers.');
    expect(joint.map(triple).sort()).toEqual(['accusation|nsa|china', 'advisory|nsa|']);
  });

  it('reads an answer that rejects and accuses back, a state\'s mission as the state, and no denial by a news agency', () => {
    const back = claims('The US accused China of hacking its telecoms. China hit back on Friday, accusing the United States of running the largest cyber espionage network in the world.');
    expect(back.map(triple)).toEqual(['accusation|united-states|china', 'counter-accusation|china|united-states']);
    const coordinated = claims('India accused Pakistan of hacking its power grid. Pakistan rejected the allegations as baseless and accused India of spreading lies about cyber attacks.');
    expect(coordinated.map(triple)).toEqual(['accusation|india|pakistan', 'counter-accusation|pakistan|india', 'denial|pakistan|']);
    expect(claims("Microsoft said Iranian hackers targeted the campaign. Iran's UN mission said the claims were unsubstantiated.").map(triple)).toEqual(['accusation|microsoft|iran', 'denial|iran|']);
    expect(claims('The US blamed North Korea for the hack. The state news agency KCNA called the accusation a fabrication.').map(triple)).toEqual(['accusation|united-states|north-korea']);
  });

  it('reads claims of an attack by a group, named or referred back to', () => {
    const found = claims('A hacking group calling itself Silent Kestrel said on Monday that it had wiped servers at the water utility. A day later the group claimed a second attack, on a dam.');
    expect(found.map(triple)).toEqual(['claim-of-responsibility|?Silent Kestrel|']);
    // An unnamed group's claim takes the group the next sentences name; with none named, nobody is made up.
    expect(claims('A pro-Iranian hacking group claimed responsibility for the attack on the water plant. The group, Cyber Av3ngers, has targeted Israeli equipment before.').map(triple)).toEqual(['claim-of-responsibility|cyber-av3ngers|']);
    expect(claims('Hackers claimed responsibility for the outage at the port. The company said it was investigating.')).toEqual([]);
  });
});

describe('Urdu', () => {
  it('finds accusations and denials in Urdu word order', () => {
    const found = claims('امریکہ نے چین پر سائبر حملوں کا الزام عائد کیا ہے۔ چینی وزارت خارجہ نے امریکی الزامات کو بے بنیاد قرار دیتے ہوئے مسترد کر دیا۔', 'ur');
    expect(found.map(triple)).toEqual(['accusation|united-states|china', 'denial|china-foreign-ministry|']);
  });

  it('treats «الزام مسترد» as a denial, never as an accusation, and honours «نہیں»', () => {
    expect(claims('ایران نے سائبر حملوں کے امریکی الزامات مسترد کر دیے۔', 'ur').map(triple)).toEqual(['denial|iran|']);
    expect(claims('برطانیہ نے روس پر سائبر حملے کا الزام عائد نہیں کیا۔', 'ur')).toEqual([]);
  });

  it('folds Arabic-keyboard spellings (ي ك) to the Urdu names', () => {
    expect(claims('امريكہ نے چين پر سائبر حملوں كا الزام عائد كيا ہے۔', 'ur').map(triple)).toEqual(['accusation|united-states|china']);
  });

  it('knows that «روس نواز ہیکرز» (pro-Russian hackers) are not Russia', () => {
    expect(claims('برطانوی حکام نے کہا کہ روس نواز ہیکرز نے ویب سائٹس پر سائبر حملے کیے۔', 'ur').flatMap((c) => c.against.map((a) => a.id))).not.toContain('russia');
  });

  it('reads «ذمہ دار ٹھہرایا», the passive «کی جانب سے … پر الزام», «تصدیق» of findings and a charge turned back with «الٹا»', () => {
    expect(claims('جرمنی نے روس کو وفاقی پارلیمان کے کمپیوٹر نیٹ ورک پر سائبر حملے کا ذمہ دار ٹھہرایا۔', 'ur').map(triple)).toEqual(['accusation|germany|russia']);
    expect(claims('جاپانی حکومت کی جانب سے شمالی کوریا پر کرپٹو کرنسی کی چوری کا الزام عائد کیا گیا ہے۔', 'ur').map(triple)).toEqual(['accusation|japan|north-korea']);
    const confirmed = claims('امریکہ نے ایران کو سائبر حملوں کا ذمہ دار قرار دیا۔ برطانیہ نے بھی امریکی نتائج کی تصدیق کی۔', 'ur').map(triple);
    expect(confirmed).toEqual(['accusation|united-states|iran', 'confirmation|united-kingdom|']);
    const back = claims('روس نے ہیکنگ کے الزامات مسترد کرتے ہوئے الٹا برطانیہ پر سائبر حملوں کا الزام لگایا۔', 'ur').map(triple);
    expect(back).toEqual(expect.arrayContaining(['denial|russia|', 'counter-accusation|russia|united-kingdom']));
    expect(back).not.toContain('accusation|russia|united-kingdom');
  });

  it('matches state names written with Arabic heh or diacritics, and acronyms spelled out in Urdu letters', () => {
    expect(claims('پاکستان نے بهارت پر سائبر حملوں کا الزام لگایا۔', 'ur').map(triple)).toEqual(['accusation|pakistan|india']);
    expect(claims('اِیران نے اِن اِلزامات کی تردید کی کہ اُس کے ہیکروں نے سائبر حملے کیے۔', 'ur').map(triple)).toEqual(['denial|iran|']);
    expect(claims('مائیکروسافٹ نے کہا کہ اے پی ٹی 28 نے سائبر حملے کیے۔', 'ur').map(triple)).toEqual(['accusation|microsoft|apt28']);
  });

  it('does not take a drone attack or a confirmed investigation for a cyber claim', () => {
    expect(claims('روس نے یوکرین پر ڈرون حملوں کا الزام عائد کیا۔', 'ur')).toEqual([]);
    expect(claims('قطر نے سائبر حملے کی تحقیقات کی تصدیق کی لیکن کسی ملک کا نام نہیں لیا۔', 'ur')).toEqual([]);
  });

  it('does not read a rejected offer as a denial', () => {
    expect(claims('امریکہ نے سائبر حملے کی مشترکہ تحقیقات کی شمالی کوریا کی پیشکش مسترد کر دی۔', 'ur')).toEqual([]);
  });

  it('reads «کا ذمہ دار X کو قرار دیا» with the accused after the cue, and long objects before the verb', () => {
    expect(claims('ہالینڈ نے گزشتہ ماہ بندرگاہ کے کمپیوٹر نظام پر ہونے والے سائبر حملے کا ذمہ دار ایرانی ہیکروں کو قرار دیا ہے۔', 'ur').map(triple)).toEqual(['accusation|netherlands|iran']);
    expect(claims('جاپان نے اس حملے کا ذمہ دار شمالی کوریا کی فوجی انٹیلی جنس کے زیر انتظام گروپ لازارس گروپ کو ٹھہرایا۔', 'ur').map(triple)).toEqual(['accusation|japan|lazarus-group,north-korea']);
    const long = 'برطانوی حکومت نے روس کی فوجی انٹیلی جنس پر سیاسی جماعتوں، کاروباری اداروں، ذرائع ابلاغ اور کھیلوں کی تنظیموں کے خلاف گزشتہ کئی برسوں کے دوران اندھا دھند اور لاپرواہ سائبر حملوں کا الزام عائد کیا ہے۔';
    expect(claims(long, 'ur').map(triple)).toEqual(['accusation|united-kingdom|russia']);
    expect(claims('برطانیہ نے ابھی تک حملے کا ذمہ دار روس کو نہیں ٹھہرایا۔', 'ur')).toEqual([]);
    // Refusing to blame is neither an accusation nor a denial.
    expect(claims('روس نے یوکرین کو سائبر حملوں کا ذمہ دار قرار دینے سے انکار کر دیا۔', 'ur')).toEqual([]);
  });

  it('resolves «ادارے کی رپورٹ کے مطابق», «کمپنی کے مطابق» and «انہوں نے» to the maker named before, and only at the head of a sentence', () => {
    expect(claims('برطانیہ کے نیشنل سائبر سکیورٹی سینٹر نے اپنی سالانہ رپورٹ جاری کی۔ ادارے کی رپورٹ کے مطابق چین سے منسلک ہیکرز نے برطانوی پارلیمان کے ارکان کو نشانہ بنایا۔', 'ur').map(triple)).toEqual(['accusation|uk-ncsc|china']);
    expect(claims('مائیکروسافٹ نے ایک نئی رپورٹ جاری کی ہے۔ کمپنی کے مطابق روسی حکومت کے حمایت یافتہ ہیکرز نے یورپی وزارتوں کی ای میلز تک رسائی حاصل کی۔', 'ur').map(triple)).toEqual(['accusation|microsoft|russia']);
    expect(claims('امریکی محکمہ خزانہ نے ایک بیان جاری کیا۔ انہوں نے کہا کہ شمالی کوریا کے ہیکرز کرپٹو کرنسی کی چوری میں ملوث ہیں۔', 'ur').map(triple)).toEqual(['accusation|us-treasury|north-korea']);
    // «ایک کمپنی» is a new company, not the one before; a negated report accuses nobody.
    expect(claims('مائیکروسافٹ نے ایک رپورٹ جاری کی۔ ایک کمپنی نے کہا کہ روسی ہیکرز نے حملہ کیا۔', 'ur')).toEqual([]);
    expect(claims('مائیکروسافٹ نے ایک رپورٹ جاری کی۔ کمپنی کے مطابق روس کے ہیکرز نے کوئی حملہ نہیں کیا۔', 'ur')).toEqual([]);
    // A negation in a later clause leaves the reported attack standing.
    expect(claims('مائیکروسافٹ کے مطابق روسی ہیکرز نے ای میلز تک رسائی حاصل کی، تاہم کمپنی نے یہ نہیں بتایا کہ کتنے صارفین متاثر ہوئے۔', 'ur').map(triple)).toEqual(['accusation|microsoft|russia']);
    expect(claims('ایف بی آئی نے کہا کہ شمالی کوریا کے ہیکرز نے کرپٹو کرنسی چرائی اور ابھی تک رقم واپس نہیں ملی۔', 'ur').map(triple)).toEqual(['accusation|fbi|north-korea']);
  });

  it('finds joint makers named with titles, and statements issued jointly', () => {
    expect(claims('ایف بی آئی اور نیشنل سکیورٹی ایجنسی این ایس اے نے کہا ہے کہ روسی ہیکرز نے امریکی بجلی گھروں کے نیٹ ورکس میں نقب لگائی۔', 'ur').map(triple)).toEqual(['accusation|fbi|russia', 'accusation|nsa|russia']);
    expect(claims('امریکا اور برطانیہ کے مشترکہ بیان میں کہا گیا ہے کہ ایران کے ہیکرز انتخابی مہم پر حملوں میں ملوث ہیں۔', 'ur').map(triple)).toEqual(['accusation|united-states|iran', 'accusation|united-kingdom|iran']);
    expect(claims('امریکا اور چین کے درمیان سائبر سکیورٹی پر مذاکرات کا نیا دور اسلام آباد میں شروع ہو گیا۔', 'ur')).toEqual([]);
  });

  it('reads denials over long objects, «قرار دے چکے» without «نے», and not a denial about a non-cyber attack', () => {
    expect(claims('روس نے اپنے توانائی کے شعبے اور بینکوں کے کمپیوٹر نظاموں پر گزشتہ ہفتے ہونے والے بڑے سائبر حملوں میں کسی قسم کے کردار کی تردید کر دی ہے۔', 'ur').map(triple)).toEqual(['denial|russia|']);
    expect(claims('امریکہ نے ایران پر سائبر حملوں کا الزام لگایا۔ ایرانی سفارت خانے کے ترجمان اس سے پہلے بھی ایسی رپورٹس کو من گھڑت قرار دے چکے ہیں۔', 'ur').map(triple)).toEqual(['accusation|united-states|iran', 'denial|iran|']);
    expect(claims('بھارت نے سرحد پر حملے کا الزام پاکستان پر عائد کیا ہے جبکہ پاکستان نے اس الزام کی تردید کی ہے۔', 'ur')).toEqual([]);
  });

  it('reads indictments, wanted lists, sanctions and diplomatic actions in Urdu, with persons kept as written', () => {
    expect(claims('امریکی محکمہ انصاف نے تین ایرانی شہریوں اور ایک ایرانی کمپنی پر سائبر حملوں کے الزام میں فرد جرم عائد کی ہے۔', 'ur').map(triple)).toEqual(['indictment|us-justice-department|?ایرانی شہریوں,?ایرانی کمپنی']);
    expect(claims('امریکی محکمہ انصاف نے دو چینی شہریوں پر ہیکنگ کے الزامات عائد کیے ہیں۔', 'ur').map(triple)).toEqual(['indictment|us-justice-department|?چینی شہریوں']);
    expect(claims('امریکی محکمہ انصاف نے چار روسی فوجی انٹیلی جنس افسران پر سائبر حملوں کی سازش کے الزام میں فرد جرم عائد کی۔', 'ur').map(triple)).toEqual(['indictment|us-justice-department|?چار روسی فوجی انٹیلی جنس افسران']);
    expect(claims('ایف بی آئی نے دو چینی شہریوں کو سائبر جاسوسی کے مقدمے میں مطلوب افراد کی فہرست میں شامل کر لیا۔', 'ur').map(triple)).toEqual(['indictment|fbi|?چینی شہریوں']);
    // A wanted list names persons, not an agency.
    expect(claims('ایف بی آئی نے روسی انٹیلی جنس ایجنسی کو ہیکنگ کے مقدمے میں مطلوب افراد کی فہرست میں شامل کر لیا۔', 'ur')).toEqual([]);
    expect(claims('امریکی محکمہ خزانہ کی جانب سے شمالی کوریا کے ہیکنگ گروپ لازارس گروپ پر پابندیاں عائد کی گئی ہیں۔', 'ur').map(triple)).toEqual(['sanction|us-treasury|lazarus-group']);
    expect(claims('جرمنی نے سائبر حملوں کے بعد ماسکو سے اپنے سفیر کو واپس بلا لیا۔', 'ur').map(triple)).toEqual(['diplomatic-action|germany|russia']);
    expect(claims('آسٹریلیا نے ایرانی سفارتکاروں کو سائبر حملوں کے بعد ملک چھوڑنے کا حکم دے دیا۔', 'ur').map(triple)).toEqual(['diplomatic-action|australia|iran']);
    expect(claims('جرمنی نے روسی سفیر کو طلب کر کے یوکرین میں شہریوں کی ہلاکتوں پر احتجاج کیا۔', 'ur')).toEqual([]);
    expect(claims('امریکا نے ایران پر سائبر حملوں کا الزام لگایا۔ البانیہ نے ایران کے ساتھ سفارتی تعلقات منقطع کر دیے اور ایرانی سفارتکاروں کو 24 گھنٹوں میں ملک چھوڑنے کا حکم دیا۔', 'ur').map(triple)).toEqual(['accusation|united-states|iran', 'diplomatic-action|albania|iran']);
    expect(claims('پاکستان نے سائبر حملوں پر بھارتی ناظم الامور کو دفتر خارجہ طلب کر کے شدید احتجاج ریکارڈ کرایا۔', 'ur').map(triple)).toEqual(['diplomatic-action|pakistan|india']);
    // A court the data lacks, named by its place, is kept as written.
    expect(claims('ورجینیا کی ایک وفاقی عدالت نے دو روسی شہریوں پر ہیکنگ کے الزام میں فرد جرم عائد کی۔', 'ur').map(triple)).toEqual(['indictment|?ورجینیا کی ایک وفاقی عدالت|?روسی شہریوں']);
  });

  it('reads officials who charge as their state, persons of an agency as persons, and «وزارت خارجہ» after a dateline as that state\'s ministry', () => {
    expect(claims('امریکا نے روسی خفیہ ادارے کے چھ افسران پر یوکرین میں سائبر حملوں کے الزام میں فرد جرم عائد کر دی۔', 'ur').map(triple)).toEqual(['indictment|united-states|?روسی خفیہ ادارے کے چھ افسران']);
    expect(claims('واشنگٹن: امریکی حکام نے سات ایرانی شہریوں پر امریکی بینکوں پر سائبر حملوں کے الزامات عائد کیے ہیں۔', 'ur').map(triple)).toEqual(['indictment|united-states|?ایرانی شہریوں']);
    // Officials who only speak stay anonymous officials.
    expect(claims('امریکی حکام کا کہنا ہے کہ ایرانی ہیکرز نے انتخابی مہم کو نشانہ بنایا۔', 'ur')[0]).toMatchObject({ type: 'accusation', by: { id: null }, officialsOf: 'united-states' });
    expect(claims('بیجنگ: امریکا نے چین پر سائبر حملوں کا الزام لگایا ہے۔ وزارت خارجہ کے ترجمان نے کہا کہ یہ الزامات بے بنیاد ہیں۔', 'ur').map(triple)).toEqual(['accusation|united-states|china', 'denial|china-foreign-ministry|']);
    expect(claims('وزارت خارجہ کے ترجمان نے کہا کہ یہ الزامات بے بنیاد ہیں اور سائبر حملوں سے کوئی تعلق نہیں۔', 'ur')).toEqual([]);
  });

  it('reads «کی جانب سے … کوئی ردعمل سامنے نہیں آیا» as no response and «تبصرہ کرنے سے گریز» as declining to comment', () => {
    expect(claims('امریکا نے شمالی کوریا پر ہیکنگ کا الزام لگایا۔ شمالی کوریا کی جانب سے ان الزامات پر کوئی ردعمل سامنے نہیں آیا۔', 'ur').map(triple)).toEqual(['accusation|united-states|north-korea', 'no-response|north-korea|']);
    expect(claims('امریکا نے روس پر ہیکنگ کا الزام لگایا۔ کریملن نے اس معاملے پر تبصرہ کرنے سے گریز کیا۔', 'ur').map(triple)).toEqual(['accusation|united-states|russia', 'declined-to-comment|kremlin|']);
  });

  it('knows a state\'s foreign ministry by its adjective and «وزارت» spellings of US departments', () => {
    expect(claims('پاکستانی وزارت خارجہ نے کہا کہ بھارتی ہیکرز نے سرکاری ویب سائٹس کو نشانہ بنایا۔', 'ur').map(triple)).toEqual(['accusation|pakistan-foreign-office|india']);
    expect(claims('امریکی وزارت انصاف نے دو روسی شہریوں پر ہیکنگ کے الزام میں فرد جرم عائد کی۔', 'ur').map(triple)).toEqual(['indictment|us-justice-department|?روسی شہریوں']);
  });

  it('reads «X کے ڈائریکٹر … کا کہنا تھا», «کی جانب سے جاری بیان میں کہا گیا» and «مرتکب قرار»', () => {
    expect(claims('ایف بی آئی کے ڈائریکٹر کرسٹوفر رے کا کہنا تھا کہ چینی ہیکرز امریکی انفراسٹرکچر کو نشانہ بنا رہے ہیں۔', 'ur').map(triple)).toEqual(['accusation|fbi|china']);
    expect(claims('امریکی محکمہ خزانہ کی جانب سے جاری کردہ رپورٹ میں کہا گیا کہ شمالی کوریا کے ہیکرز نے کرپٹو کرنسی چرائی۔', 'ur').map(triple)).toEqual(['accusation|us-treasury|north-korea']);
    expect(claims('جرمنی نے روس کو سائبر حملوں کا مرتکب قرار دیا ہے۔', 'ur').map(triple)).toEqual(['accusation|germany|russia']);
  });

  it('reads condemnations of a named side\'s attacks as accusations, «کا الزام ہے کہ» and «ملوث قرار»', () => {
    expect(claims('نیٹو نے روس کی جانب سے کیے گئے سائبر حملوں کی شدید مذمت کی۔', 'ur').map(triple)).toEqual(['accusation|nato|russia']);
    expect(claims('یورپی یونین نے روس کے حالیہ سائبر حملوں کی مذمت کی ہے۔', 'ur').map(triple)).toEqual(['accusation|european-union|russia']);
    expect(claims('نیٹو نے سائبر حملوں کی مذمت کی۔', 'ur').map(triple)).toEqual(['statement|nato|']);
    expect(claims('امریکا کا الزام ہے کہ چین کے ہیکرز نے امریکی ٹیلی کام کمپنیوں کے نیٹ ورکس میں نقب لگائی۔', 'ur').map(triple)).toEqual(['accusation|united-states|china']);
    expect(claims('جرمنی نے روس کو وفاقی پارلیمان پر سائبر حملے میں ملوث قرار دیا۔', 'ur').map(triple)).toEqual(['accusation|germany|russia']);
  });

  it('keeps a quoted group name after «ہیکر گروپ» and does not take the victim before «پر» for the doer', () => {
    expect(claims("گوگل نے کہا کہ ہیکر گروپ 'سلور فاکس' نے ایرانی بینکوں پر سائبر حملے کیے۔", 'ur').map(triple)).toEqual(['accusation|google|?سلور فاکس']);
    expect(claims("مائیکروسافٹ نے کہا کہ روسی ہیکر گروپ 'مڈنائٹ بلیزرڈ' نے کمپنی کی ای میلز تک رسائی حاصل کی۔", 'ur').map(triple)).toEqual(['accusation|microsoft|russia,apt29']);
  });

  it('reads Urdu claims of responsibility with the group described before «نے», and «دعویٰ کیا کہ اس نے»', () => {
    expect(claims('گنجشک درندہ کے نام سے سرگرم ہیکر گروپ نے سائبر حملے کی ذمہ داری قبول کر لی ہے۔', 'ur').map(triple)).toEqual(['claim-of-responsibility|predatory-sparrow|']);
    expect(claims("خود کو 'سائبر ایونجرز' کہلانے والے گروپ نے پانی کے نظام پر سائبر حملے کی ذمہ داری قبول کی۔", 'ur').map(triple)).toEqual(['claim-of-responsibility|cyber-av3ngers|']);
    expect(claims('پریڈیٹری اسپیرو نے دعویٰ کیا کہ اس نے ایران کے بینکوں کا ڈیٹا چرا لیا۔', 'ur').map(triple)).toEqual(['claim-of-responsibility|predatory-sparrow|']);
    // An attack on websites is cyber; a statement on a website about drones is not.
    expect(claims('ایران نے اپنی ویب سائٹ پر جاری بیان میں اسرائیل پر ڈرون حملوں کا الزام عائد کیا۔', 'ur')).toEqual([]);
  });

  it('keeps the Latin name of an acronym spelled in Urdu letters that the registry cannot resolve alone', () => {
    expect(claims('ایف بی آئی نے کہا کہ شمالی کوریا سے منسلک اے پی ٹی 38 نے بینکوں سے رقم چرائی۔', 'ur').map(triple)).toEqual(['accusation|fbi|north-korea', 'accusation|fbi|?APT38']);
  });

  it('turns an accusation back when it calls the charge against its own side baseless, and reads «زور دیا کہ … حملے بند کرے»', () => {
    expect(claims("چین کے سائبر ادارے نے ایک رپورٹ میں الزام لگایا کہ امریکی خفیہ ایجنسیوں نے 'چینی ہیکروں' کی من گھڑت کہانی پھیلائی۔", 'ur').map(triple)).toEqual(['counter-accusation|china|united-states']);
    expect(claims('چینی وزارت خارجہ نے امریکا پر زور دیا کہ وہ دوسرے ممالک کے خلاف سائبر حملے بند کرے۔', 'ur').map(triple)).toEqual(['accusation|china-foreign-ministry|united-states']);
    expect(claims('چینی وزارت خارجہ نے امریکا پر زور دیا کہ وہ سائبر سکیورٹی کے شعبے میں تعاون کرے۔', 'ur')).toEqual([]);
  });
});

describe('incident link', () => {
  it('links an article about a known incident and proposes a new one otherwise', () => {
    const volt = x.fromDocument('Microsoft says Volt Typhoon breached networks in Guam\n\nMicrosoft said Volt Typhoon, a state-sponsored group based in China, had breached critical infrastructure networks in Guam.', { lang: 'en', published: '2023-05-25' });
    expect(volt.incident.id).toBe('volt-typhoon');
    expect(volt.incident.score).toBeGreaterThanOrEqual(0.5);
    const fresh = x.fromDocument('A group calling itself Silent Kestrel claimed responsibility for an attack on a water utility in Ohio.', { lang: 'en', published: '2026-11-01' });
    expect(fresh.incident).toMatchObject({ id: null, proposed: { names: ['Silent Kestrel'] } });
  });

  it('reads nothing from a text in neither language', () => {
    expect(x.fromDocument('Une cyberattaque a visé un hôpital. Les enquêteurs ne désignent aucun pays.')).toMatchObject({ language: null, claims: [] });
  });
});

describe('the labelled benchmark', () => {
  it('keeps precision at 0.9 or better and recall at 0.8 or better on the dev split in both languages', { timeout: 120_000 }, () => {
    const registry = loadRegistry();
    for (const lang of ['en', 'ur'] as const) {
      const dev = evaluate(lang, x, registry).counts.dev!.all!;
      expect(precision(dev), `${lang} precision`).toBeGreaterThanOrEqual(0.9);
      expect(recall(dev), `${lang} recall`).toBeGreaterThanOrEqual(0.8);
    }
  });
});

describe('npm run cli -- extract', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-extract-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[], input?: string) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'extract', ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });

  it('prints the claims and the incident link as JSON for an HTML file', { timeout: 120_000 }, () => {
    const file = path.join(dir, 'a.html');
    writeFileSync(file, '<html lang="en"><head><title>x</title><script>document.write("The FBI accused North Korea")</script></head><body><article><h1>US accuses China of hacking</h1><p>The United States on Tuesday accused China of hacking telecom networks, officials said in a statement to reporters in Washington.</p><p>China denied the accusation, calling it groundless and a smear against Beijing.</p></article></body></html>');
    const r = run([file, '--published', '2024-10-16', '--url', 'https://example.org/a', '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.claims.map((c: ExtractedClaim) => `${c.type}|${c.by.id}`)).toEqual(['accusation|united-states', 'denial|china']);
    expect(json.claims[0]).toMatchObject({ against: [{ id: 'china', name: 'China' }], date: '2024-10-15', strength: null });
    expect(json.incident).toHaveProperty('score');
    expect(json.incident).toHaveProperty('id');
  });

  it('reads standard input and prints a readable list', { timeout: 120_000 }, () => {
    expect(run(['-', '--lang', 'ur'], 'امریکہ نے چین پر سائبر حملوں کا الزام عائد کیا ہے۔').stdout).toContain('accusation: امریکہ [united-states] → چین [china]');
  });

  it('answers 1 when nothing is found', { timeout: 120_000 }, () => {
    expect(run(['-'], 'The weather in Lahore was pleasant on Sunday and the markets were busy.').status).toBe(1);
  });

  it('answers 2 for bad usage', { timeout: 240_000 }, () => {
    expect(run([]).status).toBe(2);
    expect(run(['-', '--lang', 'fr'], 'x').status).toBe(2);
    expect(run(['-', '--published', '16/10/2024'], 'x').status).toBe(2);
    expect(run([path.join(dir, 'missing.html')]).status).toBe(2);
  });
});
