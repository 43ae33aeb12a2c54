// The daily digest and instant alerts as the platform runner wires them: one state store, one
// SubscriptionService and one FollowService that the commands call (through the Bot's
// services), and one DigestScheduler and one AlertDispatcher fed with the posters of the
// platforms that did start. Those two are built last, because posters need logged-in clients;
// a /subscribe or /follow that arrives before that is saved, and start() finds it in the state.
import type { CoreConfig } from '../config.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import { DigestScheduler, SubscriptionService, type DigestLog, type DigestPoster, type DigestSchedulerOptions, type SchedulerClock } from '../digest/index.ts';
import { AlertDispatcher, type AlertDispatcherOptions } from '../digest/alerts.ts';
import { FollowService } from '../follow/follows.ts';
import { openStorage, type StorageConfig } from '../store/open.ts';
import type { Storage } from '../store/storage.ts';


export type DigestTuning = Pick<DigestSchedulerOptions, 'maxFailures' | 'maxAttempts' | 'concurrency' | 'spacingMs' | 'maxInlineWaitMs' | 'retryBaseMs' | 'maxSleepMs' | 'postTimeoutMs' | 'leaseMs' | 'recoverEveryMs'>;

export type AlertTuning = Pick<AlertDispatcherOptions, 'maxFailures' | 'maxAttempts' | 'spacingMs' | 'retryBaseMs' | 'pollMs' | 'windowMs' | 'postTimeoutMs' | 'leaseMs' | 'owner'>;

export interface DigestOptions {
  /** Tests move time by hand; default Node's clock. */
  clock?: Partial<SchedulerClock>;
  log?: DigestLog;
  tuning?: DigestTuning;
  alertTuning?: AlertTuning;
  /** An already open storage to use (startup shares one with the other services); default: open one from the config, and close it on stop. */
  storage?: Storage;
}

export interface Digest {
  readonly store: Storage;
  readonly service: SubscriptionService;
  /** /follow, /unfollow, /following. */
  readonly follows: FollowService;
  /** Undefined until start(). */
  readonly scheduler: DigestScheduler | undefined;
  /** Instant alerts; undefined until start(). */
  readonly alerts: AlertDispatcher | undefined;
  /** Builds the scheduler and the alert dispatcher with the running platforms' posters and starts them (catch-up included). Once. */
  start(posters: readonly DigestPoster[]): Promise<DigestScheduler>;
  /** Stops the scheduler and the alerts, waiting for the posts in flight, then lets pending state writes finish. */
  stop(): Promise<void>;
}

/** Opens the storage (its errors name the path or the database) and builds the service. */
export async function openDigest(kb: KnowledgeBase, config: Pick<CoreConfig, 'timeZone' | 'alertsPerHour'> & StorageConfig, opts: DigestOptions = {}): Promise<Digest> {
  const now = opts.clock?.now ?? (() => new Date());
  const store = opts.storage ?? (await openStorage(config, { now }));
  let scheduler: DigestScheduler | undefined;
  let alerts: AlertDispatcher | undefined;
  const follows = new FollowService({ store, alertsPerHour: config.alertsPerHour, log: opts.log });
  const service = new SubscriptionService({
    store,
    defaultZone: config.timeZone,
    now,
    // A new subscription's first slot may come before the scheduler's next wake-up.
    onChange: () => scheduler?.replan(),
    log: opts.log,
  });
  // Another instance added, removed or paused a subscription: plan again.
  const unwatch = store.watch((what) => {
    if (what === 'subscriptions') scheduler?.replan();
  });
  return {
    store,
    service,
    follows,
    get scheduler() {
      return scheduler;
    },
    get alerts() {
      return alerts;
    },
    async start(posters) {
      scheduler ??= new DigestScheduler({ store, kb, posters, clock: opts.clock, log: opts.log, exclusive: store.exclusive, ...opts.tuning });
      alerts ??= new AlertDispatcher({ store, kb, posters, clock: opts.clock, log: opts.log, maxPerHour: config.alertsPerHour, ...opts.alertTuning });
      await Promise.all([scheduler.start(), alerts.start()]);
      return scheduler;
    },
    async stop() {
      await Promise.all([scheduler?.stop(), alerts?.stop()]);
      unwatch();
      if (opts.storage) await store.flush();
      else await store.close();
    },
  };
}
