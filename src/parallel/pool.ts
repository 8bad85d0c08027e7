/**
 * Stories compared in worker threads: the main thread groups the articles (compareStories), then
 * hands each story's task to the next free worker and gives the parts back in story order, so
 * the output is byte for byte that of one thread.
 */

import { Worker } from 'node:worker_threads';
import type { StoryContext, StoryPart, StoryTask } from '../compare.js';

/** Tasks kept in flight per worker (one running, one waiting). */
const DEPTH = 2;

/** Finished parts held per worker while an earlier part is still being made. */
const AHEAD = 8;

/**
 * Runs story tasks on `jobs` worker threads and yields their parts in task order.
 *
 * @param tasks - The tasks, in story order.
 * @param context - What they share (sent once to each worker).
 * @param jobs - Worker threads.
 * @param workerUrl - The worker entry (`compare-worker.js` beside the CLI).
 * @returns The parts, in task order.
 * @throws Error carrying a worker's failure.
 */
export async function* partsInWorkers(tasks: Iterator<StoryTask>, context: StoryContext, jobs: number, workerUrl: URL): AsyncGenerator<StoryPart> {
  const workers = Array.from({ length: jobs }, () => new Worker(workerUrl, { workerData: context }));
  const done = new Map<number, StoryPart>();
  const inFlight = workers.map(() => 0);
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let sent = 0;
  let exhausted = false;
  const send = (w: number): void => {
    // Parts waiting for an earlier one are bounded: a slow story never lets the rest pile up.
    while (!exhausted && inFlight[w]! < DEPTH && done.size < AHEAD * jobs) {
      const next = tasks.next();
      if (next.done === true) {
        exhausted = true;
        return;
      }
      inFlight[w]!++;
      workers[w]!.postMessage({ k: sent++, task: next.value });
    }
  };
  workers.forEach((worker, w) => {
    worker.on('message', (m: { k: number; part?: StoryPart; error?: string }) => {
      inFlight[w]!--;
      if (m.error !== undefined) failure ??= new Error(`a comparison worker failed: ${m.error}`);
      else done.set(m.k, m.part!);
      send(w);
      wake?.();
    });
    worker.on('error', (e) => {
      failure ??= e;
      wake?.();
    });
  });
  try {
    workers.forEach((_, w) => send(w));
    for (let k = 0; ; k++) {
      while (!done.has(k)) {
        if (failure !== null) throw failure;
        if (exhausted && k >= sent) return;
        await new Promise<void>((r) => (wake = r));
        wake = null;
      }
      const part = done.get(k)!;
      done.delete(k);
      workers.forEach((_, w) => send(w));
      yield part;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
