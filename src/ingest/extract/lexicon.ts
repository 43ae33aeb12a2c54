// Names the curated parties do not carry but news copy uses, each tied to an existing party id:
// demonyms ("Chinese hackers" accuse China), capital-city metonyms ("Beijing denied"), common
// spellings of agencies, and the foreign ministries' spokespeople (what they say at the podium
// is the ministry's position). Plus names of organisations that are not parties yet: they are
// recognised so they can be an accuser, but stay unresolved (id null).
// Kept here, in the ingester, so the curated data/parties files stay what curators wrote.

/** A state named by its adjective; `people` lists the nouns that make it a group of persons, not the state. */
export const DEMONYMS: Record<string, string[]> = {
  china: ['Chinese', 'چینی'],
  russia: ['Russian', 'روسی'],
  'united-states': ['American', 'امریکی'],
  iran: ['Iranian', 'ایرانی'],
  'north-korea': ['North Korean', 'شمالی کوریائی', 'شمالی کوریا کے'],
  'south-korea': ['South Korean', 'جنوبی کوریائی'],
  'united-kingdom': ['British', 'برطانوی'],
  india: ['Indian', 'بھارتی'],
  pakistan: ['Pakistani', 'پاکستانی'],
  israel: ['Israeli', 'اسرائیلی'],
  ukraine: ['Ukrainian', 'یوکرینی'],
  germany: ['German', 'جرمن'],
  france: ['French', 'فرانسیسی'],
  'saudi-arabia': ['Saudi', 'سعودی'],
  estonia: ['Estonian'],
  netherlands: ['Dutch'],
  australia: ['Australian', 'آسٹریلوی'],
  canada: ['Canadian', 'کینیڈین'],
  japan: ['Japanese', 'جاپانی'],
  albania: ['Albanian'],
  czechia: ['Czech'],
  italy: ['Italian'],
  bangladesh: ['Bangladeshi'],
  taiwan: ['Taiwanese'],
  'costa-rica': ['Costa Rican'],
};

/** Extra names for existing parties. */
export const EXTRA_ALIASES: Record<string, string[]> = {
  'united-states': ['U.S.', 'America', 'Washington', 'واشنگٹن', 'امریکا', 'امریکی انتظامیہ', 'بائیڈن انتظامیہ', 'ٹرمپ انتظامیہ', 'اوباما انتظامیہ'],
  china: ['Beijing', 'بیجنگ', 'چین کی حکومت', 'Chinese government'],
  russia: ['Moscow', 'ماسکو', 'Russian government', 'روسی حکومت'],
  iran: ['Tehran', 'تہران', 'Iranian government', 'ایرانی حکومت'],
  'north-korea': ['Pyongyang', 'North Korean government'],
  'united-kingdom': ['U.K.', 'British government', 'برطانوی حکومت', 'London'],
  india: ['New Delhi', 'نئی دہلی', 'Indian government', 'بھارتی حکومت'],
  pakistan: ['Islamabad', 'اسلام آباد', 'Pakistani government', 'پاکستانی حکومت', 'حکومت پاکستان'],
  'china-foreign-ministry': [
    'Chinese Foreign Ministry', 'China’s Foreign Ministry', 'Foreign Ministry of China', "China's Ministry of Foreign Affairs",
    'Mao Ning', 'Lin Jian', 'Wang Wenbin', 'Zhao Lijian', 'Guo Jiakun', 'Hua Chunying', 'Geng Shuang', 'Hong Lei', 'Ma Zhaoxu', 'Lu Kang',
    'چین کی وزارت خارجہ', 'چینی دفتر خارجہ', 'ماؤ ننگ', 'ماؤ نِنگ', 'لین جیان', 'لن جیان', 'وانگ وین بن', 'ژاؤ لی جیان', 'ژاؤ لیجیان', 'گو جیاکون',
  ],
  'russia-foreign-ministry': ['Russian Foreign Ministry', 'Maria Zakharova', 'Zakharova', 'روس کی وزارت خارجہ', 'ماریا زاخارووا'],
  'iran-foreign-ministry': ['Iranian Foreign Ministry', "Iran's Foreign Ministry", 'Nasser Kanaani', 'ایران کی وزارت خارجہ', 'ایرانی دفتر خارجہ'],
  'north-korea-foreign-ministry': ['North Korean Foreign Ministry'],
  gru: ['Russian military intelligence', "Russia's military intelligence", "Russia's military intelligence service", 'Russian military intelligence service', 'روسی ملٹری انٹیلی جنس', 'روسی فوجی انٹیلی جنس'],
  'us-justice-department': ['Department of Justice', 'محکمہ انصاف', 'امریکی محکمۂ انصاف', 'امریکی وزارت انصاف', 'امریکی محکمہ قانون'],
  'us-treasury': ['Treasury Department', 'Department of the Treasury', 'Office of Foreign Assets Control', 'US Treasury', 'امریکی محکمہ خزانہ', 'محکمہ خزانہ', 'امریکی وزارت خزانہ'],
  'us-state-department': ['Department of State', 'امریکی محکمہ خارجہ', 'امریکی وزارت خارجہ', 'امریکی دفتر خارجہ'],
  'uk-ncsc': ['National Cyber Security Centre', 'نیشنل سائبر سکیورٹی سینٹر', 'نیشنل سائبر سیکیورٹی سینٹر'],
  'uk-foreign-office': ['British Foreign Office', 'UK Foreign Office', 'برطانوی دفتر خارجہ', 'برطانوی وزارت خارجہ', 'برطانیہ کے دفتر خارجہ'],
  // Microsoft's weather names, as Urdu papers spell them.
  apt29: ['مڈنائٹ بلیزرڈ', 'مڈ نائٹ بلیزرڈ'],
  apt28: ['فاریسٹ بلیزرڈ', 'فارسٹ بلیزرڈ'],
  sandworm: ['سی شیل بلیزرڈ'],
  'pakistan-foreign-office': ['Pakistani Foreign Office', 'ترجمان دفتر خارجہ', 'پاکستانی دفتر خارجہ'],
  ispr: ['پاک فوج کے شعبہ تعلقات عامہ'],
  fbi: ['Federal Bureau of Investigation', 'ایف بی آئی'],
  cisa: ['سی آئی ایس اے', 'سائبر سکیورٹی اینڈ انفراسٹرکچر سکیورٹی ایجنسی'],
  nsa: ['این ایس اے', 'نیشنل سکیورٹی ایجنسی', 'نیشنل سیکیورٹی ایجنسی'],
  'uk-electoral-commission': ['الیکشن کمیشن'],
  microsoft: ['مائیکرو سافٹ'],
  google: ['Google Threat Intelligence', 'Google Threat Intelligence Group'],
  mandiant: ['میںڈیئنٹ'],
  'european-union': ['یورپی یونین'],
  nato: ['نیٹو'],
  'white-house': ['وائٹ ہاؤس'],
  kremlin: ['کریملن'],
  'dmitry-peskov': ['Peskov', 'پیسکوف'],
  cverc: ['National Computer Virus Emergency Response Center'],
  asd: ['Australian Signals Directorate'],
  // Capitals as metonyms in English copy ("Seoul said ...", "Paris summoned ...").
  'south-korea': ['Seoul'],
  japan: ['Tokyo'],
  germany: ['Berlin'],
  france: ['Paris'],
  ukraine: ['Kyiv', 'Kiev'],
  australia: ['Canberra'],
  canada: ['Ottawa'],
  czechia: ['Prague'],
  albania: ['Tirana'],
  // "China's Ministry of State Security": the possessive names the state, the head noun the ministry.
  'china-mss': ['Ministry of State Security'],
  'china-mps': ['Ministry of Public Security'],
};

/** Organisations that often accuse but are not parties yet: recognised, left unresolved (id null). */
export const KNOWN_UNRESOLVED = [
  'Recorded Future', 'Insikt Group', 'Proofpoint', 'SentinelOne', 'SentinelLabs', 'Check Point', 'Trend Micro', 'Palo Alto Networks',
  'Unit 42', 'Cisco Talos', 'Talos', 'Citizen Lab', 'Amnesty International', 'Secureworks', 'Volexity', 'Dragos', 'Sophos', 'Lookout',
  'Bitdefender', 'Positive Technologies', 'Group-IB', 'Europol', 'Interpol', 'NCA', 'National Crime Agency', 'Bundesamt für Sicherheit in der Informationstechnik',
  'سٹیزن لیب', 'ایمنسٹی انٹرنیشنل', 'یوروپول',
  // Parties of conflicts that come up in cyber news but are not in the data (yet).
  'Hezbollah', 'حزب اللہ', 'Islamic Revolutionary Guard Corps', 'IRGC', 'پاسداران انقلاب', 'Hamas', 'حماس', 'New Zealand', 'نیوزی لینڈ',
];

/** After a state or its adjective, nouns that make the phrase an organisation of its own ("US Senate panel", «امریکی اخبار»). */
export const ORG_NOUNS_EN = /^(newspapers?|paper|media|outlets?|broadcasters?|courts?|judges?|senate|congress|congressional|parliament|parliamentary|lawmakers?|senators?|panel|committee|prosecutors?|police|researchers?|think|university|universities)$/i;
export const ORG_NOUNS_UR = /^(اخبار|اخبارات|جریدے|جریدہ|میڈیا|عدالت|پارلیمان|پارلیمنٹ|کمیٹی|ماہرین|پولیس|استغاثہ)$/;
export const MEDIA_NOUNS = /^(newspapers?|paper|media|outlets?|broadcasters?|اخبار|اخبارات|جریدے|جریدہ|میڈیا)$/i;
/** Number words that, before a person noun, name a group of people: "four men", «سات ایرانی باشندوں». */
export const NUMBER_WORDS = /^(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|several|ایک|دو|تین|چار|پانچ|چھ|سات|آٹھ|نو|دس|گیارہ|بارہ)$/i;

/** Nouns that turn "Chinese" into a group of people (sanctioned or charged persons), not the state. */
export const PERSON_NOUNS_EN = /^(nationals?|citizens?|men|man|women|woman|individuals?|people|residents?|persons?|officers?|suspects|defendants|businessm[ae]n|executives?|firms?|compan(y|ies)|entit(y|ies)|businesses|contractors?)$/i;
export const PERSON_NOUNS_UR = /^(کمپنی|کمپنیوں|کمپنیاں|شہری|شہریوں|افراد|باشندے|باشندوں|اہلکار|اہلکاروں|افسران|افسروں)$/;

/** Words after a single-word registry name that show it names a group ("Kimsuky hackers"). */
export const GROUP_NOUNS = /^(group|gang|hackers?|hacking|ransomware|apt|actors?|crew|team|collective|operators?|affiliates?|threat|cell|unit|گروپ|ہیکرز|ہیکر|گینگ)$/i;
