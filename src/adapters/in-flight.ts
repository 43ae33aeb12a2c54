// Work that has been acknowledged but not yet answered. Stopping waits for it (for a while), so
// a shutdown right after a slash command does not swallow the answer.
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** Starts work and tracks it until it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    this.pending.add(promise);
    try {
      return await promise;
    } finally {
      this.pending.delete(promise);
    }
  }

  /** Resolves when everything pending has settled, or after timeoutMs, whichever is first. */
  async drain(timeoutMs: number): Promise<void> {
    if (!this.pending.size) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.pending]).then(() => undefined), timeout]);
    clearTimeout(timer);
  }
}
