// Slack installations for public distribution, kept in ilzam's storage (the state file or
// PostgreSQL) under the team's id "T…", or the enterprise's "E…" for an org-wide install. Bolt's OAuth flow
// saves one here when a workspace installs the app, and its authorize() reads it back for every
// request, so each workspace's requests run with that workspace's own bot token. The digest and
// alert posters read it too (botTokenOf), and uninstalling deletes it.
//
// A record is Bolt's Installation as JSON; the storage does not interpret it, so it is checked
// here on the way out. Nothing in this file logs a token.
import type { Installation, InstallationQuery, InstallationStore as BoltInstallationStore, Logger } from '@slack/bolt';
import type { InstallationStore } from '../../store/storage.ts';

/** No installation for a workspace: the app was never installed there, or was uninstalled. */
export class NotInstalledError extends Error {
  override name = 'NotInstalledError';
  constructor(readonly key: string) {
    super(`ilzam is not installed in Slack ${key.startsWith('E') ? 'organisation' : 'workspace'} ${key}`);
  }
}

export interface InstallationSource {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

/**
 * The storage key of an installation or a query: the enterprise for an org-wide install, else the
 * team. Slack's ids carry their kind in their first letter (T0123…, E0456…), so the key is the
 * id itself; an id without it gets the letter in front, so a key always says what it names.
 */
export function installationKey(source: InstallationSource): string | undefined {
  if (source.isEnterpriseInstall && source.enterpriseId) return keyOf('E', source.enterpriseId);
  return source.teamId ? keyOf('T', source.teamId) : undefined;
}

function keyOf(kind: 'T' | 'E', id: string): string {
  return id.startsWith(kind) ? id : `${kind}${id}`;
}

/**
 * A workspace of an org-wide install has no record of its own; a small pointer under its team
 * key says which enterprise's installation serves it, so the poster (which knows only the
 * subscription's workspace) finds the token. A real team install written later replaces it.
 */
interface EnterprisePointer {
  servedBy: string;
}

function isPointer(value: unknown): value is EnterprisePointer {
  return typeof (value as EnterprisePointer | undefined)?.servedBy === 'string';
}

function isInstallation(value: unknown): value is Installation {
  const bot = (value as { bot?: { token?: unknown } } | undefined)?.bot;
  return typeof bot?.token === 'string' && bot.token.length > 0;
}

export class SlackInstallations {
  /** Keys already reported as not installed, so a workspace that keeps sending is logged once. */
  readonly #reported = new Set<string>();
  /** Teams whose pointer to their enterprise is already written (this process). */
  readonly #pointed = new Set<string>();

  constructor(
    private readonly store: InstallationStore,
    private readonly logger: Logger,
  ) {}

  /** Bolt's view: what its OAuth flow saves and its authorize() reads. */
  boltStore(): BoltInstallationStore {
    return {
      storeInstallation: async (installation) => this.save(installation),
      fetchInstallation: async (query) => this.fetch(query),
      deleteInstallation: async (query) => {
        await this.remove(query);
      },
    };
  }

  async save(installation: Installation): Promise<void> {
    const key = installationKey({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall });
    if (!key) throw new Error('Slack sent an installation without a team or an enterprise id');
    // Through JSON: Bolt leaves undefined fields in, which a JSON store cannot hold.
    await this.store.saveInstallation(key, JSON.parse(JSON.stringify(installation)));
    this.#reported.delete(key);
    this.logger.info(`installed in ${describeKey(key)}${installation.team?.name ? ` (${installation.team.name})` : ''}`);
  }

  /** The installation for a request; throws NotInstalledError (logged once per workspace) when there is none. */
  async fetch(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = installationKey(query);
    if (!key) throw new Error('a Slack request named neither a team nor an enterprise');
    const found = await this.#read(key);
    if (found) {
      if (query.isEnterpriseInstall && query.teamId) void this.#pointTeam(query.teamId, key);
      return found;
    }
    if (!this.#reported.has(key)) {
      this.#reported.add(key);
      this.logger.warn(`ignored a request from ${describeKey(key)}: ilzam is not installed there (uninstalled, or never installed); later ones are ignored without a log line`);
    }
    throw new NotInstalledError(key);
  }

  /** The bot token that serves a workspace (its own install, or its organisation's); undefined if none. */
  async botTokenOf(team: string): Promise<string | undefined> {
    return (await this.#read(keyOf('T', team)))?.bot?.token;
  }

  /** Forgets an installation and its tokens; resolves with the key removed. */
  async remove(source: InstallationSource): Promise<string | undefined> {
    const key = installationKey(source);
    if (!key) return undefined;
    await this.store.deleteInstallation(key);
    this.logger.info(`removed the installation of ${describeKey(key)} and its tokens`);
    return key;
  }

  /** Drops the installing user's token (tokens_revoked for users only); the bot token stays. */
  async removeUserToken(source: InstallationSource): Promise<void> {
    const key = installationKey(source);
    const stored = key ? await this.store.fetchInstallation(key) : undefined;
    if (!key || !isInstallation(stored) || !stored.user?.token) return;
    const { token: _token, refreshToken: _refresh, expiresAt: _expires, ...user } = stored.user;
    await this.store.saveInstallation(key, { ...stored, user });
    this.logger.info(`removed a revoked user token from the installation of ${describeKey(key)}`);
  }

  async #read(key: string, depth = 0): Promise<Installation | undefined> {
    const value = await this.store.fetchInstallation(key);
    if (isPointer(value) && depth === 0 && value.servedBy.startsWith('E')) return this.#read(value.servedBy, 1);
    if (value === undefined || isPointer(value)) return undefined;
    if (isInstallation(value)) return value;
    this.logger.warn(`the stored installation of ${describeKey(key)} has no bot token; treating it as not installed`);
    return undefined;
  }

  async #pointTeam(team: string, enterpriseKey: string): Promise<void> {
    if (this.#pointed.has(team)) return;
    this.#pointed.add(team);
    try {
      const key = keyOf('T', team);
      const existing = await this.store.fetchInstallation(key);
      if (existing === undefined || (isPointer(existing) && existing.servedBy !== enterpriseKey)) await this.store.saveInstallation(key, { servedBy: enterpriseKey } satisfies EnterprisePointer);
    } catch (err) {
      this.#pointed.delete(team);
      this.logger.warn(`could not record that ${enterpriseKey} serves workspace ${team}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function describeKey(key: string): string {
  return key.startsWith('E') ? `Slack organisation ${key}` : `Slack workspace ${key}`;
}
