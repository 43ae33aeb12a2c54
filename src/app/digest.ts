// The daily digest as the platform runner wires it: one state store, one SubscriptionService
// that the digest commands call (through the Bot's services), and one DigestScheduler fed with the posters of the
// platforms that did start. The scheduler is built last, because posters need logged-in
// clients; a /subscribe that arrives before that is saved, and start() finds it in the state.
import type { CoreConfig } from '../config.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import { DigestScheduler, SubscriptionService, type DigestLog, type DigestPoster, type DigestSchedulerOptions, type SchedulerClock } from '../digest/index.ts';
import { openStateStore, type StateStore } from '../store/state-store.ts';


export type DigestTuning = Pick<DigestSchedulerOptions, 'maxFailures' | 'maxAttempts' | 'concurrency' | 'spacingMs' | 'maxInlineWaitMs' | 'retryBaseMs' | 'maxSleepMs' | 'postTimeoutMs'>;

export interface DigestOptions {
  /** Tests move time by hand; default Node's clock. */
  clock?: Partial<SchedulerClock>;
  log?: DigestLog;
  tuning?: DigestTuning;
}

export interface Digest {
  readonly store: StateStore;
  readonly service: SubscriptionService;
  /** Undefined until start(). */
  readonly scheduler: DigestScheduler | undefined;
  /** Builds the scheduler with the running platforms' posters and starts it (catch-up included). Once. */
  start(posters: readonly DigestPoster[]): Promise<DigestScheduler>;
  /** Stops the scheduler, waiting for the post in flight, then lets pending state writes finish. */
  stop(): Promise<void>;
}

/** Opens the state store (StateDirError / StateValidationError name the path) and builds the service. */
export async function openDigest(kb: KnowledgeBase, config: Pick<CoreConfig, 'timeZone' | 'stateDir'>, opts: DigestOptions = {}): Promise<Digest> {
  const now = opts.clock?.now ?? (() => new Date());
  const store = await openStateStore({ dir: config.stateDir, now });
  let scheduler: DigestScheduler | undefined;
  const service = new SubscriptionService({
    store,
    defaultZone: config.timeZone,
    now,
    // A new subscription's first slot may come before the scheduler's next wake-up.
    onChange: () => scheduler?.replan(),
    log: opts.log,
  });
  return {
    store,
    service,
    get scheduler() {
      return scheduler;
    },
    async start(posters) {
      scheduler ??= new DigestScheduler({ store, kb, posters, clock: opts.clock, log: opts.log, ...opts.tuning });
      await scheduler.start();
      return scheduler;
    },
    async stop() {
      await scheduler?.stop();
      await store.flush();
    },
  };
}
