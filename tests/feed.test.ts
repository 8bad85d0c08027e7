import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from './fixtures/corpus.js';
import { FileWireStore, MemoryWireStore, compareArticles, createWireIndex, openLmdbWireStore, type FeedArticle, type IndexResult, type WireStore } from '../src/index.js';
import { checkSplitByStock, checkSplitOnRemove, expectReportsMatchCompare, partition, realisticFeed, seeds } from './helpers.js';

const seedFeed: FeedArticle[] = seeds().map((a) => ({ id: a.id, text: a.text }));
const generated = generateCorpus({ stories: 4, outletsPerStory: 4, unrelated: 4, seed: 21 });
const feed: FeedArticle[] = [...seedFeed, ...generated.map((a) => ({ id: a.id, text: a.text, outlet: a.outlet }))];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'wiretrace-store-'));
}

async function ingest(store: WireStore, articles: readonly FeedArticle[]): Promise<{ results: IndexResult[]; finalStories: string[][] }> {
  const index = createWireIndex({ store, now: () => Date.parse('2023-09-20T12:00:00Z') });
  const results: IndexResult[] = [];
  for (const a of articles) results.push(await index.add(a));
  // Stories as they stand at the end (merges move earlier articles).
  const final: IndexResult[] = [];
  for (const a of articles) final.push(await index.query(a));
  await index.close();
  return { results, finalStories: partition(final) };
}

describe('feed', () => {
  describe('createWireIndex', () => {
    it("should give verdicts with the caller's thresholds, in results and in the story report", async () => {
      const strict = createWireIndex({ whollyDerived: 1, partiallyDerived: 0.99 });
      const loose = createWireIndex();
      for (const a of seedFeed) {
        await strict.add(a);
        await loose.add(a);
      }
      const s = await strict.query(seedFeed[4]!);
      const l = await loose.query(seedFeed[4]!);
      expect(s.derivedShare).toBe(l.derivedShare);
      expect(l.derivedShare).toBeGreaterThan(0.2);
      expect(l.derivedShare).toBeLessThan(0.99);
      expect(l.verdict).not.toBe('non-derived');
      expect(s.verdict).toBe('non-derived');
      const report = await strict.report(s.story);
      expect(report.documents.every((d) => d.verdict !== 'wholly-derived' || d.derivedShare >= 1)).toBe(true);
      await expect(async () => createWireIndex({ whollyDerived: 2 })).rejects.toThrow(/whollyDerived/);
    });

    it('should put the four AFP-derived seeds in one story and the generated families in their own', async () => {
      const { results, finalStories } = await ingest(new MemoryWireStore(), feed);
      const ids = (prefix: string) => seedFeed.filter((a) => a.id.startsWith(prefix)).map((a) => a.id);
      expect(finalStories).toContainEqual([...ids('000'), ...ids('001'), ...ids('002'), ...ids('004')].sort());
      expect(finalStories).toContainEqual(ids('003'));
      for (let s = 0; s < 4; s++) expect(finalStories).toContainEqual(generated.filter((a) => a.story === `st${s}`).map((a) => a.id).sort());
      const three = results.find((r) => r.id.startsWith('003'))!;
      expect(three.verdict).toBe('non-derived');
      const one = results.find((r) => r.id.startsWith('001'))!;
      expect(one.newStory).toBe(false);
      expect(one.credited).toBe(true);
      expect(one.matches.some((m) => m.document.startsWith('000'))).toBe(true);
    });

    it('should emit revisions that turn the provisional results into the final ones, whatever the order', async () => {
      const real = realisticFeed(feed);
      const key = (r: IndexResult) => ({ story: r.story, verdict: r.verdict, derivedShare: r.derivedShare, credited: r.credited, alteredQuotes: r.alteredQuotes, changedNumbers: r.changedNumbers });
      for (const order of [real, [...real].reverse(), real.map((a, i) => [((i * 7919) % 101) / 101, a] as const).sort((x, y) => x[0] - y[0]).map(([, a]) => a)]) {
        const index = createWireIndex({ now: () => Date.parse('2023-09-20T12:00:00Z') });
        const said = new Map<string, ReturnType<typeof key>>();
        const provisional = new Map<string, ReturnType<typeof key>>();
        let revisions = 0;
        for (const a of order) {
          const r = await index.add(a, { revisions: true });
          said.set(r.id, key(r));
          provisional.set(r.id, key(r));
          for (const v of r.revisions!) {
            expect(v.id).not.toBe(r.id);
            said.set(v.id, key(v));
            revisions++;
          }
        }
        const final = new Map<string, ReturnType<typeof key>>();
        for (const a of real) final.set(a.id, key(await index.query(a)));
        expect(Object.fromEntries(said)).toEqual(Object.fromEntries(final));
        // Revisions were needed: the results as first given are not all final.
        expect(revisions).toBeGreaterThan(0);
        expect(Object.fromEntries(provisional)).not.toEqual(Object.fromEntries(final));
      }
      await expect(createWireIndex().add(real[0]!, { revisions: 'yes' } as never)).rejects.toThrow(/options.revisions must be true or false/);
      expect((await createWireIndex().add(real[0]!)).revisions).toBeUndefined();
    });

    it('should count the quotations an article altered and the numbers it changed', async () => {
      const wire = seedFeed[0]!;
      const index = createWireIndex();
      await index.add(wire);
      const same = await index.add({ id: 'copy', text: wire.text! });
      expect([same.alteredQuotes, same.changedNumbers]).toEqual([0, 0]);
      const altered = wire
        .text!.replace('claimed that at least 200 people were dead', 'claimed that at least 250 people were dead')
        .replace('in-depth as part of the operations."', 'in-depth as part of the campaign."');
      expect(altered).not.toBe(wire.text);
      const r = await index.add({ id: 'altered', text: altered });
      expect(r.alteredQuotes).toBe(1);
      expect(r.changedNumbers).toBe(1);
      // The report's own count for the same pair agrees.
      const report = compareArticles([wire as { id: string; text: string }, { id: 'altered', text: altered }]);
      expect(report.documents.find((d) => d.id === 'altered')!.counts.alteredQuotes).toBe(1);
    });

    it('should count no changed number for a figure the article gives a sentence earlier than the wire', async () => {
      const wire = 'A court martial found Company Sergeant Major Michael Gleave not guilty of six charges of racial abuse at Bulford Camp in Wiltshire.\n\nCSM Gleave, 39, denied all the charges, which were alleged to have occurred in Omagh in 1998 while he served with the Royal Irish Regiment.';
      const index = createWireIndex();
      await index.add({ id: 'pa', text: wire });
      await index.add({ id: 'copy', text: wire });
      const moved = await index.add({ id: 'paper', text: wire.replace('Michael Gleave not', 'Michael Gleave, 39, not').replace('CSM Gleave, 39, denied', 'He denied') });
      expect(moved.wire.length).toBeGreaterThanOrEqual(2);
      expect(moved.changedNumbers).toBe(0);
      // A figure changed is counted.
      const changed = await index.add({ id: 'other', text: wire.replace('Gleave, 39,', 'Gleave, 49,') });
      expect(changed.changedNumbers).toBe(1);
    });

    it("should not flag uncredited reuse on the agency's own copy, as compare does", async () => {
      const wire = 'A police sergeant who raped two women was jailed for 18 years today at Nottingham Crown Court, PA said.\n\nHe wept as Mr Justice Morland sentenced him, saying he had caused his victims prolonged suffering.\n\nThe sergeant, 33, had denied the charges throughout a trial lasting two and a half weeks.';
      const take = wire.replace(', PA said.', '.');
      const index = createWireIndex();
      await index.add({ id: 'credit', text: wire, outlet: 'Evening Star' });
      const own = await index.add({ id: 'pa', text: take, outlet: 'PA Media' });
      const paper = await index.add({ id: 'paper', text: take, outlet: 'Daily Planet' });
      expect([own.credited, own.uncreditedReuse]).toEqual([true, false]);
      expect([paper.credited, paper.uncreditedReuse]).toEqual([false, true]);
    });

    it("should name the agency's own copy as a wire passage's text, as compare does, though the outlets agree on another wording", async () => {
      const wire = ['A police sergeant who raped two women was jailed for 18 years today at Nottingham Crown Court.', 'He wept as Mr Justice Morland sentenced him, saying he had caused his victims prolonged suffering.', 'The sergeant, 33, had denied the charges throughout a trial lasting two and a half weeks.'];
      const edited = 'He cried as Mr Justice Morland jailed him, saying he had caused his victims long suffering.';
      const copy = [wire[0], edited, wire[2]].join('\n\n');
      const index = createWireIndex();
      await index.add({ id: 'pa', text: wire.join('\n\n'), outlet: 'PA' });
      for (const id of ['star', 'post']) await index.add({ id, text: copy, outlet: id });
      const sun = await index.add({ id: 'sun', text: copy, outlet: 'sun' });
      const at = copy.indexOf(edited);
      const w = sun.wire.find((x) => x.passages.some((p) => p.start === at))!;
      expect(w.canonical).toMatchObject({ document: 'pa', text: wire[1] });
    });

    it('should give the same stories whatever order the feed arrives in', async () => {
      const forward = await ingest(new MemoryWireStore(), feed);
      const backward = await ingest(new MemoryWireStore(), [...feed].reverse());
      const shuffled = await ingest(new MemoryWireStore(), feed.map((a, i) => [((i * 7919) % 101) / 101, a] as const).sort((x, y) => x[0] - y[0]).map(([, a]) => a));
      expect(backward.finalStories).toEqual(forward.finalStories);
      expect(shuffled.finalStories).toEqual(forward.finalStories);
    });

    it('should report stories told in two takes as compare does, their versions named as the index names the story', async () => {
      // Story ids differ (the index numbers its stories as they come): every version id follows.
      const takes = generateCorpus({ stories: 3, outletsPerStory: 6, unrelated: 2, seed: 3, versions: 2 }).map((a) => ({ id: a.id, text: a.text }));
      const index = createWireIndex({ now: () => Date.parse('2023-09-20T12:00:00Z') });
      for (const a of [...takes].reverse()) await index.add(a);
      expect(await expectReportsMatchCompare(index, takes)).toBeGreaterThanOrEqual(3);
      const listed = await index.list();
      const story = listed.find((a) => a.id === 'st0-wire')!.story;
      const report = await index.report(story);
      expect(report.stories[0]!.versions.length).toBe(2);
      const ids = JSON.stringify(report).match(/"s\d+\.[wvx]\d+"/g)!;
      expect(ids.every((x) => x.startsWith(`"${story}.`))).toBe(true);
      expect(report.documents.filter((d) => d.version !== null).every((d) => d.version === 'mixed' || d.version!.startsWith(`${story}.v`))).toBe(true);
    });

    it('should take the link, reprint and verdict thresholds compare takes, and report as compare does with them', async () => {
      const options = { links: { minContentJaccard: 0.1, minContainment: 0.1 }, creditedWireShare: 0.9, whollyDerived: 0.95, partiallyDerived: 0.5 };
      const real = realisticFeed(feed);
      const strict = createWireIndex({ ...options, now: () => Date.parse('2023-09-20T12:00:00Z') });
      const loose = createWireIndex({ now: () => Date.parse('2023-09-20T12:00:00Z') });
      const a = [];
      const b = [];
      for (const x of real) {
        a.push(await strict.add(x));
        b.push(await loose.add(x));
      }
      // Looser links carry more: the results differ, and each report is compare's with the same options.
      expect(a.map((r) => r.derivedShare)).not.toEqual(b.map((r) => r.derivedShare));
      expect(a.map((r) => r.verdict)).not.toEqual(b.map((r) => r.verdict));
      expect(await expectReportsMatchCompare(strict, real, options)).toBeGreaterThanOrEqual(9);
      expect(() => createWireIndex({ link: {} } as never)).toThrow(/link/);
      expect(() => createWireIndex({ links: { minContentJacard: 0.5 } } as never)).toThrow(/minContentJacard/);
    });

    it('should report every story as compare reports its articles, whatever the arrival order', async () => {
      const real = realisticFeed(feed);
      for (const order of [real, [...real].reverse(), real.map((a, i) => [((i * 7919) % 101) / 101, a] as const).sort((x, y) => x[0] - y[0]).map(([, a]) => a)]) {
        const index = createWireIndex({ now: () => Date.parse('2023-09-20T12:00:00Z') });
        for (const a of order) await index.add(a);
        expect(await expectReportsMatchCompare(index, real)).toBeGreaterThanOrEqual(9);
      }
      const dir = tempDir();
      const onDisk = createWireIndex({ store: new FileWireStore(dir), now: () => Date.parse('2023-09-20T12:00:00Z') });
      for (const a of real) await onDisk.add(a);
      await onDisk.close();
      // Reopened read-only, as index report opens it.
      expect(await expectReportsMatchCompare(createWireIndex({ store: new FileWireStore(dir, { readOnly: true }) }), real)).toBeGreaterThanOrEqual(9);
    });

    it('should be idempotent by id, remove articles, report a story and expire old ones', async () => {
      let clock = Date.parse('2023-09-20T12:00:00Z');
      const index = createWireIndex({ now: () => clock, windowMs: 86_400_000 });
      const first = await index.add(seedFeed[1]!);
      const again = await index.add(seedFeed[1]!);
      expect(again.alreadyIndexed).toBe(true);
      expect(again.story).toBe(first.story);
      expect((await index.stats()).articles).toBe(1);
      const four = await index.add(seedFeed[4]!);
      expect(four.story).toBe(first.story);
      // Against 001 alone, 004's paragraphs that 001 cut are 004's own: partly derived.
      expect(four.verdict).toBe('partially-derived');
      expect(four.derivedShare).toBeGreaterThan(0.4);
      // The wire passages it carries, each named by its canonical text and placed in 004.
      expect(four.wire.length).toBeGreaterThanOrEqual(8);
      const corridors = four.wire.find((w) => w.canonical.text.includes('humanitarian corridors'))!;
      expect(corridors.attestedBy).toBe(2);
      const [place] = corridors.passages;
      expect(seedFeed[4]!.text!.slice(place!.start, place!.end)).toMatch(/^The ministry said it had opened/);
      const report = await index.report(first.story);
      expect(report.documents.map((d) => d.id)).toEqual([seedFeed[1]!.id, seedFeed[4]!.id]);
      expect(report.stories[0]!.wire.length).toBeGreaterThan(5);
      // The report names the story as the index does, and carries the texts a text report quotes.
      expect(report.stories.map((s) => s.id)).toEqual([first.story]);
      expect(report.documents.map((d) => d.story)).toEqual([first.story, first.story]);
      expect(report.clusters.every((c) => c.id.startsWith(`${first.story}.`))).toBe(true);
      expect(report.documents.map((d) => d.text)).toEqual([seedFeed[1]!.text, seedFeed[4]!.text]);
      expect((await index.report('s999')).documents).toEqual([]);
      // Every result says it is provisional, and whether the reuse went uncredited.
      expect(four.provisional).toBe(true);
      // 004 carries AFP's copy without crediting it; 001 ends "— AFP".
      expect([four.credited, four.uncreditedReuse]).toEqual([false, true]);
      expect([first.credited, first.uncreditedReuse]).toEqual([true, false]);
      expect(await index.list()).toEqual([
        { id: seedFeed[1]!.id, story: first.story },
        { id: seedFeed[4]!.id, story: first.story },
      ]);
      expect(await index.list({ story: 's999' })).toEqual([]);
      expect(await index.remove(seedFeed[4]!.id)).toBe(true);
      expect(await index.remove(seedFeed[4]!.id)).toBe(false);
      clock += 2 * 86_400_000;
      expect(await index.expire()).toBe(1);
      expect(await index.stats()).toEqual({ articles: 0, stories: 0, store: 'memory' });
    });

    it('should not join a story whose articles are outside the time window', async () => {
      const index = createWireIndex({ windowMs: 3_600_000 });
      const a = await index.add({ ...seedFeed[1]!, publishedAt: '2023-09-19T10:00:00Z' });
      const b = await index.add({ ...seedFeed[4]!, publishedAt: '2023-09-20T10:00:00Z' });
      expect(b.story).not.toBe(a.story);
      expect(b.newStory).toBe(true);
    });

    it('should take HTML and reject bad articles and options by name', async () => {
      const index = createWireIndex();
      const r = await index.add({ id: 'h', html: `<article><p>${seedFeed[4]!.text!.split('\n\n').slice(1, 5).join('</p><p>')}</p></article>` });
      expect(r.story).toMatch(/^s\d+$/);
      await expect(index.add({ id: '', text: 'x' })).rejects.toThrow(/non-empty string id/);
      await expect(index.add({ id: 'x' })).rejects.toThrow(/exactly one of "text" and "html"/);
      await expect(index.add({ id: 'x', text: 'a', html: 'b' })).rejects.toThrow(/exactly one of/);
      expect(() => createWireIndex({ windowMs: -1 })).toThrow(RangeError);
      expect(() => createWireIndex({ maxCompared: 0 })).toThrow(/maxCompared/);
      expect(() => createWireIndex({ chrome: { phrases: [{ text: 'x' }] } as never })).toThrow(/chrome.phrases\[0\] must be/);
      expect(() => createWireIndex({ chrome: { phrase: [] } as never })).toThrow(/options.chrome/);
    });

    it("should not let an outlet's footer glue unrelated stories once it is named as chrome", async () => {
      const footer =
        'The Daily Planet is committed to independent journalism. Support our newsroom today by subscribing for unlimited access to every story, our award-winning newsletters and the full archive of the Planet since 1938, on any device, wherever you are.';
      const firsts = ['st0', 'st1', 'st2'].map((s) => generated.find((a) => a.story === s)!);
      const arrivals = firsts.map((a) => ({ id: a.id, text: `${a.text.split('\n\n').slice(0, 2).join('\n\n')}\n\n${footer}`, outlet: 'Daily Planet' }));
      const storiesOf = async (index: ReturnType<typeof createWireIndex>): Promise<string[]> => {
        const out: string[] = [];
        for (const a of arrivals) out.push((await index.add(a)).story);
        return out;
      };
      // Unnamed, the footer alone carries three unrelated articles into one story.
      expect(new Set(await storiesOf(createWireIndex())).size).toBe(1);
      const index = createWireIndex({ chrome: { phrases: [{ text: footer, reason: 'custom' }] } });
      const named = await storiesOf(index);
      expect(new Set(named).size).toBe(3);
      const report = await index.report(named[0]!);
      const footerSegment = report.documents[0]!.segments.find((s) => s.reason === 'custom');
      expect(footerSegment?.kind).toBe('boilerplate');
    });
  });

  describe('stories split when stock shows', () => {
  it('should split a story a house paragraph glued, on the memory, journal and LMDB stores, and keep the split after a reopen', async () => {
    await checkSplitByStock(new MemoryWireStore());
    const dir = tempDir();
    await checkSplitByStock(new FileWireStore(dir));
    const reopened = createWireIndex({ store: new FileWireStore(dir, { readOnly: true }) });
    expect(partition(await reopened.list())).toEqual([['st0-o1', 'st0-o3'], ['st1-o2']]);
    await reopened.close();
    await checkSplitByStock(await openLmdbWireStore(tempDir()));
  });

  it("should group as compare does with the template lines it learns from one outlet's articles (a footer is no glue)", async () => {
    // Two stories from one outlet, each with the outlet's long footer: compare learns the footer
    // from the outlet's articles, so it glues nothing; the feed groups with the same lines.
    const footer = [
      'Planet Media Group newsroom',
      '12 Harbour Road, Millbrook',
      'Letters to the Millbrook editor',
      'Subscribe to the Planet print edition',
      'Advertise with the Daily Planet',
      'Careers at Planet Media Group',
      'Millbrook weather and tides',
    ].join('\n');
    const pool = generateCorpus({ stories: 3, outletsPerStory: 2, unrelated: 0, sentencesPerStory: 8, seed: 21 });
    const arrivals = ['st0-o0', 'st1-o1'].map((id) => ({ id, text: `${pool.find((a) => a.id === id)!.text}\n\n${footer}`, outlet: 'Daily Planet' }));
    expect(compareArticles(arrivals).stories).toHaveLength(0);
    // Without the outlet, nothing is learned and the footer glues them: the case is a real one.
    expect(compareArticles(arrivals.map(({ outlet: _, ...a }) => a)).stories.length).toBeGreaterThan(0);
    const index = createWireIndex({ now: () => Date.parse('2023-09-20T12:00:00Z') });
    for (const a of arrivals) await index.add(a);
    expect(partition(await index.list())).toEqual([['st0-o0'], ['st1-o1']]);
  });

  it('should write an arrival and the articles it moves as one journal line: cut short, neither is kept', async () => {
    const dir = tempDir();
    await checkSplitByStock(new FileWireStore(dir));
    const journal = join(dir, 'journal.jsonl');
    const lines = readFileSync(journal, 'utf8').trimEnd().split('\n');
    // The third arrival moved st1-o2 out of the story, in the same line.
    expect(lines.at(-1)).toContain('"moves":[{"into"');
    writeFileSync(journal, [...lines.slice(0, -1), lines.at(-1)!.slice(0, 100)].join('\n'));
    const store = new FileWireStore(dir);
    expect(store.recovered).toBe(1);
    expect(partition(await createWireIndex({ store }).list())).toEqual([['st0-o1', 'st1-o2']]);
    await store.close();
  });

  it('should split a story when the article that held it together is removed', async () => {
    await checkSplitOnRemove(new MemoryWireStore());
    await checkSplitOnRemove(new FileWireStore(tempDir()));
    await checkSplitOnRemove(await openLmdbWireStore(tempDir()));
  });
});

describe('FileWireStore', () => {
    it('should give the same results as the memory store, and survive a restart', async () => {
      const dir = tempDir();
      const mem = await ingest(new MemoryWireStore(), feed);
      const file = await ingest(new FileWireStore(dir), feed);
      expect(file.results.map((r) => ({ ...r }))).toEqual(mem.results.map((r) => ({ ...r })));
      // Reopened: every article is there, already indexed, in the same stories.
      const reopened = await ingest(new FileWireStore(dir), feed);
      expect(reopened.results.every((r) => r.alreadyIndexed)).toBe(true);
      expect(reopened.finalStories).toEqual(mem.finalStories);
    });

    it('should lose at most the article being written when a write is cut short', async () => {
      const dir = tempDir();
      await ingest(new FileWireStore(dir), feed.slice(0, 6));
      const journal = join(dir, 'journal.jsonl');
      const before = readFileSync(journal, 'utf8');
      // A process killed mid-write leaves half a line.
      appendFileSync(journal, before.split('\n').slice(-3, -2)[0]!.slice(0, 200));
      const store = new FileWireStore(dir);
      expect(store.recovered).toBe(1);
      expect((await store.stats()).articles).toBe(6);
      expect(readFileSync(journal, 'utf8')).toBe(before);
      // Resuming the feed adds the rest without duplicates.
      const index = createWireIndex({ store });
      const results: IndexResult[] = [];
      for (const a of feed) results.push(await index.add(a));
      expect(results.filter((r) => r.alreadyIndexed)).toHaveLength(6);
      expect((await index.stats()).articles).toBe(feed.length);
      await index.close();
    });

    it('should refuse a corrupt journal and a journal of another format version, naming the file', async () => {
      const dir = tempDir();
      await ingest(new FileWireStore(dir), feed.slice(0, 3));
      const journal = join(dir, 'journal.jsonl');
      const lines = readFileSync(journal, 'utf8').split('\n');
      // Change one digit inside line 2: its checksum no longer matches.
      writeFileSync(journal, [lines[0], lines[1]!.replace(/\d/, (d) => String((Number(d) + 1) % 10)), ...lines.slice(2)].join('\n'));
      expect(() => new FileWireStore(dir)).toThrow(new RegExp(`${journal.replace(/[/.]/g, '\\$&')}: line 2 is corrupt \\(checksum mismatch\\)`));
      const other = tempDir();
      const header = '{"format":"wiretrace/store@2"}';
      writeFileSync(join(other, 'journal.jsonl'), `${header}\t${crc32(header).toString(16).padStart(8, '0')}\n`);
      expect(() => new FileWireStore(other)).toThrow(/was written in format "wiretrace\/store@2"; this version of wiretrace reads wiretrace\/store@1 only/);
    });
  });
});

describe('LmdbWireStore', () => {
  it("should give the memory store's results, report as compare does, and reopen read-only with everything", async () => {
    const dir = tempDir();
    const real = realisticFeed(feed);
    const mem = await ingest(new MemoryWireStore(), real);
    const disk = await ingest(await openLmdbWireStore(dir), real);
    expect(disk.results).toEqual(mem.results);
    const reader = createWireIndex({ store: await openLmdbWireStore(dir, { readOnly: true }) });
    expect(await reader.stats()).toEqual({ articles: real.length, stories: mem.finalStories.length, store: 'lmdb' });
    expect(await expectReportsMatchCompare(reader, real)).toBeGreaterThanOrEqual(9);
    await reader.close();
  });

  it('should move an older journal store into the database once, keeping the journal aside', async () => {
    const dir = tempDir();
    const old = await ingest(new FileWireStore(dir), seedFeed);
    const store = await openLmdbWireStore(dir);
    expect(store.migrated).toBe(seedFeed.length);
    const index = createWireIndex({ store });
    expect((await index.list()).map((a) => [a.id, a.story]).sort()).toEqual(old.results.map((r) => [r.id, r.story]).sort());
    // Idempotent by id after the move: the feed again changes nothing.
    for (const a of seedFeed) expect((await index.add(a)).alreadyIndexed).toBe(true);
    await index.close();
    expect(existsSync(join(dir, 'journal.jsonl'))).toBe(false);
    expect(existsSync(join(dir, 'journal.jsonl.migrated'))).toBe(true);
    expect((await openLmdbWireStore(dir).then(async (s) => [s.migrated, await s.close()]))[0]).toBe(0);
  });

  it('should refuse, by name, a folder that holds no store when reading', async () => {
    const dir = tempDir();
    await expect(openLmdbWireStore(join(dir, 'typo'), { readOnly: true })).rejects.toThrow(`${join(dir, 'typo')}: no wiretrace store here (no wire.mdb); check the path.`);
    await expect(openLmdbWireStore('')).rejects.toThrow(/dir must be a non-empty folder path/);
  });
});

describe('file store journal', () => {
  it('should read the journal line by line across chunk boundaries, never as one string', async () => {
    const { forEachLine } = await import('../src/feed/stores/file.js');
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-lines-'));
    const file = join(dir, 'j.txt');
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'é'.repeat(i % 17)}`);
    writeFileSync(file, lines.join('\n') + '\nhalf a li');
    for (const chunk of [1, 3, 7, 64, 1 << 20]) {
      const seen: Array<[string, number]> = [];
      const tail = forEachLine(file, (l, end) => (seen.push([l, end]), true), chunk);
      expect(seen.map(([l]) => l)).toEqual(lines);
      expect(seen.at(-1)![1]).toBe(Buffer.byteLength(lines.join('\n') + '\n'));
      expect(tail.toString()).toBe('half a li');
    }
  });
});

describe('LMDB store: several writing processes', () => {
  const cli = new URL('../dist/cli.js', import.meta.url).pathname;
  /** The store's stories as a partition, read as index report reads it. */
  const storiesOf = async (dir: string): Promise<string[][]> => {
    const reader = createWireIndex({ store: await openLmdbWireStore(dir, { readOnly: true }) });
    const listed = await reader.list();
    await reader.close();
    return partition(listed);
  };

  it('should end two writers feeding at once with the stories of one writer', async () => {
    const { spawn, spawnSync } = await import('node:child_process');
    const many = generateCorpus({ stories: 30, outletsPerStory: 5, unrelated: 10, sentencesPerStory: 8, seed: 5 });
    const real = realisticFeed([...feed, ...many.map((a) => ({ id: `m-${a.id}`, text: a.text }))]);
    const jsonl = (xs: readonly FeedArticle[]): string => xs.map((a) => JSON.stringify(a) + '\n').join('');
    const one = tempDir();
    const alone = spawnSync(process.execPath, [cli, 'index', 'add', '--store', one], { input: jsonl(real), encoding: 'utf8' });
    expect([alone.status, alone.stderr]).toEqual([0, '']);
    // Two processes, each with every other article (so every story is fed by both), at once.
    const two = tempDir();
    const run = (xs: readonly FeedArticle[]): Promise<[number | null, string]> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [cli, 'index', 'add', '--store', two]);
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.stdout.resume();
        child.once('close', (code) => resolve([code, err]));
        child.stdin.end(jsonl(xs));
      });
    const both = await Promise.all([run(real.filter((_, i) => i % 2 === 0)), run(real.filter((_, i) => i % 2 === 1))]);
    expect(both).toEqual([
      [0, ''],
      [0, ''],
    ]);
    expect(await storiesOf(two)).toEqual(await storiesOf(one));
    expect(existsSync(join(two, 'write.lock'))).toBe(false);
  });

  it('should let one process at a time into exclusive(), however fast two processes take and release write.lock', async () => {
    // Each process takes the store's lock 2,000 times back to back, and inside it creates a
    // marker file that only one process may hold. Before locks were created whole and only seen
    // stale locks removed, a lock released and retaken between another process's two looks was
    // removed by it: both were inside, or one crashed unlinking a lock that was gone.
    const { spawn } = await import('node:child_process');
    const dir = tempDir();
    const script = join(tempDir(), 'hammer.mjs');
    writeFileSync(
      script,
      [
        "import { closeSync, openSync, unlinkSync } from 'node:fs';",
        `import { openLmdbWireStore } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};`,
        'const [dir, marker] = process.argv.slice(2);',
        'const store = await openLmdbWireStore(dir);',
        'let both = 0;',
        'for (let i = 0; i < 2000; i++)',
        '  await store.exclusive(async () => {',
        '    let fd;',
        "    try { fd = openSync(marker, 'wx'); } catch { both++; return; }",
        '    closeSync(fd);',
        '    unlinkSync(marker);',
        '  });',
        'await store.close();',
        'process.stdout.write(String(both));',
      ].join('\n'),
    );
    const marker = join(tempDir(), 'inside');
    const run = (): Promise<[number | null, string, string]> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [script, dir, marker]);
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.once('close', (code) => resolve([code, out, err]));
      });
    expect(await Promise.all([run(), run()])).toEqual([
      [0, '0', ''],
      [0, '0', ''],
    ]);
    expect(readdirSync(dir).filter((f) => f.includes('lock') && f !== 'wire.mdb-lock')).toEqual([]);
  });

  it('should wait while another process holds the write lock, and take it over once that process is killed', async () => {
    const { spawn, spawnSync } = await import('node:child_process');
    const dir = tempDir();
    const first = spawnSync(process.execPath, [cli, 'index', 'add', '--store', dir], { input: JSON.stringify(feed[1]) + '\n', encoding: 'utf8' });
    expect([first.status, first.stderr]).toEqual([0, '']);
    // A writer that has opened the store and waits for its feed.
    const writer = spawn(process.execPath, [cli, 'index', 'add', '--store', dir]);
    let out = '';
    let err = '';
    writer.stdout.on('data', (d: Buffer) => (out += d.toString()));
    writer.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const closed = new Promise<number | null>((r) => writer.once('close', r));
    await new Promise((r) => setTimeout(r, 2_000));
    // Another process holds write.lock (as a writer in the middle of an add) and never lets go.
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    writeFileSync(join(dir, 'write.lock'), String(holder.pid));
    writer.stdin.end(JSON.stringify(feed[0]) + '\n');
    await new Promise((r) => setTimeout(r, 1_500));
    // Still waiting: nothing answered, nothing written.
    expect(out).toBe('');
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('close', r));
    expect([await closed, err]).toEqual([0, '']);
    expect(JSON.parse(out).id).toBe(feed[0]!.id);
    expect(existsSync(join(dir, 'write.lock'))).toBe(false);
    expect((await storiesOf(dir)).flat().sort()).toEqual([feed[0]!.id, feed[1]!.id].sort());
  });
});

describe('file store: one writer, readers that never write', () => {
  it('should refuse a second writer by name, and let a writer in once the first is gone', async () => {
    const { spawnSync } = await import('node:child_process');
    const dir = tempDir();
    const first = new FileWireStore(dir);
    expect(() => new FileWireStore(dir)).toThrow(`${dir} is being written by process ${process.pid}: one writer at a time (share an index between workers through Redis).`);
    // A reader opens alongside it.
    const reader = new FileWireStore(dir, { readOnly: true });
    expect((await reader.stats()).articles).toBe(0);
    await reader.close();
    await first.close();
    expect(existsSync(join(dir, 'writer.lock'))).toBe(false);
    // A killed writer's lock is stale: the next writer takes it.
    writeFileSync(join(dir, 'writer.lock'), String(spawnSync(process.execPath, ['-e', '0']).pid));
    const next = new FileWireStore(dir);
    await next.close();
  });

  it("should leave a writer's half-written last line alone when a reader opens the store", async () => {
    const dir = tempDir();
    const w = new FileWireStore(dir);
    await w.put({ id: 'a', story: 's1', text: 'x', time: 0, seq: 0, buckets: [1], trigrams: [1] });
    const file = join(dir, 'journal.jsonl');
    appendFileSync(file, '{"op":"put","article":{"id":"b"'); // the writer, mid-line
    const size = readFileSync(file).length;
    const r = new FileWireStore(dir, { readOnly: true });
    expect((await r.stats()).articles).toBe(1);
    await r.close();
    expect(readFileSync(file).length).toBe(size);
    await w.close();
  });

  it('should refuse to read a folder that holds no store', () => {
    expect(() => new FileWireStore(join(tempDir(), 'mistyped'), { readOnly: true })).toThrow(/no wiretrace store here/);
  });
});

describe('file store on a full disk', () => {
  it('should take back a write that failed part-way, so the journal stays whole and opens again', async () => {
    class FullOnce extends FileWireStore {
      failNext = false;
      protected override writeAll(data: Buffer): void {
        if (this.failNext) {
          this.failNext = false;
          super.writeAll(data.subarray(0, Math.floor(data.length / 2))); // half a line lands
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        super.writeAll(data);
      }
    }
    const dir = tempDir();
    const store = new FullOnce(dir);
    const article = (id: string, seq: number) => ({ id, story: 's1', text: id, time: 0, seq, buckets: [seq], trigrams: [seq] });
    await store.put(article('a', 1));
    store.failNext = true;
    await expect(store.put(article('b', 2))).rejects.toThrow('ENOSPC');
    await store.put(article('c', 3)); // space is back
    await store.close();
    const reopened = new FileWireStore(dir);
    expect(reopened.recovered).toBe(0);
    expect([(await reopened.get('a'))?.id, await reopened.get('b'), (await reopened.get('c'))?.id]).toEqual(['a', undefined, 'c']);
    await reopened.close();
  });

  it('should say what a recovery dropped, with a non-zero exit', async () => {
    const { runCliAsync } = await import('../src/cli/main.js');
    const dir = tempDir();
    const s = new FileWireStore(dir);
    await s.put({ id: 'a', story: 's1', text: 'a', time: 0, seq: 1, buckets: [1], trigrams: [1] });
    await s.close();
    appendFileSync(join(dir, 'journal.jsonl'), '{"op":"put","arti'); // a crash mid-line
    let err = '';
    const code = await runCliAsync({ argv: ['index', 'add', '--store', dir], readStdin: () => '', stdinLines: async function* () {}, stdout: () => undefined, stderr: (x) => (err += x) });
    expect(code).toBe(1);
    expect(err).toContain('dropped 1 cut-short line at the end of the journal');
    // The older journal is moved into the database as it is opened, and that is said too.
    expect(err).toContain(`${dir}: moved 1 article from the older journal (journal.jsonl, kept as journal.jsonl.migrated) into the database`);
  });
});

describe('feed articles as compare takes them', () => {
  it('should take { text, format: "html" } like { html }', async () => {
    const { readFileSync: read } = await import('node:fs');
    const page = read(new URL('./fixtures/planet-karabakh.html', import.meta.url), 'utf8');
    const index = createWireIndex({ now: () => 0 });
    await index.add({ id: 'a', html: page });
    const viaHtml = await index.query({ id: 'b', html: page });
    const viaFormat = await index.query({ id: 'b', text: page, format: 'html' });
    expect(viaFormat).toEqual(viaHtml);
    expect(viaFormat.derivedShare).toBeGreaterThan(0.9);
    await expect(index.add({ id: 'c', text: page, format: 'pdf' as never })).rejects.toThrow('format must be "text" or "html"');
  });
});
