import { describe, expect, it } from 'vitest';
import { compareStories, type StoryPart, type StoryTask } from '../src/compare.js';
import { partsInWorkers } from '../src/parallel/pool.js';
import { generateCorpus } from './fixtures/corpus.js';
import { seeds } from './helpers.js';

// The worker entry as built (npm test builds first).
const workerUrl = new URL('../dist/compare-worker.js', import.meta.url);

describe('stories in worker threads', () => {
  const input = [
    ...seeds(),
    ...generateCorpus({ stories: 10, outletsPerStory: 6, unrelated: 8, sentencesPerStory: 8, seed: 9, realistic: true, versions: 2 }).map((a) => ({ id: a.id, text: a.text })),
  ];

  it('should give the parts of one thread, in story order, from three workers', async () => {
    const local = [...compareStories(input).parts];
    const run = compareStories(input);
    const parts: StoryPart[] = [];
    for await (const part of partsInWorkers(run.tasks, run.context, 3, workerUrl)) parts.push(part);
    expect(parts.length).toBe(run.total);
    expect(JSON.stringify(parts)).toBe(JSON.stringify(local));
  });

  it("should fail with the worker's error, and stop its workers", async () => {
    const run = compareStories(input);
    const broken = (function* (): Generator<StoryTask> {
      let k = 0;
      for (const task of run.tasks) yield k++ === 3 ? { ...task, docs: [{ ...task.docs[0]!, article: { id: 'x', text: 42 as never } }] } : task;
    })();
    const read = async (): Promise<void> => {
      for await (const part of partsInWorkers(broken, run.context, 2, workerUrl)) void part;
    };
    await expect(read()).rejects.toThrow(/a comparison worker failed/);
  });
});
