import { describe, expect, it } from 'vitest';
import { documentTrigrams } from '../src/document/document.js';
import { createLshIndex } from '../src/lsh/lsh.js';
import { computeMinHash } from '../src/minhash/minhash.js';
import { defaultStoryOptions, groupStories, sameStory, storyBuckets } from '../src/stories/stories.js';
import { generateCorpus } from './fixtures/corpus.js';
import { seeds } from './helpers.js';
import { docs } from './stages.js';

describe('stories', () => {
  describe('groupStories', () => {
    it('should put the four outlets that carry the AFP story together and leave the unrelated one alone', () => {
      const all = seeds();
      const groups = groupStories(docs(all).map(documentTrigrams));
      const byId = groups.map((g) => g.map((i) => all[i]!.id.slice(0, 3)));
      expect(byId).toEqual([['000', '001', '002', '004'], ['003']]);
    });

    it('should give the same stories through the LSH index (over 32 articles) as by checking every pair', () => {
      const gen = generateCorpus({ stories: 6, outletsPerStory: 5, unrelated: 10, sentencesPerStory: 20, seed: 3 });
      const sets = docs(gen.map((a) => ({ id: a.id, text: a.text }))).map(documentTrigrams);
      expect(sets.length).toBeGreaterThan(32);
      const viaIndex = groupStories(sets);
      // Every pair, by the same test the index verifies with.
      const exact: number[][] = [];
      const parent = sets.map((_, i) => i);
      const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
      for (let i = 0; i < sets.length; i++)
        for (let j = 0; j < i; j++) if (sets[i]!.length > 0 && sets[j]!.length > 0 && sameStory(sets[i]!, sets[j]!, defaultStoryOptions)) parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
      const groups = new Map<number, number[]>();
      sets.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
      exact.push(...[...groups.values()].sort((x, y) => x[0]! - y[0]!));
      expect(viaIndex).toEqual(exact);
      // And they are the generated stories.
      const truth = gen.map((a) => a.story ?? a.id);
      for (const g of viaIndex) expect(new Set(g.map((i) => truth[i])).size).toBe(1);
    });
  });

  describe('sameStory', () => {
    it('should need both enough shared trigrams and enough containment', () => {
      const a = Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const b = Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 20, 21]);
      expect(sameStory(a, b, { minShared: 8, minContainment: 0.5 })).toBe(true);
      expect(sameStory(a, b, { minShared: 9, minContainment: 0.5 })).toBe(false);
      expect(sameStory(a, b, { minShared: 8, minContainment: 0.9 })).toBe(false);
    });
  });

  describe('storyBuckets', () => {
    it('should give the buckets the story LSH index files a document under (the feed stores these)', () => {
      const [set] = docs(seeds().slice(1, 2)).map(documentTrigrams);
      const index = createLshIndex({ threshold: defaultStoryOptions.threshold, scheme: 'oph' });
      index.insert('a', computeMinHash(set!, { scheme: 'oph' }));
      const entry = index.toJSON().entries[0]!;
      expect(Array.from(storyBuckets(set!))).toEqual(entry[1]);
    });
  });
});
