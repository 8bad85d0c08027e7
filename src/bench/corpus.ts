/**
 * A deterministic synthetic news corpus with known answers, for tests and benchmarks: wire
 * stories, and outlet copies that cut, add, reword (word swaps, spelling variants), merge and
 * split sentences, reorder paragraphs and wrap the text in site chrome; plus unrelated articles.
 * Every outlet sentence carries the wire sentences it derives from, so accuracy can be scored.
 */

import { splitMix32 } from '../shingle/hash.js';

/** What one sentence of a generated article is. */
export interface TruthSentence {
  /** The sentence text as it appears in the article. */
  text: string;
  /** Ids (`<story>:<index>`) of the wire sentences it derives from; empty for added text. */
  sources: string[];
  /** How it was made. */
  kind: 'verbatim' | 'reworded' | 'merged' | 'split' | 'added' | 'chrome';
}

/** A generated article and its answers. */
export interface GeneratedArticle {
  /** Article id. */
  id: string;
  /** Story it belongs to (`null` for an unrelated article). */
  story: string | null;
  /** Whether it is the wire copy itself. */
  wire: boolean;
  /** Outlet name. */
  outlet: string;
  /** Full text (chrome included). */
  text: string;
  /** Its sentences in order, with their sources. */
  sentences: TruthSentence[];
  /** Wire sentence ids of its story it does not carry. */
  cut: string[];
}

/** Options of {@link generateCorpus}. */
export interface CorpusOptions {
  /** Number of wire stories. */
  stories: number;
  /** Outlet copies per story. */
  outletsPerStory: number;
  /** Unrelated articles. */
  unrelated: number;
  /** Wire sentences per story. @default 24 */
  sentencesPerStory?: number;
  /** Seed. @default 1 */
  seed?: number;
  /** Include the wire copy itself among the articles. @default true */
  includeWire?: boolean;
}

const SYLLABLES = 'ba be bi bo bu ka ke ki ko ku da de di do du ra re ri ro ru sa se si so su ta te ti to tu na ne ni no nu la le li lo lu ma me mi mo mu va ve vi vo vu za ze zi zo zu'.split(' ');
const FUNCTION = 'the a of in on at to and said that with for from by after as was were has had its their it'.split(' ');
const OUTLETS = ['Daily Planet', 'Morning Star', 'Evening Post', 'City Herald', 'Valley News', 'Coast Times', 'Metro Wire', 'Sun Ledger'];
const CHROME_HEAD = ['Saturday, September 23, 2023', 'scattered clouds', '30°C / 30°C', 'News Trending', 'No Image', 'Skip to content'];
const CHROME_TAIL = ['By admin', 'Leave a Reply', 'Your email address will not be published. Required fields are marked *', 'arrow up', 'Share this:'];
const SPELLING: Array<[string, string]> = [
  ['defence', 'defense'],
  ['organised', 'organized'],
  ['neighbours', 'neighbors'],
  ['Turkey', 'Turkiye'],
];

type Rand = () => number;

function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function word(r: Rand): string {
  const n = 2 + Math.floor(r() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(r, SYLLABLES);
  return w;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(r: Rand, names: readonly string[], length: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const x = r();
    if (x < 0.12) words.push(pick(r, names));
    else if (x < 0.45) words.push(pick(r, FUNCTION));
    else if (x < 0.5) words.push(pick(r, SPELLING)[0]);
    else words.push(word(r));
  }
  words[0] = capitalise(words[0]!);
  return words;
}

function render(words: readonly string[]): string {
  return words.join(' ') + '.';
}

/**
 * Generates a corpus.
 *
 * @param options - Sizes and seed.
 * @returns Articles with their answers, wire copies first within each story.
 */
export function generateCorpus(options: CorpusOptions): GeneratedArticle[] {
  const r = (() => {
    const next = splitMix32(options.seed ?? 1);
    return () => next() / 0x100000000;
  })();
  const perStory = options.sentencesPerStory ?? 24;
  const out: GeneratedArticle[] = [];
  for (let s = 0; s < options.stories; s++) {
    const story = `st${s}`;
    const names = Array.from({ length: 4 }, () => capitalise(word(r)));
    const wire = Array.from({ length: perStory }, () => sentence(r, names, 14 + Math.floor(r() * 14)));
    const paragraphs: number[][] = [];
    for (let i = 0; i < wire.length; ) {
      const n = r() < 0.3 ? 2 : 1;
      paragraphs.push(Array.from({ length: Math.min(n, wire.length - i) }, (_, k) => i + k));
      i += n;
    }
    if (options.includeWire !== false) {
      out.push({
        id: `${story}-wire`,
        story,
        wire: true,
        outlet: 'AFP',
        text: paragraphs.map((p) => p.map((i) => render(wire[i]!)).join(' ')).join('\n\n'),
        sentences: wire.map((w, i) => ({ text: render(w), sources: [`${story}:${i}`], kind: 'verbatim' })),
        cut: [],
      });
    }
    for (let o = 0; o < options.outletsPerStory; o++) {
      out.push(outletCopy(r, story, o, wire, paragraphs, names));
    }
  }
  for (let u = 0; u < options.unrelated; u++) {
    const names = Array.from({ length: 4 }, () => capitalise(word(r)));
    const sentences = Array.from({ length: 10 + Math.floor(r() * 12) }, () => render(sentence(r, names, 14 + Math.floor(r() * 12))));
    out.push({
      id: `unrelated-${u}`,
      story: null,
      wire: false,
      outlet: pick(r, OUTLETS),
      text: sentences.join('\n\n'),
      sentences: sentences.map((text) => ({ text, sources: [], kind: 'added' })),
      cut: [],
    });
  }
  return out;
}

function outletCopy(r: Rand, story: string, o: number, wire: readonly string[][], paragraphs: readonly number[][], names: readonly string[]): GeneratedArticle {
  const outlet = OUTLETS[o % OUTLETS.length]!;
  const keepShare = 0.5 + r() * 0.5;
  let kept = paragraphs.filter((_, i) => i < 2 || r() < keepShare).map((p) => [...p]);
  // Reorder: swap two paragraphs after the lede.
  if (kept.length > 4 && r() < 0.5) {
    const a = 2 + Math.floor(r() * (kept.length - 2));
    const b = 2 + Math.floor(r() * (kept.length - 2));
    [kept[a], kept[b]] = [kept[b]!, kept[a]!];
  }
  const carried = new Set(kept.flat());
  const sentences: TruthSentence[] = [];
  const paras: string[] = [];
  const head = r() < 0.7 ? [pick(r, CHROME_HEAD)] : [];
  for (const h of head) {
    paras.push(h);
    sentences.push({ text: h, sources: [], kind: 'chrome' });
  }
  const id = (i: number): string => `${story}:${i}`;
  kept = kept.filter((p) => p.length > 0);
  for (const p of kept) {
    const parts: TruthSentence[] = [];
    for (let k = 0; k < p.length; k++) {
      const i = p[k]!;
      const words = [...wire[i]!];
      const x = r();
      if (x < 0.12 && k + 1 < p.length) {
        // Merge with the next sentence of the paragraph.
        const next = wire[p[k + 1]!]!;
        const merged = [...words, 'and', next[0]!.toLowerCase(), ...next.slice(1)];
        parts.push({ text: render(merged), sources: [id(i), id(p[k + 1]!)], kind: 'merged' });
        k++;
      } else if (x < 0.22 && words.length >= 16) {
        const cutAt = Math.floor(words.length / 2);
        parts.push({ text: render(words.slice(0, cutAt)), sources: [id(i)], kind: 'split' });
        parts.push({ text: render([capitalise(words[cutAt]!), ...words.slice(cutAt + 1)]), sources: [id(i)], kind: 'split' });
      } else if (x < 0.45) {
        // Reword: swap two or three words, or use the other spelling.
        const swaps = 2 + Math.floor(r() * 2);
        for (let t = 0; t < swaps; t++) {
          const at = 1 + Math.floor(r() * (words.length - 1));
          const variant = SPELLING.find(([uk]) => uk === words[at]);
          words[at] = variant !== undefined ? variant[1] : word(r);
        }
        parts.push({ text: render(words), sources: [id(i)], kind: 'reworded' });
      } else parts.push({ text: render(words), sources: [id(i)], kind: 'verbatim' });
    }
    paras.push(parts.map((x) => x.text).join(' '));
    sentences.push(...parts);
    if (r() < 0.15) {
      const added = render(sentence(r, names, 14 + Math.floor(r() * 10)));
      paras.push(added);
      sentences.push({ text: added, sources: [], kind: 'added' });
    }
  }
  if (r() < 0.6) {
    paras.push('(With AFP inputs)');
    sentences.push({ text: '(With AFP inputs)', sources: [], kind: 'chrome' });
  }
  for (const t of r() < 0.6 ? [pick(r, CHROME_TAIL)] : []) {
    paras.push(t);
    sentences.push({ text: t, sources: [], kind: 'chrome' });
  }
  return {
    id: `${story}-o${o}`,
    story,
    wire: false,
    outlet,
    text: paras.join('\n\n'),
    sentences,
    cut: wire.map((_, i) => i).filter((i) => !carried.has(i)).map(id),
  };
}
