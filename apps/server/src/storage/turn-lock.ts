// A first-come, first-served lock: the single PGlite session serves one caller at a time (one
// statement, or one whole transaction). A caller may bound how long it waits for its turn.

export type Release = () => void;

export interface TurnLock {
  /** Resolves when it is the caller's turn; rejects with `onTimeout()` if that takes over `waitMs`. */
  acquire(waitMs?: number, onTimeout?: () => Error): Promise<Release>;
}

export function createTurnLock(): TurnLock {
  const waiting: Array<() => void> = [];
  let held = false;

  const grantNext = (): void => {
    const next = waiting.shift();
    if (next === undefined) held = false;
    else next();
  };
  const releaseOnce = (): Release => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      grantNext();
    };
  };

  return {
    acquire(waitMs, onTimeout = () => new Error('timed out waiting for a turn')) {
      if (!held) {
        held = true;
        return Promise.resolve(releaseOnce());
      }
      return new Promise<Release>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const grant = (): void => {
          clearTimeout(timer);
          resolve(releaseOnce());
        };
        waiting.push(grant);
        if (waitMs === undefined) return;
        timer = setTimeout(() => {
          const at = waiting.indexOf(grant);
          if (at >= 0) waiting.splice(at, 1);
          reject(onTimeout());
        }, waitMs);
      });
    },
  };
}
