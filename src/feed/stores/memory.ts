/** The in-memory wire store, and the base the on-disk store builds on. */

import type { StoredArticle, StoreStats, StoryMove, WireStore } from './store.js';

/** A promise-chain mutex: callers run one at a time, in call order. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every earlier caller has finished. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** The default store: everything in memory, gone with the process. */
export class MemoryWireStore implements WireStore {
  readonly kind: string = 'memory';
  protected readonly articles = new Map<string, StoredArticle>();
  protected readonly storyMembers = new Map<string, string[]>();
  protected readonly buckets = new Map<string, Set<string>>();
  protected nextSeq = 1;
  private readonly mutex = new Mutex();

  async get(id: string): Promise<StoredArticle | undefined> {
    return this.articles.get(id);
  }

  async put(article: StoredArticle, moves: readonly StoryMove[] = []): Promise<void> {
    this.applyPut(article);
    for (const m of moves) this.applyMove(m.into, m.ids);
  }

  async delete(id: string): Promise<StoredArticle | undefined> {
    const a = this.articles.get(id);
    if (a !== undefined) this.applyDelete(id);
    return a;
  }

  async candidates(buckets: readonly number[]): Promise<string[]> {
    const out = new Set<string>();
    buckets.forEach((b, band) => {
      for (const id of this.buckets.get(`${band}:${b}`) ?? []) out.add(id);
    });
    return [...out];
  }

  async story(storyId: string): Promise<string[]> {
    return [...(this.storyMembers.get(storyId) ?? [])];
  }

  async stories(): Promise<string[]> {
    return [...this.storyMembers.keys()];
  }

  async move(into: string, ids: readonly string[]): Promise<void> {
    this.applyMove(into, ids);
  }

  async allocate(): Promise<{ story: string; seq: number }> {
    // Story ids come from the same counter in every store, so stores give identical results.
    const seq = this.nextSeq++;
    return { story: `s${seq}`, seq };
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(fn);
  }

  async stats(): Promise<StoreStats> {
    return { articles: this.articles.size, stories: this.storyMembers.size };
  }

  async close(): Promise<void> {}

  /** @internal */
  protected applyPut(a: StoredArticle): void {
    if (this.articles.has(a.id)) this.applyDelete(a.id);
    this.articles.set(a.id, a);
    const members = this.storyMembers.get(a.story) ?? [];
    members.push(a.id);
    members.sort((x, y) => this.articles.get(x)!.seq - this.articles.get(y)!.seq);
    this.storyMembers.set(a.story, members);
    a.buckets.forEach((b, band) => {
      const key = `${band}:${b}`;
      let set = this.buckets.get(key);
      if (set === undefined) this.buckets.set(key, (set = new Set()));
      set.add(a.id);
    });
    this.nextSeq = Math.max(this.nextSeq, a.seq + 1);
  }

  /** @internal */
  protected applyDelete(id: string): void {
    const a = this.articles.get(id);
    if (a === undefined) return;
    this.articles.delete(id);
    const members = (this.storyMembers.get(a.story) ?? []).filter((x) => x !== id);
    if (members.length === 0) this.storyMembers.delete(a.story);
    else this.storyMembers.set(a.story, members);
    a.buckets.forEach((b, band) => {
      const key = `${band}:${b}`;
      const set = this.buckets.get(key);
      set?.delete(id);
      if (set?.size === 0) this.buckets.delete(key);
    });
  }

  /** @internal */
  protected applyMove(into: string, ids: readonly string[]): void {
    const all = [...(this.storyMembers.get(into) ?? [])];
    for (const id of ids) {
      const a = this.articles.get(id);
      if (a === undefined || a.story === into) continue;
      const left = this.storyMembers.get(a.story)!.filter((x) => x !== id);
      if (left.length === 0) this.storyMembers.delete(a.story);
      else this.storyMembers.set(a.story, left);
      a.story = into;
      all.push(id);
    }
    all.sort((x, y) => this.articles.get(x)!.seq - this.articles.get(y)!.seq);
    if (all.length > 0) this.storyMembers.set(into, all);
  }
}
