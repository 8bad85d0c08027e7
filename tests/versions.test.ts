import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figureEvidence } from '../src/align/figures.js';
import { lowerCaseWords, sourceWords, type SourcedWord } from '../src/diff/sourced.js';
import type { Doc } from '../src/document/document.js';
import { compareArticles, renderHtml, type Article, type Report } from '../src/index.js';
import { generateCorpus } from './fixtures/corpus.js';
import { scoreVersions } from './fixtures/score.js';
import { docs } from './stages.js';

const dir = join(__dirname, '..', 'test-corpus');
const seeds: Article[] = readdirSync(dir)
  .sort()
  .map((f) => ({ id: f.slice(0, 3), text: readFileSync(join(dir, f), 'utf8') }));

describe('wire versions', () => {
  const report = compareArticles(seeds);
  const doc = (id: string) => report.documents.find((d) => d.id === id)!;
  const story = report.stories[0]!;
  // The documents that carry a cluster.
  const carriers = (id: string): string[] => [...new Set(report.clusters.find((c) => c.id === id)!.members.map((m) => m.document))].sort();

  it('should put 001 and 004, reprints of two AFP takes, on different versions, and 002 on 001s', () => {
    expect(story.versions.map((v) => v.documents)).toEqual([['001'], ['004']]);
    expect(doc('001').version).toBe(story.versions[0]!.id);
    expect(doc('004').version).toBe(story.versions[1]!.id);
    expect(doc('002').version).toBe(story.versions[0]!.id);
    // 000 carries a passage only each version has: mixed, with the evidence.
    expect(doc('000').version).toBe('mixed');
    expect(doc('000').versionEvidence.map((e) => e.version)).toEqual(story.versions.map((v) => v.id));
    expect(doc('003').version).toBeNull();
  });

  it('should charge neither 001 nor 004 with cutting a passage only the other version has', () => {
    for (const [mine, other] of [['001', '004'], ['004', '001']] as const) {
      const d = doc(mine);
      for (const id of d.cut) expect(carriers(id)).not.toEqual([other]);
      const onlyOther = story.wire.filter((id) => carriers(id).join() === other);
      expect(onlyOther.length).toBeGreaterThanOrEqual(7);
      for (const id of onlyOther) expect(d.notInVersion).toContain(id);
      expect(d.counts.notInVersion).toBe(d.notInVersion.length);
    }
  });

  it('should charge a cut of a passage no reprint carries only to outlets on the version of a copy that carries it', () => {
    // "The breakaway region … is internationally recognised as part of Azerbaijan": 000 (mixed)
    // and 002 (on 001's version) carry it, neither reprint does. 001 cut it from its take;
    // nothing says 004's take had it.
    const inVersions = new Set(story.versions.flatMap((v) => v.wire));
    const unplaced = story.wire.filter((id) => !inVersions.has(id));
    const recognised = unplaced.find((id) => carriers(id).join() === '000,002');
    expect(recognised).toBeDefined();
    expect(doc('001').cut).toContain(recognised);
    expect(doc('004').cut).not.toContain(recognised);
    expect(doc('004').notInVersion).toContain(recognised);
    // Every such passage: the outlets answering for it are those on a version one of its copies follows.
    for (const id of unplaced) {
      const placedIn = new Set(carriers(id).map((c) => doc(c).version).filter((v) => v !== null && v !== 'mixed'));
      if (placedIn.size === 0) continue;
      for (const d of ['001', '004']) {
        if (carriers(id).includes(d)) continue;
        expect(doc(d).cut.includes(id)).toBe(placedIn.has(doc(d).version!));
      }
    }
  });

  it('should give the story its versions, their core and what the agency changed between them', () => {
    const [v1, v2] = story.versions;
    expect(story.core.every((id) => v1!.wire.includes(id) && v2!.wire.includes(id))).toBe(true);
    expect(story.core.length).toBeGreaterThanOrEqual(8);
    for (const v of story.versions) expect(v.wire).toEqual(story.wire.filter((id) => v.wire.includes(id)));
    expect(story.versionDifferences.every((d) => d.versions[0] === v1!.id && d.versions[1] === v2!.id)).toBe(true);
  });

  it('should show "not in its version" apart from "cut" in the HTML matrix', () => {
    const html = renderHtml(report, seeds);
    const row = html.slice(html.indexOf('<tr data-document="001">'), html.indexOf('</tr>', html.indexOf('<tr data-document="001">')));
    expect(row.match(/class="cell other"/g)?.length).toBe(doc('001').notInVersion.length);
    expect(row.match(/class="cell absent"/g)?.length).toBe(doc('001').cut.length);
    expect(html).toContain('not in its version');
  });

  /** Four generated corpora of 12 stories told in `takes` takes, 6 outlets each, compared and scored, pooled. */
  function pooled(takes: number, includeWire: boolean) {
    const runs = [3, 8, 9, 11].map((seed) => {
      const gen = generateCorpus({ stories: 12, outletsPerStory: 6, unrelated: 10, seed, versions: takes, includeWire });
      const report: Report = compareArticles(gen.map((a) => ({ id: a.id, text: a.text })));
      return { report, score: scoreVersions(report, gen) };
    });
    const sum = (f: (s: (typeof runs)[number]['score']) => number): number => runs.reduce((t, r) => t + f(r.score), 0);
    const outlets = sum((s) => s.outlets);
    const cuts = sum((s) => s.cuts);
    const falseCuts = Math.round(sum((s) => s.falseCuts * s.cuts));
    return {
      runs,
      outlets,
      right: Math.round(sum((s) => s.accuracy * s.outlets)),
      cuts,
      falseCuts,
      numberChanges: sum((s) => s.numberChangesOnUnchanged),
      versioned: sum((s) => s.storiesWithVersions),
    };
  }

  it('should find the takes of generated write-throughs, with a copy of each take in the folder: version right for ≥ 0.95 of outlets, ≤ 0.02 of cuts false, no agency change charged to an outlet', () => {
    const p = pooled(2, true);
    for (const { report, score } of p.runs) {
      // The toll the agency updated is a version difference, never the outlet's number change.
      expect(score.numberChangesInVersionedStories).toBe(0);
      expect(score.storiesWithVersions).toBe(12);
      expect(report.stories.filter((x) => x.versionDifferences.some((d) => d.changes.some((c) => c.type === 'number'))).length).toBe(score.storiesWithVersions);
    }
    expect(p.numberChanges).toBe(0);
    expect(p.right / p.outlets).toBeGreaterThanOrEqual(0.95);
    expect(p.falseCuts / p.cuts).toBeLessThanOrEqual(0.02);
    // An outlet that reworded a sentence as another outlet did carries it under a second cluster
    // of the same wire sentence: no cut (before: 0.014 of cuts false, all of them that).
    expect(p.falseCuts).toBe(0);
  });

  it('should tell three takes apart when each updates a figure: version right for ≥ 0.95 of outlets, ≤ 0.02 of cuts false (measured: none)', () => {
    // The middle take keeps some of the first take's passages and some of the third's: it is a
    // take of its own, not two versions mixed, because its figures differ from both; an outlet
    // that cut the toll and carries only passages of one take is that take's copy.
    const p = pooled(3, true);
    expect(p.versioned).toBe(48);
    expect(p.right / p.outlets).toBeGreaterThanOrEqual(0.95);
    expect(p.falseCuts).toBe(0);
    expect(p.numberChanges).toBe(0);
  });

  it('should find two takes from the outlets alone by the figures they give: version right for ≥ 0.95 of outlets, ≤ 0.02 of cuts false, no agency change charged to an outlet', () => {
    // No copy of either take: each outlet cuts up to half. The outlets that give one toll and
    // those that give the other, in the same sentence, are the two takes' copies; a take whose
    // toll one copy alone kept is read from that copy when it also carries a block of its own.
    const p = pooled(2, false);
    expect(p.outlets).toBe(288);
    expect(p.right / p.outlets).toBeGreaterThanOrEqual(0.95);
    expect(p.falseCuts / p.cuts).toBeLessThanOrEqual(0.02);
    expect(p.versioned).toBe(48);
    // A take's wording of the toll is its whole sentence, not a copy's split half: an outlet that
    // gives its take's toll unchanged is not charged with changing it.
    expect(p.numberChanges).toBe(0);
  });

  it("should find three takes from the outlets alone (floor: today's 0.92 of outlets right; the target is 0.95)", () => {
    // Two copies a take, each cutting up to half: a take's own passages are wire only where both kept them.
    const p = pooled(3, false);
    expect(p.right / p.outlets).toBeGreaterThanOrEqual(0.92);
  });

  it('should show a wire sentence an outlet carries under a second cluster as reworded in the matrix, not as cut', () => {
    const gen = generateCorpus({ stories: 12, outletsPerStory: 6, unrelated: 10, seed: 3, versions: 2 });
    const r = compareArticles(gen.map((a) => ({ id: a.id, text: a.text })));
    const html = renderHtml(r, gen.map((a) => ({ id: a.id, text: a.text })));
    let elsewhere = 0;
    for (const d of r.documents) {
      if (d.story === null) continue;
      const story = r.stories.find((s) => s.id === d.story)!;
      const carried = new Set(d.segments.flatMap((x) => x.clusters));
      elsewhere += story.wire.filter((id) => !carried.has(id) && !d.cut.includes(id) && !d.notInVersion.includes(id)).length;
      const at = html.indexOf(`<tr data-document="${d.id}">`);
      const row = html.slice(at, html.indexOf('</tr>', at));
      expect(row.match(/class="cell absent"/g)?.length ?? 0).toBe(d.cut.length);
    }
    expect(elsewhere).toBeGreaterThan(0);
  });

  it('should find no versions in stories told once and cut many ways, with or without the text real sites add', () => {
    // Realistic copies (briefs, a second agency, house lines) cut the story in more ways: a
    // write-through's small dropped block is a version only with an updated figure beside it.
    for (const [includeWire, realistic, seed] of [
      [true, false, 4],
      [false, false, 4],
      ...[3, 8, 9, 11].map((x) => [true, true, x] as const),
    ] as const) {
      const gen = generateCorpus({ stories: 12, outletsPerStory: 6, unrelated: 10, seed, includeWire, realistic });
      const r = compareArticles(gen.map((a) => ({ id: a.id, text: a.text })));
      expect(r.stories.filter((x) => x.versions.length > 0)).toEqual([]);
      expect(r.documents.every((d) => d.version === null && d.notInVersion.length === 0)).toBe(true);
    }
  });

  it('should find no versions where outlets changed a figure on their own, however they cut the story', () => {
    // Every story gives a toll; one outlet in three writes its own figure there (each another):
    // one copy's figure, with no block of passages of its own, is not a take.
    let stories = 0;
    for (const seed of [3, 8, 9, 11])
      for (const includeWire of [true, false]) {
        const gen = generateCorpus({ stories: 12, outletsPerStory: 6, unrelated: 10, seed, includeWire, ownFigures: true });
        const r = compareArticles(gen.map((a) => ({ id: a.id, text: a.text })));
        stories += r.stories.length;
        expect(r.stories.filter((x) => x.versions.length > 0)).toEqual([]);
      }
    expect(stories).toBeGreaterThanOrEqual(96);
  });
});

describe('wire versions from several references (the agency\'s takes)', () => {
  /** Each generated story compared alone, its takes named as the references; scores pooled. */
  function pooled(takes: number) {
    let outlets = 0;
    let right = 0;
    let cuts = 0;
    let falseCuts = 0;
    let numberChanges = 0;
    let versioned = 0;
    let stories = 0;
    for (const seed of [3, 8, 9, 11]) {
      const gen = generateCorpus({ stories: 12, outletsPerStory: 6, unrelated: 0, seed, versions: takes });
      for (const story of new Set(gen.map((a) => a.story))) {
        const articles = gen.filter((a) => a.story === story);
        const takeIds = articles.filter((a) => a.wire).map((a) => a.id);
        const r = compareArticles(
          articles.map((a) => ({ id: a.id, text: a.text })),
          { reference: takeIds },
        );
        stories++;
        if (r.stories[0]!.versions.length === takes) versioned++;
        expect(r.stories[0]!.references).toEqual(takeIds);
        // The takes are references: no verdict, each the anchor of its own version.
        for (const id of takeIds) expect(r.documents.find((d) => d.id === id)!.role).toBe('reference');
        const s = scoreVersions(r, articles);
        outlets += s.outlets;
        right += s.accuracy * s.outlets;
        cuts += s.cuts;
        falseCuts += s.falseCuts * s.cuts;
        numberChanges += s.numberChangesOnUnchanged;
      }
    }
    return { accuracy: right / outlets, falseCuts: falseCuts / cuts, numberChanges, versioned, stories };
  }

  it.each([2, 3])("should take %i takes as as many versions: version right for ≥ 0.95 of outlets, no false cut, no number change of the agency's charged to an outlet", (takes) => {
    const s = pooled(takes);
    expect(s.versioned).toBe(s.stories);
    expect(s.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(s.falseCuts).toBeLessThanOrEqual(0.02);
    expect(s.numberChanges).toBe(0);
  });

  it('should make one version of takes that carry the same passages, and keep one reference as before', () => {
    const gen = generateCorpus({ stories: 1, outletsPerStory: 4, unrelated: 0, seed: 3 });
    const wire = gen.find((a) => a.wire)!;
    const articles = [...gen.map((a) => ({ id: a.id, text: a.text })), { id: 'wire-again', text: wire.text }];
    const two = compareArticles(articles, { reference: [wire.id, 'wire-again'] });
    const one = compareArticles(articles, { reference: wire.id });
    expect(two.stories[0]!.versions).toEqual([]);
    expect(two.stories[0]!.references).toEqual([wire.id, 'wire-again']);
    expect(one.stories[0]!.references).toEqual([wire.id]);
    // The outlets' verdicts and cuts do not depend on a second copy of the same take.
    const outlets = (r: Report) => r.documents.filter((d) => d.role === 'outlet' && d.id !== 'wire-again').map((d) => [d.id, d.verdict, d.derivedShare, d.cut.length]);
    expect(outlets(two)).toEqual(outlets(one));
    expect(() => compareArticles(articles, { reference: [wire.id, wire.id] })).toThrow(/names an article twice/);
    expect(() => compareArticles(articles, { reference: [] })).toThrow(/non-empty array/);
    expect(() => compareArticles(articles, { reference: [wire.id, 'nope'] })).toThrow(/nope/);
  });
});

describe('one version cut two ways', () => {
  it('should not read two reprints as two takes when a fuller copy carries passages of each of their blocks', () => {
    // A and B each cut a different block of three; the agency's own copy (C, with much text no
    // one else took, so it is no reprint) carries one passage of A's block and all of B's, and
    // more of the wire than either: A and B are its cuts, not two takes. (METER: a PA story two
    // papers cut differently.)
    const S = [
      'The harbour board confirmed on Monday that three cargo ships had been diverted to Felixstowe after the storm.',
      'Engineers inspecting the damaged sea wall found cracks running almost the full length of the northern pier.',
      'Local fishermen said their boats had stayed tied up for a week, costing each crew thousands in lost catches.',
      'A spokeswoman for the coastguard praised volunteers who pulled two kayakers from the water near the lighthouse.',
      'Insurance assessors are expected to visit flooded shops along the promenade before the end of the month.',
      'The mayor promised an emergency fund for traders whose stock was ruined when seawater poured into cellars.',
      'Railway services between the town and the county capital remain suspended while a landslip is cleared.',
      'Geologists warned that the cliffs east of the bay could shed more rock if heavy rain continues this autumn.',
      'Parents collected children early from the primary school after its heating system failed during the blackout.',
      'An elderly couple spent the night in a church hall when firefighters evacuated their terrace as a precaution.',
      'Ministers have been asked to explain why promised funding for coastal defences was delayed by two years.',
      'Forecasters expect calmer weather by Thursday, although gusts may still reach fifty miles an hour overnight.',
    ];
    const own = (n: number, tag: string): string[] => Array.from({ length: n }, (_, i) => `${tag} paragraph ${i} tells readers about quiet gardens, village fetes, choir rehearsals and the weather forecast for week ${i}.`);
    const doc = (id: string, idx: number[], extra: string[] = []): Article => ({ id, text: [...idx.map((i) => S[i]!), ...extra].join('\n\n') });
    const articles = [
      doc('A', [0, 1, 2, 3, 4, 5, 6, 10, 11]),
      doc('B', [0, 1, 2, 6, 7, 8, 9, 10, 11]),
      doc('C', [0, 1, 2, 3, 6, 7, 8, 9, 10, 11], own(12, 'Agency')),
      doc('D', [0, 4, 5], own(2, 'Weekly')),
    ];
    const r = compareArticles(articles);
    expect(r.stories).toHaveLength(1);
    expect(r.stories[0]!.wire.length).toBeGreaterThanOrEqual(12);
    expect(r.stories[0]!.versions).toEqual([]);
  });
});

describe('figures as version evidence', () => {
  /**
   * Each text is one copy's passages (one per line); every passage is the one wire sentence
   * (cluster 0), as the story stage would have clustered them.
   */
  function groupsOf(texts: readonly string[], least?: number): string[][] | null {
    const prepared = docs(texts.map((text, i) => ({ id: `c${i}`, text })));
    const passageIndex = new Map<Doc, number>();
    const wireOf: number[][] = [];
    const sourced: SourcedWord[][] = [];
    const lower = lowerCaseWords(prepared);
    for (const d of prepared) {
      passageIndex.set(d, wireOf.length);
      for (const words of sourceWords(d.text, d.passages, lower)) {
        wireOf.push([0]);
        sourced.push(words);
      }
    }
    const groups = figureEvidence(prepared, passageIndex, wireOf, (g) => sourced[g]!).figureGroups(least);
    return groups === null ? null : groups.map((g) => g.map((d) => d.article.id));
  }
  const whole = (toll: number): string => `Mutesi said ${toll} people were killed in Zuro and many more were wounded on the day.`;

  it('should group the copies of two takes by the toll each gives, a sentence split in two being one sentence', () => {
    const split = (toll: number): string => `Mutesi said ${toll} people were killed in Zuro.\n\nAnd many more were wounded on the day.`;
    expect(groupsOf([whole(20), split(20), whole(31), whole(31)])).toEqual([['c0', 'c1'], ['c2', 'c3']]);
    // A reworded copy is compared with its figures set aside: the toll is not one of its changes.
    const reworded = (toll: number): string => `Mutesi said ${toll} kezane were killed in Zuro keviruvi many more were wounded on the day.`;
    expect(groupsOf([reworded(20), split(20), whole(31), whole(31)])).toEqual([['c0', 'c1'], ['c2', 'c3']]);
  });

  it('should read a figure one copy alone gives as a take only in a sentence otherwise word for word the same', () => {
    expect(groupsOf([whole(20), whole(20), whole(31)], 1)).toEqual([['c0', 'c1'], ['c2']]);
    // Two copies are needed for each group unless asked for less.
    expect(groupsOf([whole(20), whole(20), whole(31)])).toBeNull();
    // The only copy giving 31 also changed a word of the sentence: its figure is its own.
    expect(groupsOf([whole(20), whole(20), whole(31).replace('were killed', 'died')], 1)).toBeNull();
    // A copy that misspells a name with digits in it ("M15" for "MI5") gives another figure in a
    // sentence that is not otherwise the same: not a take.
    const spy = (name: string): string => `Let ${name} and the others sue me, they know they are above the law.`;
    expect(groupsOf([spy('MI5'), spy('MI5'), spy('M15')], 1)).toBeNull();
  });

  it('should not read a copy that quotes more of a sentence, and so gives more figures, as another take', () => {
    const part = '"I used to be 22 stone when I was 12."';
    const more = 'He told the court: "I weigh 15 stone now, but I used to be 22 stone when I was 12."';
    expect(groupsOf([part, part, more, more])).toBeNull();
    // The same part with a figure replaced is another take's.
    expect(groupsOf([whole(20).replace(' and many more were wounded on the day', ''), whole(20).replace(' and many more were wounded on the day', ''), whole(31), whole(31)])).toEqual([['c0', 'c1'], ['c2', 'c3']]);
  });
});
