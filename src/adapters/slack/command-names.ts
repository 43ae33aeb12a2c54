// Slack slash command names. Names are workspace-wide and shared by every installed app, and
// "/incident" in particular belongs to incident-management tools, so ours carry the bot's name:
//   /ilzam-incident <text>   /ilzam-actor <text>   /ilzam-week   /ilzam-help
//   /ilzam <incident|actor|week|help> <text>   (one command to remember; a bare query is an incident)
// Slack only sends us commands registered for this app, so any name is accepted: an admin who
// renames them in the manifest (even back to /incident) needs no code change.
import { findCommand } from '../../../commands/index.ts';
import type { Command } from '../../core/command.ts';
import { parseOptionsText } from '../../core/parse-text.ts';
import type { Reply } from '../../reply/model.ts';

export const SLACK_COMMAND_PREFIX = 'ilzam';

/** How the user called us, so help and usage texts can show the same form back. */
export type InvocationStyle = 'prefixed' | 'umbrella' | 'bare';

export interface ResolvedSlashCommand {
  /** The core command, or undefined for a name we do not know (answered with help). */
  command: Command | undefined;
  /** The name as typed, without the slash, for the unknown-command reply. */
  name: string;
  text: string;
  style: InvocationStyle;
}

export function resolveSlashCommand(slashCommand: string, text: string): ResolvedSlashCommand {
  const name = slashCommand.trim().replace(/^\//, '').toLowerCase();
  if (name === SLACK_COMMAND_PREFIX) {
    const [first = '', ...rest] = text.trim().split(/\s+/);
    const sub = findCommand(first);
    if (sub) return { command: sub, name: sub.name, text: rest.join(' '), style: 'umbrella' };
    // "/ilzam volt typhoon" is a query, as in the console; "/ilzam" alone (or with only
    // options, "/ilzam lang:ur") asks for help.
    const incident = findCommand('incident')!;
    const hasQuery = Object.keys(parseOptionsText(incident, text)).some((k) => incident.options.find((o) => o.name === k)?.kind === 'text');
    return { command: hasQuery ? incident : findCommand('help'), name, text, style: 'umbrella' };
  }
  const stripped = name.replace(new RegExp(`^${SLACK_COMMAND_PREFIX}[-_]`), '');
  return { command: findCommand(stripped), name, text, style: stripped === name ? 'bare' : 'prefixed' };
}

/** "/incident" as the user should type it in this workspace. */
export function slackCommandName(core: string, style: InvocationStyle): string {
  if (style === 'umbrella') return `/${SLACK_COMMAND_PREFIX} ${core}`;
  if (style === 'prefixed') return `/${SLACK_COMMAND_PREFIX}-${core}`;
  return `/${core}`;
}

/**
 * Help, usage and error replies name the core commands ("/incident volt typhoon"). In Slack,
 * that could send the user to another app's /incident, so they are rewritten to the form the
 * user called. Answers (incident, actor, week) hold data and are left as they are.
 */
export function withSlackCommandNames(reply: Reply, style: InvocationStyle): Reply {
  if (style === 'bare' || !['help', 'usage', 'not-found', 'error'].includes(reply.kind)) return reply;
  const mention = /(^|[\s(“"'·:،])\/(incident|actor|week|help|subscribe|unsubscribe|subscriptions)\b/g;
  const rename = (text: string) => text.replace(mention, (_m, before: string, core: string) => before + slackCommandName(core, style));
  return {
    ...reply,
    title: rename(reply.title),
    description: reply.description === undefined ? undefined : rename(reply.description),
    fields: reply.fields.map((f) => ({ label: rename(f.label), lines: f.lines.map(rename) })),
  };
}
