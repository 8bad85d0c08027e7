import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { compareArticles, type Article, type CompareOptions, type FeedArticle, type WireIndex } from '../src/index.js';

/** Folder of the bundled seed corpus. */
export const corpusDir = fileURLToPath(new URL('../test-corpus/', import.meta.url));

/** The five seed articles, ids without the hash suffix lookup helpers. */
export function seeds(): Article[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(corpusDir + f, 'utf8') }));
}

/** A seed by its number ("000" … "004"). */
export function seed(n: string): Article {
  const a = seeds().find((s) => s.id.startsWith(n));
  if (a === undefined) throw new Error(`no seed ${n}`);
  return a;
}

/** Offset of a phrase in a text (throws when absent, so a typo fails loudly). */
export function at(text: string, phrase: string): number {
  const i = text.indexOf(phrase);
  if (i < 0) throw new Error(`phrase not found: ${phrase}`);
  return i;
}

/**
 * Runs `node cli …args` as a feed worker that is killed (SIGKILL) once it has acknowledged
 * exactly `n` articles: lines are written one at a time, the next only after the previous
 * result came back, and after the n-th result the worker is killed while it waits for input.
 * No timing: the store then holds exactly the n acknowledged articles.
 */
export async function killAfterAcknowledged(cli: string, args: readonly string[], lines: readonly string[], n: number): Promise<void> {
  const { spawn } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args]);
    let buffered = '';
    let acknowledged = 0;
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      acknowledged += parts.length;
      if (acknowledged >= n) child.kill('SIGKILL');
      else if (parts.length > 0) child.stdin.write(lines[acknowledged]! + '\n');
    });
    child.on('error', reject);
    child.on('close', () => (acknowledged === n ? resolve() : reject(new Error(`worker acknowledged ${acknowledged} articles, expected ${n}`))));
    child.stdin.write(lines[0]! + '\n');
  });
}

/**
 * Parity of the feed with `compare`: every story's `index.report` is `compareArticles` on that
 * story's articles, the same JSON once the story is called by the index's name and the texts the
 * feed report carries (for quoting) are set aside. Returns how many stories were checked.
 */
export async function expectReportsMatchCompare(index: WireIndex, articles: readonly FeedArticle[], options: CompareOptions = {}): Promise<number> {
  const listed = await index.list();
  const stories = [...new Set(listed.map((a) => a.story))];
  for (const story of stories) {
    const ids = new Set(listed.filter((a) => a.story === story).map((a) => a.id));
    const own = articles.filter((a) => ids.has(a.id)).map((a) => ({ id: a.id, text: a.text!, ...(a.outlet !== undefined ? { outlet: a.outlet } : {}) }));
    const compared = compareArticles(own, options);
    // One story, or none when the index's story is a single article (compare needs two).
    expect(compared.stories).toHaveLength(ids.size === 1 ? 0 : 1);
    const fed = await index.report(story);
    const named = (json: string, from: string | undefined): string => (from === undefined ? json : json.replaceAll(`"${from}"`, '"STORY"').replaceAll(`"${from}.`, '"STORY.'));
    expect(named(JSON.stringify({ ...fed, documents: fed.documents.map(({ text: _text, ...d }) => d) }), story)).toBe(named(JSON.stringify(compared), compared.stories[0]?.id));
  }
  return stories.length;
}

/** A feed with what real feeds carry between stories: stock lines, briefs, one-liners. */
export function realisticFeed(articles: readonly FeedArticle[]): FeedArticle[] {
  const stock = ['This story has been updated.', 'Follow us on Twitter for the latest news.', 'Sign up for our newsletter.'];
  return articles.map((a, i) =>
    i % 3 === 0 ? { ...a, text: `${a.text}\n\n${stock[i % stock.length]}` } : i % 5 === 1 ? { ...a, id: `${a.id}-brief`, text: a.text!.split('\n\n').slice(0, 2).join('\n\n') } : a,
  );
}
