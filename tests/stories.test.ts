import { describe, expect, it } from 'vitest';
import { documentTrigrams } from '../src/document/document.js';
import { createLshIndex } from '../src/lsh/lsh.js';
import { computeMinHash } from '../src/minhash/minhash.js';
import { defaultStoryOptions, groupStories, sameStory, storyBuckets } from '../src/stories/stories.js';
import { generateCorpus } from './fixtures/corpus.js';
import { compareArticles } from '../src/index.js';
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

describe('stories on text that is not wire', () => {
  // Two wire stories, eleven copies each; the agency's takes and some reprints of both carry the
  // same stock block (a byline, a sign-off, house lines), as METER's PA copy does.
  const stock =
    '\n\nBy Brian Farmer, PA News\n\nThe case continues.\n\nFollow us on Twitter for the latest news and sign up for our daily newsletter today.\n\nThis story has been updated with more details from the court hearing this afternoon.';
  const gen = generateCorpus({ stories: 2, outletsPerStory: 10, unrelated: 0, sentencesPerStory: 14, seed: 11 });
  const articles = gen.map((a, i) => ({ id: a.id, text: i % 11 < 6 ? a.text + stock : a.text }));

  it('should not let a shared byline, sign-off and stock lines glue two stories', () => {
    const groups = groupStories(docs(articles).map(documentTrigrams));
    const truth = gen.map((a) => a.story);
    expect(groups).toHaveLength(2);
    for (const g of groups) expect(new Set(g.map((i) => truth[i])).size).toBe(1);
  });

  it("should not let a house paragraph with words of its own (a paper's name, its town) glue the two stories of a small folder", () => {
    // Its rare words are carried by exactly the articles that carry it: they are the block itself,
    // not agreement beside it (before: 5 articles of 2 stories came out as one story).
    const house = 'The Riverside Gazette is an independent newspaper owned by its readers since 1921, printed every morning in Millbrook and delivered to homes across the valley by our own carriers.';
    const small = generateCorpus({ stories: 2, outletsPerStory: 4, unrelated: 0, sentencesPerStory: 10, seed: 77, realistic: true });
    const picked = ['st0-o0', 'st0-o1', 'st0-o3', 'st1-o0', 'st1-o2'].map((id) => small.find((a) => a.id === id)!);
    const dressed = picked.map((a) => ({ id: a.id, text: `${a.text}\n\n${house}` }));
    const stories = compareArticles(dressed).stories.map((st) => st.documents);
    expect(stories).toEqual([picked.filter((a) => a.story === 'st0').map((a) => a.id).sort(), picked.filter((a) => a.story === 'st1').map((a) => a.id).sort()]);
    const doc = compareArticles(dressed).documents[0]!;
    expect(doc.segments.some((x) => x.kind === 'boilerplate' && x.reason === 'stock')).toBe(true);
    // Dated inside one window, its names and figures are no agreement either (before: one story,
    // joined on the house line's rare words as if they were the story's names).
    const sameDay = dressed.map((a) => ({ ...a, publishedAt: '2023-09-20T12:00:00Z' }));
    expect(compareArticles(sameDay).stories.map((st) => st.documents)).toEqual(stories);
  });

  it("should still join a paper's own piece to the story whose names it uses when a phrase it shares with the wire is stock", () => {
    // The wire copy and its update share a phrase with the paper ("the radio soap Ambervale"); the
    // paper agrees with neither otherwise, so the phrase is stock, and the names carried by exactly
    // those three articles are its words. They may not merge two stories, but an article alone
    // joins on them (before: the paper fell into another story of the day).
    const pa = 'Fans of the radio soap Ambervale will tonight hear its steamiest scene when barmaid Jolene Quarrington shares a shower with landlord Sidney Pellow.\n\nThe series, set in the village of Thornbury Magna, has been broadcast since 1951.\n\nCanterbury MP Julian Brazenby accused the programme of going too far.\n\nA spokesman for Radio Wessex confirmed the scene would be broadcast.';
    const sub = pa + '\n\nProducer Vanessa Whitcombe said the scene was handled with taste.';
    const guardian = 'After days of speculation the nation finally heard the radio soap Ambervale last night. Quarrington, played with gusto, met Pellow in a cottage shower.\n\nThe interlude, which led Brazenby, a Tory, to denounce Wessex broadcasting for chasing populism, was mostly about finding the hot tap. Jolene and Sidney sang.\n\nListeners in Magna, near Thornbury, and well beyond it, will have shared a blush.';
    const extra = ['As so often in England, plumbing will out and the coal tar soap goes missing.', 'Not since the bodybuilders of the eighties has keeping fit so transformed a body, a show and a soul.', 'Seasoned listeners know the runes of the village better than its vicar does.', 'There had been earlier obsessions: cricket, darts, and a feud over marrow growing.', 'The moralists of the parish council will have their say at the next fete, no doubt.', 'Meanwhile the cows still need milking and the tractors still break down in the rain.', 'A shepherd pie awaited the couple afterwards, cooling on the windowsill of the kitchen.', 'Critics in London wrote that the writers had finally discovered what happens after dark.', 'Older fans wrote letters in green ink; younger ones posted jokes about loofahs online.'].join(' ');
    const day = '2000-01-27T12:00:00Z';
    const input = [{ id: 'pa', text: pa }, { id: 'pasub', text: sub }, { id: 'guardian', text: guardian + '\n\n' + extra }, ...seeds()].map((a) => ({ ...a, publishedAt: day }));
    const r = compareArticles(input);
    const storyOf = (id: string) => r.documents.find((d) => d.id === id)!.story;
    expect(storyOf('guardian')).toBe(storyOf('pa'));
    expect(storyOf('guardian')).not.toBe(storyOf(seeds()[0]!.id));
  });

  it('should keep apart articles whose publication dates are far apart, and join rewrites by their names and figures inside the window', () => {
    const a = 'Police found 240,000 images, including 9,000 of children, on the computer of Andrew Mein, 43, of Havant, Hampshire, a former Navy engineer, Portsmouth Crown Court heard.';
    const b = 'A former army engineer from Havant who kept 240,000 obscene pictures, 9,000 of them of children, was jailed, and Mein was put on the sex offenders register.';
    const day = (d: string) => Date.parse(`2023-09-${d}T12:00:00Z`);
    const sd = (text: string, time?: number) => {
      const [d] = docs([{ id: 'x', text }]);
      const words = new Set(d!.passages.flatMap((p) => [...p.content]));
      return { trigrams: documentTrigrams(d!), words, ...(time !== undefined ? { time } : {}) };
    };
    // Rare words are words of at most 1% of the input (5 documents at least) and of two or more:
    // a few unrelated articles make the input a folder.
    const filler = seeds().map((s) => sd(s.text, day('20')));
    const together = groupStories([sd(a, day('20')), sd(b, day('21')), ...filler]);
    expect(together.some((g) => g.includes(0) && g.includes(1))).toBe(true);
    const apart = groupStories([sd(a, day('01')), sd(b, day('21')), ...filler]);
    expect(apart.some((g) => g.includes(0) && g.includes(1))).toBe(false);
    const undated = groupStories([sd(a), sd(b), ...filler.map(({ time: _, ...rest }) => rest)]);
    expect(undated.some((g) => g.includes(0) && g.includes(1))).toBe(false);
  });
});

describe('a snap alone, of a story it shares no sentence with', () => {
  const day = Date.parse('2000-06-21T12:00:00Z');
  const sd = (text: string, time?: number) => {
    const [d] = docs([{ id: 'x', text }]);
    return { trigrams: documentTrigrams(d!), words: new Set(d!.passages.flatMap((p) => [...p.content])), ...(time !== undefined ? { time } : {}) };
  };
  // A trial the wire and papers carry (their copies share text), twenty copies: its names are in
  // too many articles to be rare words pair by pair. And another story that day.
  const takes = [
    'Police Sergeant Paul Banfield, 38, raped two women after breaking into their homes in Nottingham, a jury at Nottingham Crown Court heard. Banfield denies two rapes, burglary with intent to rape and indecent assault.',
    'Paul Banfield, a serving police sergeant, raped two women after breaking into their homes in Nottingham, Nottingham Crown Court heard today. He denies two rapes, burglary with intent to rape and indecent assault.',
    'A police sergeant raped two women after breaking into their homes in Nottingham, a jury at Nottingham Crown Court heard. Sergeant Paul Banfield denies the charges of rape, burglary with intent to rape and indecent assault.',
    'Sergeant Paul Banfield raped two women after breaking into their homes, Nottingham Crown Court was told. Banfield, 38, denies two rapes, burglary with intent to rape and indecent assault at the homes in Nottingham.',
  ];
  const trial = Array.from({ length: 20 }, (_, k) => takes[k % takes.length]!);
  const other = [
    'Leeds United signed the Norwegian striker Tore Andre Flo from Chelsea for 12 million pounds, the Elland Road club said, ending a week of talks over the fee.',
    'Chelsea sold Tore Andre Flo to Leeds United for 12 million pounds after a week of talks, and the Norwegian striker will have a medical at Elland Road.',
  ];
  const snap = 'Police Sergeant Paul Banfield was today found guilty of both rapes and the indecent assault by the Nottingham Crown Court jury.';
  const filler = seeds().map((x) => sd(x.text, day));

  it("should join the story whose own words it uses (the defendant's name, the court), inside the time window only", () => {
    const dated = groupStories([...trial.map((t) => sd(t, day)), ...other.map((t) => sd(t, day)), sd(snap, day), ...filler]);
    const snapAt = trial.length + other.length;
    const withSnap = dated.find((g) => g.includes(snapAt))!;
    expect(withSnap.slice(0, trial.length)).toEqual(trial.map((_, k) => k));
    expect(withSnap.some((i) => i === trial.length || i === trial.length + 1)).toBe(false);
    // A week later it is news of another story, and with no dates there is no window to judge by.
    const later = groupStories([...trial.map((t) => sd(t, day)), ...other.map((t) => sd(t, day)), sd(snap, day + 7 * 86_400_000), ...filler]);
    expect(later.find((g) => g.includes(snapAt))).toEqual([snapAt]);
    const undated = groupStories([...trial.map((t) => sd(t)), ...other.map((t) => sd(t)), sd(snap), ...filler.map(({ time: _, ...rest }) => rest)]);
    expect(undated.find((g) => g.includes(snapAt))).toEqual([snapAt]);
  });
});

describe('stories that most of the folder carries', () => {
  it.each([20, 50])('should keep %i copies of one story in one story (its text recurs everywhere, and is not stock)', (n) => {
    const gen = generateCorpus({ stories: 1, outletsPerStory: n - 1, unrelated: 0, sentencesPerStory: 30, seed: n });
    expect(groupStories(docs(gen.map((a) => ({ id: a.id, text: a.text }))).map(documentTrigrams))).toEqual([gen.map((_, i) => i)]);
  });
});

describe('groupStories over the same sets again', () => {
  it('should group the same sets at another threshold as it groups fresh copies of them', () => {
    // More than a handful of articles, so candidates come from band buckets, which are kept
    // per set between calls (the feed groups a story's articles again at each arrival).
    const gen = generateCorpus({ stories: 8, outletsPerStory: 4, unrelated: 6, sentencesPerStory: 12, seed: 41 });
    const sets = docs(gen.map((a) => ({ id: a.id, text: a.text }))).map(documentTrigrams);
    expect(sets.length).toBeGreaterThan(32);
    for (const threshold of [0.9, 0.2, 0.5]) {
      const again = groupStories(sets, { threshold });
      expect(again).toEqual(groupStories(sets.map((s) => s.slice()), { threshold }));
    }
    expect(groupStories(sets, { threshold: 0.9 })).not.toEqual(groupStories(sets, { threshold: 0.2 }));
  });
});
