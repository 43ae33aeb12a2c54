// Dates for people, in one style per language: "24 May 2023" and "24 مئی 2023".
// Data dates may be partial (2023, 2023-05), and are shown with the precision they have.
import type { Lang } from './lang.ts';

const MONTHS: Record<Lang, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  ur: ['جنوری', 'فروری', 'مارچ', 'اپریل', 'مئی', 'جون', 'جولائی', 'اگست', 'ستمبر', 'اکتوبر', 'نومبر', 'دسمبر'],
};

export function formatDate(partial: string, lang: Lang): string {
  const [year, month, day] = partial.split('-');
  const monthName = month ? MONTHS[lang][Number(month) - 1] : undefined;
  return [day ? String(Number(day)) : undefined, monthName, year].filter(Boolean).join(' ');
}
