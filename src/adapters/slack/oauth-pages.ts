// The pages a browser sees at the end of the install flow (public distribution): a thank-you
// that leads back to Slack, or a plain explanation of what went wrong and a link to start again.
// Bolt's own failure page shows only an error code. Nothing from the request is echoed except
// the workspace's id and name from Slack's answer, HTML-escaped; no token is ever shown.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Installation } from '@slack/bolt';
import { SLACK_INSTALL_PATH } from './config.ts';

// The error codes of @slack/oauth (its ErrorCode enum), spelled out so this file needs no import
// of the package's internals.
const MISSING_STATE = 'slack_oauth_missing_state';
const INVALID_STATE = 'slack_oauth_invalid_state';
const MISSING_CODE = 'slack_oauth_missing_code';
const AUTHORIZATION = 'slack_oauth_installer_authorization_error';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}

export function installSuccessPage(installation: Installation, _options: unknown, _req: IncomingMessage, res: ServerResponse): void {
  const team = installation.team;
  const where = team?.name ? `the Slack workspace <strong>${escapeHtml(team.name)}</strong>` : installation.enterprise?.name ? `the Slack organisation <strong>${escapeHtml(installation.enterprise.name)}</strong>` : 'your Slack workspace';
  const open = team?.id && /^[A-Z0-9]+$/.test(team.id) ? `<p><a href="https://app.slack.com/client/${team.id}">Open Slack</a> and type <code>/ilzam-help</code> to begin.</p>` : '<p>Open Slack and type <code>/ilzam-help</code> to begin.</p>';
  page(res, 200, 'ilzam is installed', `<p>ilzam is now installed in ${where}.</p>${open}`);
}

export function installFailurePage(error: { code?: string }, _options: unknown, _req: IncomingMessage, res: ServerResponse): void {
  const again = `<p><a href="${SLACK_INSTALL_PATH}">Start the installation again</a>.</p>`;
  switch (error.code) {
    case INVALID_STATE:
    case MISSING_STATE:
      page(res, 400, 'This install link is not valid', `<p>The link that brought you here has expired, was changed, or was started in another browser, so nothing was installed.</p>${again}`);
      return;
    case MISSING_CODE:
      page(res, 400, 'This install link is not valid', `<p>Slack did not send the approval this page needs, so nothing was installed.</p>${again}`);
      return;
    case AUTHORIZATION:
      page(res, 200, 'Installation cancelled', `<p>The installation was cancelled in Slack, so nothing was installed.</p>${again}`);
      return;
    default:
      page(res, 500, 'The installation did not finish', `<p>Slack did not complete the installation, so nothing was installed. Please try again in a minute.</p>${again}`);
  }
}
