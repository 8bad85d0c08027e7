import { it, expect } from 'vitest';
import { createWireIndex, compareArticles } from '../src/index.js';
import { generateCorpus } from './fixtures/corpus.js';
import { seeds } from './helpers.js';
it('parity', async () => {
  for (const seed of [1, 2, 3]) {
    const g = generateCorpus({ stories: 4, outletsPerStory: 4, unrelated: 4, seed });
    const feed = [...seeds().map((a) => ({ id: a.id, text: a.text })), ...g.map((a) => ({ id: a.id, text: a.text, outlet: a.outlet }))];
    const index = createWireIndex();
    for (const a of feed) await index.add(a);
    const listed = await index.list();
    const stories = [...new Set(listed.map((a) => a.story))];
    let same = 0, diff = 0;
    for (const s of stories) {
      const r = await index.report(s);
      const arts = listed.filter((a) => a.story === s).map((a) => feed.find((f) => f.id === a.id)!);
      const c = compareArticles(arts);
      const strip = JSON.stringify({ ...r, documents: r.documents.map(({ text, ...d }) => d) }).replaceAll(`"${s}`, '"S');
      const cs = JSON.stringify(c).replaceAll(`"${c.stories[0]?.id}`, '"S');
      if (strip === cs) same++; else { diff++; console.log(seed, s, arts.length, c.stories.length, strip.length, cs.length); }
    }
    console.log('seed', seed, 'same', same, 'diff', diff);
  }
});
