// Plain-text rendering for the terminal and the CLI. Terminals have no reliable bidi support,
// so Urdu goes out in logical order without marks; there are no platform limits to trim to.
import type { Reply } from '../../reply/model.ts';

export interface TerminalOptions {}

export function renderTerminal(reply: Reply, _options: TerminalOptions = {}): string {
  const out: string[] = [];
  const rule = '─'.repeat(Math.min(60, Math.max(10, [...reply.title].length)));
  out.push(reply.title, rule);
  if (reply.description) out.push(reply.description, '');
  for (const field of reply.fields) {
    if (field.lines.length === 1 && field.lines[0]!.length < 70) out.push(`${field.label}: ${field.lines[0]}`);
    else out.push(`${field.label}:`, ...field.lines.map((l) => `  • ${l}`));
  }
  if (reply.sources.length) {
    out.push('', reply.lang === 'ur' ? 'ذرائع:' : 'Sources:');
    reply.sources.forEach((s, i) => {
      const when = s.date ? `, ${s.date}` : '';
      const title = s.title === s.url ? '' : ` “${s.title}”`;
      out.push(`  ${i + 1}. ${s.publisher}${title}${when}${s.url ? `\n     ${s.url}` : ''}`);
    });
  }
  if (reply.suggestions.length) {
    out.push('', `${reply.suggestionsLabel ?? 'See also'}:`, ...reply.suggestions.map((s) => `  • ${s.label} [${s.value}]`));
  }
  if (reply.footer) out.push('', `— ${reply.footer}`);
  return out.join('\n');
}
