import { describe, expect, it } from 'vitest';
import { clusterLinkedPassages } from '../src/cluster/clusters.js';
import { contentIdf, defaultLinkOptions, isStrongLink, isWeakLink, linkPassages as linkArrays, scorePair } from '../src/cluster/links.js';
import { referenceClusters } from '../src/cluster/reference.js';
import type { Passage } from '../src/document/passage.js';
import { seed, seeds } from './helpers.js';
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

  describe('linkPassages on exact copies', () => {
    /** Every pair scored on its own, weak links kept beside a strong link between neighbours. */
    function everyPair(passages: readonly Passage[]): Array<{ a: number; b: number; score: number }> {
      const o = defaultLinkOptions;
      const idf = contentIdf(passages);
      const documents = new Set(passages.map((p) => p.doc)).size;
      const maxPosting = Math.max(2, 2 * documents, Math.floor(passages.length * o.maxPostingShare));
      const carriers = new Map<string, number>();
      for (const p of passages) for (const w of p.content) carriers.set(w, (carriers.get(w) ?? 0) + 1);
      const candidate = (p: Passage, q: Passage): boolean => [...p.content].some((w) => q.content.has(w) && carriers.get(w)! <= maxPosting);
      const strong = new Map<string, number>();
      const weak: Array<{ a: number; b: number; score: number }> = [];
      for (let i = 0; i < passages.length; i++)
        for (let j = i + 1; j < passages.length; j++) {
          if (!candidate(passages[i]!, passages[j]!)) continue;
          const l = scorePair(passages[i]!, passages[j]!, idf, i, j);
          if (isStrongLink(l, o)) strong.set(`${i}:${j}`, l.score);
          else if (isWeakLink(l)) weak.push({ a: i, b: j, score: l.score });
        }
      const at = (i: number, step: number): number | undefined => {
        const k = passages.findIndex((p) => p.doc === passages[i]!.doc && p.index === passages[i]!.index + step);
        return k < 0 ? undefined : k;
      };
      const strongPair = (x?: number, y?: number): boolean => x !== undefined && y !== undefined && strong.has(x < y ? `${x}:${y}` : `${y}:${x}`);
      const supported = weak.filter((l) => [-1, 1].some((s) => [-1, 1].some((t) => strongPair(at(l.a, s), at(l.b, t)))));
      return [...[...strong].map(([k, score]) => ({ a: Number(k.split(':')[0]), b: Number(k.split(':')[1]), score })), ...supported].sort((x, y) => x.a - y.a || x.b - y.b);
    }

    it('should give every pair of passages the links scoring each pair on its own gives, copies or not', () => {
      // Outlets that reprint the wire whole, cut a sentence (so a copy's neighbours differ) or
      // reword one, and the seeds (reworded copies, a clause kept inside a merged sentence).
      const lines = wire.split('\n\n');
      const texts = [wire, wire, outlet, [lines[0], lines[2]].join('\n\n'), wire.replace('twelve', 'a dozen'), [lines[1], lines[0], lines[2]].join('\n\n'), wire];
      for (const passages of [story(texts), docs(seeds()).flatMap((d) => d.passages)]) {
        expect(linkPassages(passages)).toEqual(everyPair(passages));
        expect(linkPassages(passages).length).toBeGreaterThan(10);
      }
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
