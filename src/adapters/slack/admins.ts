// Who may manage the daily digest on Slack: workspace admins and owners, as users.info says
// (it needs the users:read scope), and the user ids in SLACK_DIGEST_ADMINS, which work without
// it. Asked afresh on every command, so a demoted admin loses access at once.
import type { Logger, webApi } from '@slack/bolt';
import { describeSlackError } from './errors.ts';

// In public distribution the client is the asking workspace's (its bot token): users.info only
// answers for users of the token's own workspace.
export function slackAdminCheck(client: webApi.WebClient | (() => webApi.WebClient), admins: readonly string[], logger: Logger): (user: string) => Promise<boolean> {
  const listed = new Set(admins);
  return async (user) => {
    if (listed.has(user)) return true;
    try {
      const { user: info } = await (typeof client === 'function' ? client() : client).users.info({ user });
      return Boolean(info?.is_admin || info?.is_owner || info?.is_primary_owner);
    } catch (err) {
      // Refusing is the safe answer when Slack cannot tell us; the log says how to fix it.
      const { error } = describeSlackError(err);
      const hint = error === 'missing_scope' ? ': add the users:read scope (manifest.json) and reinstall the app, or list admins in SLACK_DIGEST_ADMINS' : '';
      logger.warn(`users.info for ${user} failed (${error}), so they are not treated as an admin${hint}`);
      return false;
    }
  };
}
