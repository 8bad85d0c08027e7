/**
 * A worker thread of `wiretrace compare --jobs N`: it receives story tasks (plain data) and
 * answers each with its part of the report, made by the same function as on the main thread.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { runStoryTask, type StoryContext, type StoryTask } from '../compare.js';

const context = workerData as StoryContext;
parentPort!.on('message', (message: { k: number; task: StoryTask }) => {
  try {
    parentPort!.postMessage({ k: message.k, part: runStoryTask(message.task, context) });
  } catch (e) {
    parentPort!.postMessage({ k: message.k, error: (e as Error).stack ?? String(e) });
  }
});
