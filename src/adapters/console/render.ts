// Plain-text rendering for the terminal and the CLI. By default Urdu goes out in logical order
// without any bidi marks, so pipes, files and tests get the text as it is. Terminals that apply
// the bidi algorithm with a left-to-right base split an Urdu line that starts with a number
// («22 اکتوبر 2020: …» shows the 22 at the far left); for them, ILZAM_RTL_MARKS=1 (or the
// rtlMarks option) starts each Urdu line with an RLM and keeps the isolates around Latin fields.
import { ltrLine, rtlLine, stripBidi } from '../../i18n/bidi.ts';
import type { Reply } from '../../reply/model.ts';

export interface TerminalOptions {
  /** Right-to-left marks on Urdu lines; default: the ILZAM_RTL_MARKS environment setting. */
  rtlMarks?: boolean;
}

/** ILZAM_RTL_MARKS=1 (or true, yes, on) turns the marks on. */
export function rtlMarksFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes|on)$/i.test(env.ILZAM_RTL_MARKS?.trim() ?? '');
}

export function renderTerminal(reply: Reply, options: TerminalOptions = {}): string {
  const marks = options.rtlMarks ?? rtlMarksFromEnv();
  const ur = reply.lang === 'ur';
  const out: string[] = [];
  const rule = '─'.repeat(Math.min(60, Math.max(10, [...stripBidi(reply.title)].length)));
  out.push(reply.title, rule);
  if (reply.description) out.push(reply.description, '');
  for (const field of reply.fields) {
    if (field.lines.length === 1 && stripBidi(field.lines[0]!).length < 70) out.push(`${field.label}: ${field.lines[0]}`);
    else out.push(`${field.label}:`, ...field.lines.map((l) => `  • ${l}`));
  }
  if (reply.sources.length) {
    out.push('', ur ? 'ذرائع:' : 'Sources:');
    reply.sources.forEach((s, i) => {
      const when = s.date ? `${ur ? '،' : ','} ${s.date}` : '';
      const title = s.title === s.url ? '' : ur ? ` ’${s.title}‘` : ` “${s.title}”`;
      out.push(`  ${i + 1}. ${s.publisher}${title}${when}${s.url ? `\n     ${s.url}` : ''}`);
    });
  }
  if (reply.suggestions.length) {
    out.push('', `${reply.suggestionsLabel ?? 'See also'}:`, ...reply.suggestions.map((s) => `  • ${s.label} [${s.value}]`));
  }
  if (reply.footer) out.push('', `— ${reply.footer}`);
  const lines = out.join('\n').split('\n');
  if (!marks) return lines.map(stripBidi).join('\n');
  // A URL stays a plain left-to-right line, so a terminal can still pick it out and open it.
  const plain = (l: string) => !l.trim() || /^\s+https?:\/\//.test(l);
  return lines.map((l) => (plain(l) ? stripBidi(l) : ur ? rtlLine(l) : ltrLine(l))).join('\n');
}
