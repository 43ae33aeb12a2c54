import { describe, expect, it } from 'vitest';
import { compactKey, isArabicScript, normalizeText } from '../src/search/normalize.ts';
import { latinSkeleton, urduSkeleton } from '../src/search/phonetic.ts';

describe('Latin folding', () => {
  it('treats case, spaces, hyphens and punctuation alike', () => {
    expect(compactKey('APT 28')).toBe('apt28');
    expect(compactKey('apt-28')).toBe('apt28');
    expect(compactKey('APT28')).toBe('apt28');
    expect(compactKey('  Fancy   Bear!! ')).toBe('fancybear');
  });
  it('drops diacritics and folds full-width forms', () => {
    expect(normalizeText('Café Sednit')).toBe('cafe sednit');
    expect(compactKey('Ａｐｔ２８')).toBe('apt28');
  });
  it('keeps words apart in the normalized text', () => {
    expect(normalizeText('Sony hack, 2014')).toBe('sony hack 2014');
  });
});

// One row per line of the table in the search notes.
describe('Urdu folding table', () => {
  const same = (a: string, b: string) => expect(normalizeText(a)).toBe(normalizeText(b));
  it('yeh: Arabic ي and ى, and bari yeh ے, fold to ی', () => {
    same('يوكرين', 'یوکرین');
    same('على', 'علی');
    same('بے', 'بی');
  });
  it('kaf: Arabic ك folds to ک', () => same('كريملن', 'کریملن'));
  it('heh: ه ة ۃ fold to ہ', () => {
    same('گروه', 'گروہ');
    same('رپورٹة', 'رپورٹہ');
    same('رپورٹۃ', 'رپورٹہ');
  });
  it('heh doachashmee ھ is kept (بھ is not به)', () => expect(normalizeText('بھارت')).toContain('ھ'));
  it('hamza and madda are dropped', () => {
    same('آر ایول', 'ار ایول');
    same('أمریکہ', 'امریکہ');
    same('ٹائیفون', 'ٹاییفون');
  });
  it('diacritics (zabar, zer, pesh, superscript alef) are removed', () => same('مُلک', 'ملک'));
  it('tatweel, zero-width and direction marks are removed', () => {
    same('وولـــٹ', 'وولٹ');
    same('وول\u200cٹ', 'وولٹ');
    same('\u200fچین\u202c', 'چین');
  });
  it('Urdu and Arabic-Indic digits become ASCII', () => {
    expect(normalizeText('۲۰۲۳')).toBe('2023');
    expect(normalizeText('٢٠٢٣')).toBe('2023');
  });
  it('presentation forms fold back to letters (NFKC)', () => same('ﻭﻭﻟﭧ', 'وولٹ'));
  it('detects Arabic script', () => {
    expect(isArabicScript('وولٹ')).toBe(true);
    expect(isArabicScript('volt')).toBe(false);
  });
});

describe('cross-script consonant skeleton', () => {
  const pairs: Array<[string, string]> = [
    ['SolarWinds', 'سولر ونڈز'],
    ['Volt Typhoon', 'وولٹ ٹائیفون'],
    ['Microsoft', 'مائیکروسافٹ'],
    ['Fancy Bear', 'فینسی بئیر'],
    ['Sandworm', 'سینڈ ورم'],
    ['Colonial Pipeline', 'کولونیل پائپ لائن'],
    ['Stuxnet', 'سٹکس نیٹ'],
  ];
  it.each(pairs)('%s and %s share a skeleton', (latin, urdu) => {
    expect(latinSkeleton(latin)).toBe(urduSkeleton(urdu));
    expect(latinSkeleton(latin).length).toBeGreaterThanOrEqual(3);
  });
  it('different names get different skeletons', () => {
    expect(latinSkeleton('Lazarus')).not.toBe(urduSkeleton('سینڈ ورم'));
  });
});
