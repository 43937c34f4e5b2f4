// autocannon with an honest clock: with `amount`, autocannon notices the last response only at
// its next one-second tick, so its own duration overstates a run by up to a second (7% of a
// 14-second run); the time from the start to the last response does not.
import autocannon, { type Options, type Result } from 'autocannon';

export interface LoadRun {
  result: Result;
  /** From the first request to the last response. */
  seconds: number;
  /** 2xx responses per second over `seconds`. */
  acknowledgedPerSecond: number;
}

export async function runLoad(options: Options): Promise<LoadRun> {
  const startedAt = performance.now();
  let lastResponseAt = startedAt;
  const result = await new Promise<Result>((resolve, reject) => {
    autocannon(options, (err, res) => (err === null ? resolve(res) : reject(err))).on('response', () => {
      lastResponseAt = performance.now();
    });
  });
  const seconds = (lastResponseAt - startedAt) / 1000;
  return { result, seconds, acknowledgedPerSecond: result['2xx'] / seconds };
}
