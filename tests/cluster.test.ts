import { describe, expect, it } from 'vitest';
import { clusterLinkedPassages } from '../src/cluster/clusters.js';
import { linkPassages as linkArrays } from '../src/cluster/links.js';
import { referenceClusters } from '../src/cluster/reference.js';
import type { Passage } from '../src/document/passage.js';
import { seed } from './helpers.js';
import { docs } from './stages.js';

const wire = [
  'Rescuers pulled twelve survivors from the collapsed Marlow mine on Friday, officials said.',
  '"We will not rest until every miner is home," the mine chief, Ellen Voss, told reporters.',
  'The mine had been closed twice in the past decade over safety concerns raised by inspectors.',
].join('\n\n');
const outlet = [
  'Rescuers pulled fourteen survivors from the collapsed Marlow mine on Friday, officials said.',
  'Local football fans gathered in the town square to watch the evening match on a big screen.',
  '"We will not stop until every miner is home," the mine chief, Ellen Voss, told reporters.',
].join('\n\n');

/** The links as a list of pairs (the stage gives parallel arrays). */
function linkPassages(passages: readonly Passage[]): Array<{ a: number; b: number; score: number }> {
  const links = linkArrays(passages);
  return Array.from({ length: links.length }, (_, k) => ({ a: links.a[k]!, b: links.b[k]!, score: links.score[k]! }));
}

function story(texts: readonly string[]): Passage[] {
  return docs(texts.map((text, i) => ({ id: `d${i}`, text }))).flatMap((d) => d.passages);
}

describe('cluster', () => {
  describe('linkPassages', () => {
    it('should not link a title or list item to every sentence that names it, and still link a short sentence kept inside a longer one', () => {
      // PA's set list ("12. I Saw Her Standing There.") against a paper's sentence naming the song.
      const title = story(['I Saw Her Standing There.', 'The highlight was when he played I Saw Her Standing There, because it was the one I knew best.']);
      expect(linkPassages(title)).toEqual([]);
      const kept = story(['The jury retired to consider its verdicts this afternoon.', 'The jury retired to consider its verdicts this afternoon after a trial lasting two weeks at Nottingham Crown Court.']);
      expect(linkPassages(kept).map((l) => [l.a, l.b])).toEqual([[0, 1]]);
    });

    it('should link reworded copies of a wire sentence and nothing else', () => {
      const passages = story([wire, outlet]);
      const pairs = linkPassages(passages).map((l) => [l.a, l.b].sort((x, y) => x - y));
      // wire 0 ~ outlet 0 (index 3), wire 1 ~ outlet 2 (index 5); the football sentence and the
      // safety sentence link to nothing.
      expect(pairs.sort((x, y) => x[0]! - y[0]!)).toEqual([
        [0, 3],
        [1, 5],
      ]);
    });

    it('should not link a longer sentence to a short one only because it holds its three content words', () => {
      // Clough & Stevenson, g4pC_taskc (written without the source): both of its first sentences
      // hold "document", "represented" and "vector" of the source's seven-word sentence.
      const source = ['Vector space model is an algebraic model for representing text documents as vectors of identifiers.', 'A document is represented as a vector.', 'Each dimension corresponds to a separate term.'].join('\n\n');
      const answer = ['The basic idea is to represent each document as a vector of certain weighted word frequencies.', 'In order to do so, the following parsing and extraction steps are needed.'].join('\n\n');
      const passages = story([source, answer]);
      expect(linkPassages(passages).filter((l) => l.a === 1 || l.b === 1)).toEqual([]);
    });

    it('should link a reworded sentence that holds all four content words of a short wire sentence', () => {
      const passages = story(['Officers detained the driver near the border.', 'The driver was detained by officers close to the border crossing on Tuesday evening after a long chase through the town.']);
      expect(linkPassages(passages).map((l) => [l.a, l.b])).toEqual([[0, 1]]);
    });

    it('should keep market reports of other figures apart although a name holds a number', () => {
      // MSRP negatives: "Standard & Poor's 500" shares a number, the facts share none.
      const a = "The broad Standard & Poor's 500 Index gained 19.72 points, or 1.98 percent, to 1,015.69.";
      expect(linkPassages(story([a, "The broad Standard & Poor's 500 Index leapt 23.14 points, or 2.23 percent, to 1,046.79."]))).toEqual([]);
      // Two figures corrected beside two kept is a copy with number changes, not another fact.
      expect(linkPassages(story([a, "The broad Standard & Poor's 500 Index gained 19.72 points, or 2.1 percent, to 1,016.69."])).length).toBe(1);
    });

    it('should never link two passages of the same document', () => {
      const passages = story([wire + '\n\n' + wire.split('\n\n')[0]]);
      expect(linkPassages(passages).filter((l) => passages[l.a]!.doc === passages[l.b]!.doc)).toEqual([]);
    });
  });

  describe('linkPassages as outlets are added', () => {
    it('should keep linking a reworded lede when a third copy of the wire joins the story', () => {
      // A passage-level IDF made the lede's words common once three documents carried them, and
      // the posting cap dropped them: the first two stopped linking.
      for (const copies of [1, 2, 5]) {
        const passages = story([wire, outlet, ...Array.from({ length: copies - 1 }, () => wire.replace('twelve', 'a dozen'))]);
        const links = linkPassages(passages).map((l) => `${l.a}-${l.b}`);
        expect(links).toContain('0-3');
        expect(links).toContain('1-5');
      }
    });
  });

  describe('clusterLinkedPassages', () => {
    it('should cluster every copy of a wire sentence around one canonical member', () => {
      const passages = story([wire, outlet]);
      const clusters = clusterLinkedPassages(passages, linkArrays(passages));
      expect(clusters.map((c) => c.members).sort((x, y) => x[0]! - y[0]!)).toEqual([
        [0, 3],
        [1, 5],
      ]);
      for (const c of clusters) expect(c.members).toContain(c.canonical);
    });
  });

  describe('referenceClusters', () => {
    it('should make every reference passage a cluster with its own text as canonical', () => {
      const passages = story([wire, outlet]);
      const clusters = referenceClusters(passages, linkArrays(passages), [0]);
      expect(clusters.map((c) => c.canonical).slice(0, 3)).toEqual([0, 1, 2]);
      expect(clusters[0]!.members).toEqual([0, 3]);
      expect(clusters[2]!.members).toEqual([2]);
    });
  });

  describe('on the seeds', () => {
    it('should link the lede of 001 to the lede of 004 although they differ by in/against and building/growing', () => {
      const [a, b] = docs([seed('001'), seed('004')]);
      const passages = [...a!.passages, ...b!.passages];
      const lede = (d: typeof a) => d!.passages.findIndex((p) => /Azerbaijan/.test(d!.text.slice(p.start, p.end)) && p.words.length > 15);
      const la = lede(a);
      const lb = a!.passages.length + lede(b);
      expect(linkPassages(passages).some((l) => (l.a === la && l.b === lb) || (l.a === lb && l.b === la))).toBe(true);
    });
  });
});
