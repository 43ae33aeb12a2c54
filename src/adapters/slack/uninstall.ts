// What happens when a workspace removes the app (public distribution). Slack sends app_uninstalled
// (the app is gone, every token revoked) or tokens_revoked (the bot token, or only a user's);
// Bolt delivers both without authorize(), since the tokens no longer work. The installation and
// its tokens are deleted, and the workspace's digest subscriptions and alert channels are paused
// with a reason that says why, rather than failing every day until the failure count pauses them.
// Installing the app again and running the subscribe command resumes a subscription.
import type { App, Logger } from '@slack/bolt';
import type { DigestStore, FollowStore } from '../../store/storage.ts';
import type { InstallationSource, SlackInstallations } from './installations.ts';

export const UNINSTALLED_REASON = 'the ilzam app was uninstalled from this Slack workspace (or its bot token was revoked); install it again, then subscribe or follow again';

export function registerUninstall(app: App, installations: SlackInstallations, store: (DigestStore & FollowStore) | undefined): void {
  app.event('app_uninstalled', async ({ context, logger }) => {
    await forgetWorkspace(installations, store, sourceOf(context), logger);
  });
  app.event('tokens_revoked', async ({ event, context, logger }) => {
    const source = sourceOf(context);
    // We ask for no user scopes, but an installer's user token may still be stored by Bolt.
    if (event.tokens.bot?.length) await forgetWorkspace(installations, store, source, logger);
    else if (event.tokens.oauth?.length) await installations.removeUserToken(source);
  });
}

function sourceOf(context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): InstallationSource {
  return { teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall };
}

async function forgetWorkspace(installations: SlackInstallations, store: (DigestStore & FollowStore) | undefined, source: InstallationSource, logger: Logger): Promise<void> {
  await installations.remove(source);
  // An org-wide uninstall names no single workspace: its subscriptions pause through the
  // poster's "not installed" failures instead (PostError gone, counted towards pausing).
  if (!store || source.isEnterpriseInstall || !source.teamId) return;
  const team = source.teamId;
  await store.refresh();
  let paused = 0;
  for (const sub of store.listSubscriptions('slack')) {
    if (sub.workspace === team && !sub.paused && (await store.pauseSubscription(sub.id, UNINSTALLED_REASON))) paused++;
  }
  for (const channel of await store.listAlertChannels('slack')) {
    if (channel.workspace === team && !channel.paused && (await store.pauseAlertChannel('slack', channel.channel, UNINSTALLED_REASON))) paused++;
  }
  if (paused) logger.info(`paused ${paused} digest subscription(s) and alert channel(s) of Slack workspace ${team}: the app was uninstalled there`);
}
