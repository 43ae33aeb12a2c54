// Vocabulary for the synthetic store, English with the Urdu spelling a news desk would use,
// patterned on data/ (ٹائیفون for Typhoon, بئیر for Bear, اے پی ٹی 28 for APT28, رینسم ویئر,
// دراندازی ...). Each pair is [English, Urdu].

export type Pair = readonly [string, string];

/** Adjectives of the vendor-style names ("Crimson Typhoon", "Cobalt Spider"). */
export const ADJECTIVES: Pair[] = [
  ['Crimson', 'کرمسن'], ['Cobalt', 'کوبالٹ'], ['Amber', 'عنبر'], ['Azure', 'ایژور'], ['Onyx', 'اونکس'],
  ['Jade', 'جیڈ'], ['Ivory', 'آئیوری'], ['Scarlet', 'اسکارلیٹ'], ['Indigo', 'انڈیگو'], ['Silver', 'سلور'],
  ['Golden', 'گولڈن'], ['Copper', 'کاپر'], ['Granite', 'گرینائٹ'], ['Marble', 'ماربل'], ['Obsidian', 'اوبسیڈین'],
  ['Velvet', 'ویلویٹ'], ['Linen', 'لینن'], ['Cotton', 'کاٹن'], ['Canvas', 'کینوس'], ['Frost', 'فراسٹ'],
  ['Ember', 'ایمبر'], ['Shadow', 'شیڈو'], ['Silent', 'سائلنٹ'], ['Hidden', 'ہڈن'], ['Quiet', 'کوائٹ'],
  ['Rapid', 'ریپڈ'], ['Lunar', 'لونر'], ['Solar', 'سولر'], ['Stellar', 'اسٹیلر'], ['Hollow', 'ہولو'],
  ['Steel', 'اسٹیل'], ['Stone', 'اسٹون'], ['Cedar', 'سیڈر'], ['Maple', 'میپل'], ['Willow', 'ولو'],
  ['Aspen', 'ایسپن'], ['Birch', 'برچ'], ['Hazel', 'ہیزل'], ['Mint', 'منٹ'], ['Pepper', 'پیپر'],
  ['Ginger', 'جنجر'], ['Saffron', 'سیفرن'], ['Cinnamon', 'سنیمن'], ['Citrus', 'سٹرس'], ['Lemon', 'لیمن'],
  ['Cherry', 'چیری'], ['Plum', 'پلم'], ['Peach', 'پیچ'], ['Mango', 'مینگو'], ['Olive', 'اولیو'],
  ['Coral', 'کورل'], ['Pearl', 'پرل'], ['Ruby', 'روبی'], ['Topaz', 'ٹوپاز'], ['Opal', 'اوپل'],
  ['Garnet', 'گارنیٹ'], ['Quartz', 'کوارٹز'], ['Twilight', 'ٹوائی لائٹ'], ['Midnight', 'مڈنائٹ'], ['Dawn', 'ڈان'],
  ['Dusk', 'ڈسک'], ['Northern', 'ناردرن'], ['Wicked', 'وکڈ'], ['Lucky', 'لکی'], ['Fierce', 'فیئرس'],
  ['Mighty', 'مائٹی'], ['Brave', 'بریو'], ['Clever', 'کلیور'], ['Wandering', 'وانڈرنگ'], ['Restless', 'ریسٹ لیس'],
  ['Tidal', 'ٹائیڈل'], ['Polar', 'پولر'], ['Arctic', 'آرکٹک'], ['Desert', 'ڈیزرٹ'], ['Canyon', 'کینین'],
  ['Harbor', 'ہاربر'], ['Meadow', 'میڈو'], ['Prairie', 'پریری'], ['Thunder', 'تھنڈر'], ['Echo', 'ایکو'],
  ['Phantom', 'فینٹم'], ['Ghost', 'گھوسٹ'], ['Raven', 'ریون'], ['Falcon', 'فالکن'], ['Viper', 'وائپر'],
];

/** A vendor's naming scheme: adjective + a family word that encodes the state (or crime). */
export interface Family {
  vendor: string;
  word: Pair;
  /** Real party id of the state, or undefined for financially motivated groups. */
  state?: string;
}

export const FAMILIES: Family[] = [
  { vendor: 'Microsoft', word: ['Typhoon', 'ٹائیفون'], state: 'china' },
  { vendor: 'Microsoft', word: ['Blizzard', 'بلیزرڈ'], state: 'russia' },
  { vendor: 'Microsoft', word: ['Sandstorm', 'سینڈ اسٹارم'], state: 'iran' },
  { vendor: 'Microsoft', word: ['Sleet', 'سلیٹ'], state: 'north-korea' },
  { vendor: 'Microsoft', word: ['Tempest', 'ٹیمپیسٹ'] },
  { vendor: 'Microsoft', word: ['Hail', 'ہیل'], state: 'south-korea' },
  { vendor: 'CrowdStrike', word: ['Panda', 'پانڈا'], state: 'china' },
  { vendor: 'CrowdStrike', word: ['Bear', 'بئیر'], state: 'russia' },
  { vendor: 'CrowdStrike', word: ['Kitten', 'کٹن'], state: 'iran' },
  { vendor: 'CrowdStrike', word: ['Chollima', 'چولیما'], state: 'north-korea' },
  { vendor: 'CrowdStrike', word: ['Spider', 'اسپائیڈر'] },
  { vendor: 'CrowdStrike', word: ['Tiger', 'ٹائیگر'], state: 'india' },
  { vendor: 'CrowdStrike', word: ['Leopard', 'لیپرڈ'], state: 'pakistan' },
  { vendor: 'Secureworks', word: ['Bronze', 'برونز'], state: 'china' },
  { vendor: 'Secureworks', word: ['Iron', 'آئرن'], state: 'russia' },
  { vendor: 'Secureworks', word: ['Nickel', 'نکل'], state: 'north-korea' },
  { vendor: 'Secureworks', word: ['Gold', 'گولڈ'] },
  { vendor: 'Palo Alto Networks', word: ['Taurus', 'ٹورس'], state: 'china' },
  { vendor: 'Palo Alto Networks', word: ['Ursa', 'ارسا'], state: 'russia' },
  { vendor: 'Palo Alto Networks', word: ['Serpens', 'سرپنس'], state: 'iran' },
  { vendor: 'Palo Alto Networks', word: ['Libra', 'لبرا'] },
];

/** Numbered cluster names: prefix, digits, vendor. "APT123", "UNC4567", "Storm-0123". */
export const NUMBERED: Array<{ prefix: string; ur: string; sep: string; digits: [number, number]; pad: number; vendor: string }> = [
  { prefix: 'APT', ur: 'اے پی ٹی', sep: '', digits: [1, 499], pad: 0, vendor: 'Mandiant' },
  { prefix: 'UNC', ur: 'یو این سی', sep: '', digits: [1000, 9999], pad: 0, vendor: 'Mandiant' },
  { prefix: 'FIN', ur: 'ایف آئی این', sep: '', digits: [1, 99], pad: 0, vendor: 'Mandiant' },
  { prefix: 'Storm', ur: 'اسٹارم', sep: '-', digits: [1, 2999], pad: 4, vendor: 'Microsoft' },
  { prefix: 'DEV', ur: 'ڈی ای وی', sep: '-', digits: [1, 1999], pad: 4, vendor: 'Microsoft' },
  { prefix: 'TA', ur: 'ٹی اے', sep: '', digits: [400, 999], pad: 0, vendor: 'Proofpoint' },
  { prefix: 'TAG', ur: 'ٹی اے جی', sep: '-', digits: [10, 199], pad: 0, vendor: 'Recorded Future' },
];

/** Words for operation and malware names ("Operation Silent Harvest", "NightHammer"). */
export const WORDS: Pair[] = [
  ['Harvest', 'ہارویسٹ'], ['Lantern', 'لینٹرن'], ['Hammer', 'ہیمر'], ['Dragon', 'ڈریگن'], ['Cloud', 'کلاؤڈ'],
  ['Hopper', 'ہاپر'], ['Night', 'نائٹ'], ['Black', 'بلیک'], ['Red', 'ریڈ'], ['Blue', 'بلیو'],
  ['Green', 'گرین'], ['Dark', 'ڈارک'], ['Bright', 'برائٹ'], ['Sun', 'سن'], ['Moon', 'مون'],
  ['Star', 'اسٹار'], ['Sky', 'اسکائی'], ['River', 'ریور'], ['Ocean', 'اوشن'], ['Mountain', 'ماؤنٹین'],
  ['Wolf', 'وولف'], ['Fox', 'فاکس'], ['Hawk', 'ہاک'], ['Snake', 'اسنیک'], ['Needle', 'نیڈل'],
  ['Anchor', 'اینکر'], ['Bridge', 'برج'], ['Castle', 'کیسل'], ['Tower', 'ٹاور'], ['Gate', 'گیٹ'],
  ['Key', 'کی'], ['Lock', 'لاک'], ['Mirror', 'مرر'], ['Pulse', 'پلس'], ['Signal', 'سگنل'],
  ['Wave', 'ویو'], ['Spark', 'اسپارک'], ['Flame', 'فلیم'], ['Winter', 'ونٹر'], ['Summer', 'سمر'],
  ['Autumn', 'آٹم'], ['Crystal', 'کرسٹل'], ['Paper', 'پیپر'], ['Glass', 'گلاس'], ['Thread', 'تھریڈ'],
  ['Arrow', 'ایرو'], ['Blade', 'بلیڈ'], ['Shield', 'شیلڈ'], ['Crown', 'کراؤن'], ['Cobra', 'کوبرا'],
  ['Jaguar', 'جیگوار'], ['Lotus', 'لوٹس'], ['Orchid', 'آرکڈ'], ['Comet', 'کومیٹ'], ['Meteor', 'میٹیور'],
  ['Eclipse', 'ایکلپس'], ['Horizon', 'ہورائزن'], ['Vortex', 'ورٹیکس'], ['Cipher', 'سائفر'], ['Beacon', 'بیکن'],
];

/** Syllables for made-up malware and operation names ("Kavelmor"), with their Urdu. */
export const SYLLABLES: Pair[] = [
  ['ka', 'کا'], ['ra', 'را'], ['vel', 'ویل'], ['mor', 'مور'], ['tan', 'ٹان'], ['dor', 'ڈور'], ['lin', 'لن'],
  ['zar', 'زار'], ['pe', 'پی'], ['sha', 'شا'], ['kor', 'کور'], ['mi', 'می'], ['na', 'نا'], ['ro', 'رو'],
  ['ti', 'ٹی'], ['vo', 'وو'], ['kel', 'کیل'], ['bar', 'بار'], ['dun', 'ڈن'], ['fel', 'فیل'], ['gor', 'گور'],
  ['hal', 'ہال'], ['jin', 'جن'], ['lo', 'لو'], ['mar', 'مار'], ['nel', 'نیل'], ['pol', 'پول'], ['quin', 'کوئن'],
  ['ral', 'رال'], ['sel', 'سیل'], ['tor', 'ٹور'], ['ven', 'وین'], ['wil', 'ول'], ['yor', 'یور'], ['zen', 'زین'],
  ['bel', 'بیل'], ['cas', 'کاس'], ['dra', 'ڈرا'], ['gal', 'گال'], ['hex', 'ہیکس'], ['lum', 'لم'], ['nox', 'نوکس'],
  ['pix', 'پکس'], ['rex', 'ریکس'], ['tra', 'ٹرا'], ['ku', 'کو'], ['sen', 'سین'], ['tal', 'ٹال'], ['ber', 'بر'],
  ['mun', 'من'], ['sol', 'سول'], ['fa', 'فا'], ['go', 'گو'], ['ja', 'جا'], ['do', 'ڈو'], ['ne', 'نے'],
];

/** Malware-name suffixes ("KavelmorLocker"), with the Urdu written as a second word. */
export const MALWARE_SUFFIXES: Pair[] = [
  ['Locker', 'لاکر'], ['RAT', 'ریٹ'], ['Wiper', 'وائپر'], ['Stealer', 'اسٹیلر'], ['Loader', 'لوڈر'], ['Bot', 'بوٹ'], ['Door', 'ڈور'],
];

/** Victim countries: the English adjective, the Urdu adjective, and the real state party id where one exists. */
export const COUNTRIES: Array<{ en: string; ur: string; state?: string }> = [
  { en: 'Japanese', ur: 'جاپانی', state: 'japan' }, { en: 'German', ur: 'جرمن', state: 'germany' },
  { en: 'British', ur: 'برطانوی', state: 'united-kingdom' }, { en: 'American', ur: 'امریکی', state: 'united-states' },
  { en: 'Indian', ur: 'بھارتی', state: 'india' }, { en: 'Pakistani', ur: 'پاکستانی', state: 'pakistan' },
  { en: 'Ukrainian', ur: 'یوکرینی', state: 'ukraine' }, { en: 'Taiwanese', ur: 'تائیوانی' },
  { en: 'South Korean', ur: 'جنوبی کوریائی', state: 'south-korea' }, { en: 'Saudi', ur: 'سعودی', state: 'saudi-arabia' },
  { en: 'Israeli', ur: 'اسرائیلی', state: 'israel' }, { en: 'French', ur: 'فرانسیسی', state: 'france' },
  { en: 'Australian', ur: 'آسٹریلوی', state: 'australia' }, { en: 'Canadian', ur: 'کینیڈین', state: 'canada' },
  { en: 'Dutch', ur: 'ڈچ', state: 'netherlands' }, { en: 'Estonian', ur: 'اسٹونین', state: 'estonia' },
  { en: 'Polish', ur: 'پولش' }, { en: 'Vietnamese', ur: 'ویتنامی' }, { en: 'Philippine', ur: 'فلپائنی' },
  { en: 'Turkish', ur: 'ترک' }, { en: 'Emirati', ur: 'اماراتی' }, { en: 'Qatari', ur: 'قطری' },
  { en: 'Italian', ur: 'اطالوی' }, { en: 'Norwegian', ur: 'نارویجین' }, { en: 'Bangladeshi', ur: 'بنگلہ دیشی', state: 'bangladesh' },
];

/** Victim sectors: English plural, Urdu plural. */
export const SECTORS: Pair[] = [
  ['telecom carriers', 'ٹیلی کام کمپنیاں'], ['banks', 'بینک'], ['energy companies', 'توانائی کمپنیاں'],
  ['hospitals', 'ہسپتال'], ['government ministries', 'سرکاری وزارتیں'], ['defence contractors', 'دفاعی ٹھیکیدار'],
  ['universities', 'جامعات'], ['ports', 'بندرگاہیں'], ['airlines', 'فضائی کمپنیاں'],
  ['water utilities', 'پانی فراہم کرنے والے ادارے'], ['election officials', 'انتخابی حکام'], ['lawmakers', 'ارکان پارلیمان'],
  ['oil companies', 'تیل کمپنیاں'], ['satellite operators', 'سیٹلائٹ کمپنیاں'], ['news organisations', 'ذرائع ابلاغ کے ادارے'],
  ['think tanks', 'تھنک ٹینکس'], ['power grid operators', 'بجلی کمپنیاں'], ['central bank', 'مرکزی بینک'],
  ['drug makers', 'دوا ساز کمپنیاں'], ['IT service providers', 'آئی ٹی خدمات فراہم کرنے والی کمپنیاں'],
  ['shipping companies', 'شپنگ کمپنیاں'], ['diplomats', 'سفارت کار'], ['nuclear researchers', 'جوہری محققین'],
  ['stock exchange', 'اسٹاک ایکسچینج'], ['railways', 'ریلوے'], ['gas pipeline operators', 'گیس پائپ لائن کمپنیاں'],
  ['police', 'پولیس'], ['tax authorities', 'ٹیکس حکام'], ['crypto exchanges', 'کرپٹو ایکسچینجز'], ['software makers', 'سافٹ ویئر کمپنیاں'],
];

/** Kinds of attack: English noun, Urdu noun, the tag it carries. */
export const ATTACKS: Array<{ en: string; ur: string; tag: string }> = [
  { en: 'ransomware', ur: 'رینسم ویئر', tag: 'ransomware' },
  { en: 'wiper', ur: 'وائپر', tag: 'wiper' },
  { en: 'espionage', ur: 'جاسوسی', tag: 'espionage' },
  { en: 'DDoS', ur: 'ڈی ڈاس', tag: 'ddos' },
  { en: 'supply-chain', ur: 'سپلائی چین', tag: 'supply-chain' },
  { en: 'phishing', ur: 'فشنگ', tag: 'phishing' },
  { en: 'data theft', ur: 'ڈیٹا چوری', tag: 'data-breach' },
  { en: 'hack-and-leak', ur: 'ہیک اینڈ لیک', tag: 'hack-and-leak' },
];

export const EXTRA_TAGS = ['critical-infrastructure', 'election', 'zero-day', 'cybercrime', 'sabotage', 'financial-theft', 'email', 'healthcare'];

export const URDU_MONTHS = ['جنوری', 'فروری', 'مارچ', 'اپریل', 'مئی', 'جون', 'جولائی', 'اگست', 'ستمبر', 'اکتوبر', 'نومبر', 'دسمبر'];
export const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Real party ids that accuse (vendors and agencies); filtered against the loaded parties. */
export const ACCUSERS = ['microsoft', 'mandiant', 'crowdstrike', 'kaspersky', 'symantec', 'eset', 'google', 'fbi', 'cisa', 'nsa', 'us-justice-department', 'uk-ncsc', 'uk-foreign-office', 'european-union', 'us-state-department', 'bae-systems', 'pwc', 'huntress-labs'];

/** Who speaks for a state when it denies: real party ids, first existing one wins per pick. */
export const DENIERS: Record<string, string[]> = {
  china: ['china-foreign-ministry', 'china-embassy-us', 'china-embassy-uk', 'china'],
  russia: ['kremlin', 'russia-foreign-ministry', 'russia-embassy-us', 'russia'],
  iran: ['iran-foreign-ministry', 'iran-un-mission', 'iran'],
  'north-korea': ['north-korea-foreign-ministry', 'kcna', 'north-korea'],
  'south-korea': ['south-korea'],
  india: ['india'],
  pakistan: ['pakistan-foreign-office', 'ispr', 'pakistan'],
};

/** Publishers of sources: name and language. */
export const PUBLISHERS: Array<{ name: string; language: 'en' | 'ur' | 'zh' | 'ru' }> = [
  { name: 'Reuters', language: 'en' }, { name: 'Associated Press', language: 'en' }, { name: 'BBC News', language: 'en' },
  { name: 'The Record', language: 'en' }, { name: 'BleepingComputer', language: 'en' }, { name: 'Dawn', language: 'en' },
  { name: 'BBC Urdu', language: 'ur' }, { name: 'Express News', language: 'ur' }, { name: 'Daily Jang', language: 'ur' },
  { name: 'Xinhua', language: 'zh' }, { name: 'TASS', language: 'ru' }, { name: 'The Guardian', language: 'en' },
];
