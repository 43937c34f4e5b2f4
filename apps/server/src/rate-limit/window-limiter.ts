// Fixed-window request counting that never waits on the database for a decision. Each process
// counts the hits it admits in memory; a HitStore (PostgreSQL) adds them to shared counters every
// `syncIntervalMs` and returns the totals of every process, which the next decisions use. With no
// store (PGlite: one process) the counts in memory are the whole truth.
//
// Between two syncs a process only knows the others' hits up to the last one, so all processes
// together can admit a little more than the limit: at most what the others admit during one sync
// interval (plus one round trip).

/** Hits to add to one bucket's window; the store answers with the shared total after adding. */
export interface WindowHits {
  bucket: string;
  windowStart: number;
  hits: number;
}

export interface HitStore {
  /** Adds every row's hits and returns the shared totals of those rows. */
  add(rows: readonly WindowHits[]): Promise<WindowHits[]>;
  /** Forgets windows that started before `windowStart`. */
  deleteBefore(windowStart: number): Promise<void>;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in this window after this one (0 when refused). */
  remaining: number;
  /** Whole seconds until the window ends (at least 1). */
  resetSeconds: number;
  windowSeconds: number;
}

export interface WindowLimiterOptions {
  windowMs?: number;
  store?: HitStore;
  syncIntervalMs?: number;
  /** Buckets kept in memory; past it the oldest is forgotten (its unsynced hits with it). */
  maxBuckets?: number;
  now?: () => number;
  /** Called when a sync fails; the hits are kept and sent with the next one. */
  onSyncError?: (err: unknown) => void;
}

interface BucketCount {
  windowStart: number;
  /** The shared total at the last sync (this process's synced hits included). */
  shared: number;
  /** Admitted here and being sent by the sync in flight. */
  sending: number;
  /** Admitted here since, not sent yet. */
  unsent: number;
}

const MAX_ROWS_PER_SYNC = 10_000;

export class WindowLimiter {
  readonly windowMs: number;
  private readonly store: HitStore | undefined;
  private readonly syncIntervalMs: number;
  private readonly maxBuckets: number;
  private readonly now: () => number;
  private readonly onSyncError: (err: unknown) => void;
  private readonly counts = new Map<string, BucketCount>();
  private readonly unsent = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | undefined;
  private currentWindow = 0;
  /** Windows before this one are still to be deleted from the store. */
  private deleteStoreBefore = 0;
  private closed = false;

  constructor(opts: WindowLimiterOptions = {}) {
    this.windowMs = opts.windowMs ?? 60_000;
    this.store = opts.store;
    this.syncIntervalMs = opts.syncIntervalMs ?? 200;
    this.maxBuckets = opts.maxBuckets ?? 200_000;
    this.now = opts.now ?? Date.now;
    this.onSyncError = opts.onSyncError ?? (() => {});
  }

  /** Counts one request against `bucket` if it is under `limit` in the current window. */
  take(bucket: string, limit: number): RateLimitDecision {
    const now = this.now();
    const windowStart = now - (now % this.windowMs);
    const resetSeconds = Math.max(1, Math.ceil((windowStart + this.windowMs - now) / 1000));
    const windowSeconds = Math.ceil(this.windowMs / 1000);
    if (windowStart !== this.currentWindow) this.startWindow(windowStart);
    let count = this.counts.get(bucket);
    if (count === undefined || count.windowStart !== windowStart) {
      // A finished window's unsent hits (the last sync interval's) no longer matter.
      count = { windowStart, shared: 0, sending: 0, unsent: 0 };
      this.remember(bucket, count);
    }
    const used = count.shared + count.sending + count.unsent;
    if (used >= limit) return { allowed: false, limit, remaining: 0, resetSeconds, windowSeconds };
    count.unsent += 1;
    if (this.store !== undefined) {
      this.unsent.add(bucket);
      this.scheduleSync();
    }
    return { allowed: true, limit, remaining: limit - used - 1, resetSeconds, windowSeconds };
  }

  /** Sends the unsent hits now and waits for the shared totals (tests; shutdown). */
  async sync(): Promise<void> {
    while (this.syncing !== undefined) {
      await this.syncing.catch(() => {
        // the caller that started it reports the failure
      });
    }
    if (this.store === undefined || this.unsent.size === 0) return;
    this.syncing = this.sendUnsent(this.store).finally(() => {
      this.syncing = undefined;
    });
    await this.syncing;
  }

  /** Stops the timer; a sync in flight finishes. */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Buckets counted in memory (tests: the map stays bounded). */
  get bucketCount(): number {
    return this.counts.size;
  }

  /**
   * Every count in memory belongs to a finished window once a new one starts: forget them all (the
   * last sync interval's unsent hits of the old window no longer matter); the next sync drops the
   * finished windows from the store.
   */
  private startWindow(windowStart: number): void {
    if (windowStart < this.currentWindow) return; // the clock stepped back: keep counting
    this.currentWindow = windowStart;
    this.counts.clear();
    this.unsent.clear();
    this.deleteStoreBefore = windowStart;
  }

  private remember(bucket: string, count: BucketCount): void {
    if (this.counts.size >= this.maxBuckets) {
      const oldest = this.counts.keys().next();
      if (oldest.done !== true) {
        this.counts.delete(oldest.value);
        this.unsent.delete(oldest.value);
      }
    }
    this.counts.set(bucket, count);
  }

  private scheduleSync(): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sync().then(
        () => {
          if (this.unsent.size > 0) this.scheduleSync();
        },
        (err: unknown) => {
          this.onSyncError(err);
          if (this.unsent.size > 0) this.scheduleSync();
        },
      );
    }, this.syncIntervalMs);
    this.timer.unref();
  }

  private async sendUnsent(store: HitStore): Promise<void> {
    const batch: [string, BucketCount][] = [];
    for (const bucket of this.unsent) {
      const count = this.counts.get(bucket);
      this.unsent.delete(bucket);
      if (count === undefined || count.unsent === 0) continue;
      count.sending = count.unsent;
      count.unsent = 0;
      batch.push([bucket, count]);
      if (batch.length >= MAX_ROWS_PER_SYNC) break;
    }
    if (batch.length === 0) return;
    // One lock order for every process: concurrent upserts of the same rows cannot deadlock.
    batch.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let totals: WindowHits[];
    try {
      totals = await store.add(batch.map(([bucket, c]) => ({ bucket, windowStart: c.windowStart, hits: c.sending })));
    } catch (err) {
      for (const [bucket, count] of batch) {
        count.unsent += count.sending;
        count.sending = 0;
        if (this.counts.get(bucket) === count) this.unsent.add(bucket);
      }
      throw err;
    }
    const byBucket = new Map(totals.map((t) => [`${t.bucket}\n${t.windowStart}`, t.hits]));
    for (const [bucket, count] of batch) {
      const total = byBucket.get(`${bucket}\n${count.windowStart}`);
      count.shared = Math.max(count.shared + count.sending, total ?? 0);
      count.sending = 0;
    }
    if (this.deleteStoreBefore > 0) {
      const before = this.deleteStoreBefore;
      this.deleteStoreBefore = 0;
      await store.deleteBefore(before);
    }
  }
}
