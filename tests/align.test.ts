import { describe, expect, it } from 'vitest';
import { consensusOrder, longestIncreasing } from '../src/align/order.js';
import { alignStory } from '../src/align/story.js';
import type { Passage } from '../src/document/passage.js';
import { seed } from './helpers.js';
import { docs } from './stages.js';

const settings = { agency: 'AFP', referenceIndices: [] as number[], creditedWireShare: 0.5, reprintShare: 0.8, lowerSeen: new Set<string>() };

describe('align', () => {
  describe('alignStory', () => {
    it('should make the sentences 001 and 004 share wire passages, numbered in wire order', () => {
      const story = docs([seed('001'), seed('004')]);
      const a = alignStory('s1', story, settings);
      const wire = a.clusters.filter((c) => c.wire);
      expect(wire.length).toBeGreaterThan(10);
      expect(wire.map((c) => c.id)).toEqual(wire.map((_, k) => `s1.w${k + 1}`));
      expect(wire.map((c) => c.position)).toEqual(wire.map((_, k) => k));
      // 001 credits AFP and is a reprint: its sentences only it carries are wire copy too.
      expect(wire.some((c) => c.basis === 'credited')).toBe(true);
      expect(wire.filter((c) => c.basis === 'shared').length).toBeGreaterThanOrEqual(10);
      expect(a.wireIds).toEqual(wire.map((c) => c.id));
    });

    it('should diff every wire member that is not its canonical text', () => {
      const story = docs([seed('001'), seed('004')]);
      const a = alignStory('s1', story, settings);
      for (const c of a.clusters.filter((x) => x.wire))
        for (const m of c.members) {
          const d = a.diffs.get(m)!;
          expect(d).toBeDefined();
          if (m === c.canonical) expect(d.verbatim).toBe(true);
        }
    });

    it('should take the reference passages as the wire, in the reference order', () => {
      const story = docs([seed('001'), seed('004')]);
      const a = alignStory('s1', story, { ...settings, referenceIndices: [0] });
      const wire = a.clusters.filter((c) => c.wire);
      expect(wire.every((c) => c.basis === 'reference')).toBe(true);
      expect(wire.map((c) => a.passages[c.canonical]!.index)).toEqual([...wire.map((c) => a.passages[c.canonical]!.index)].sort((x, y) => x - y));
      expect(wire).toHaveLength(story[0]!.passages.length);
    });
  });

  describe('consensusOrder', () => {
    const p = (doc: number, index: number): Passage => ({ doc, index, start: 0, end: 0, paragraph: 0, words: [], trigrams: new Uint32Array(), content: [] }) as unknown as Passage;
    it('should follow the most complete outlet and insert the others’ passages after their predecessor', () => {
      // doc 0 carries A B D; doc 1 carries B C D: C goes after B.
      const passages = [p(0, 0), p(0, 1), p(0, 2), p(1, 0), p(1, 1), p(1, 2)];
      const raw = [
        { members: [0], canonical: 0 }, // A
        { members: [1, 3], canonical: 1 }, // B
        { members: [4], canonical: 4 }, // C
        { members: [2, 5], canonical: 2 }, // D
      ];
      expect(consensusOrder(raw, [true, true, true, true], passages)).toEqual([0, 1, 2, 3]);
    });
  });

  describe('longestIncreasing', () => {
    it('should keep the longest run in wire order; the rest are the moved passages', () => {
      expect([...longestIncreasing([0, 1, 5, 2, 3, 4])].sort()).toEqual([0, 1, 3, 4, 5]);
      expect(longestIncreasing([])).toEqual(new Set());
    });
  });
});
