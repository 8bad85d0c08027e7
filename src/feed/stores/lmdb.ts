/**
 * The on-disk store on LMDB (the `lmdb` package): a folder holding one memory-mapped database.
 *
 * Why LMDB: its binary ships in the npm package (no compiler on install), a committed
 * transaction survives kill -9 and power loss (copy-on-write B+trees, no journal to replay), and
 * opening maps the file instead of reading it, so memory does not grow with the store. Every
 * article is one transaction, committed before `put` returns. Readers in other processes see
 * every committed article. Several processes may write: each add (find its story, write it)
 * holds the folder's `write.lock`, so adds from different processes are one after the other and
 * end with the stories one writer gives. A folder that holds the older journal (`journal.jsonl`)
 * is migrated into the database the first time it is opened to write.
 *
 * @packageDocumentation
 */

import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, RootDatabase, open as openLmdb } from 'lmdb';
import { FileWireStore } from './file.js';
import { withWriteLock, writeLockSync } from './lock.js';
import { Mutex } from './memory.js';
import type { StoredArticle, StoreStats, StoryMove, WireStore } from './store.js';

/** Format written into the database; another version is refused. */
export const LMDB_STORE_FORMAT = 'wiretrace/lmdb@1';

/** Options of {@link LmdbWireStore}. */
export interface LmdbStoreOptions {
  /**
   * Open to read only: no lock, no write; the folder must hold a store.
   * @default false
   */
  readOnly?: boolean;
}

/**
 * Opens (or, to write, creates) the embedded on-disk store in `dir`. The `lmdb` package is
 * loaded here, on first use, so a program that never opens a store never loads it.
 *
 * @param dir - The store folder.
 * @param options - `readOnly`.
 * @returns The store.
 * @throws Error naming the folder: not a store (read-only), another format, another writer.
 * @example
 * ```ts
 * const index = createWireIndex({ store: await openLmdbWireStore('./wire-index') });
 * ```
 */
export async function openLmdbWireStore(dir: string, options: LmdbStoreOptions = {}): Promise<LmdbWireStore> {
  if (typeof dir !== 'string' || dir.length === 0) throw new TypeError('dir must be a non-empty folder path.');
  const { open } = await import('lmdb');
  return new LmdbWireStore(dir, options, open);
}

/** The embedded on-disk store, on LMDB (open it with {@link openLmdbWireStore}). */
export class LmdbWireStore implements WireStore {
  readonly kind: string = 'lmdb';
  /** Articles migrated from an older journal when the store was opened (0 if none). */
  readonly migrated: number = 0;
  /** Cut-short lines dropped from the end of an older journal while migrating it (0 if none). */
  readonly recovered: number = 0;
  private readonly root: RootDatabase;
  private readonly articles: Database<StoredArticle, string>;
  private readonly buckets: Database<string, [number, number]>;
  private readonly members: Database<[number, string], string>;
  private readonly meta: Database<unknown, string>;
  private readonly dir: string;
  private readonly readOnly: boolean;
  private readonly mutex = new Mutex();

  /**
   * Use {@link openLmdbWireStore}.
   *
   * @param dir - The store folder.
   * @param options - `readOnly`.
   * @param open - The `lmdb` package's `open`.
   */
  constructor(dir: string, options: LmdbStoreOptions, open: typeof openLmdb) {
    const readOnly = options.readOnly === true;
    const path = join(dir, 'wire.mdb');
    const journal = join(dir, 'journal.jsonl');
    if (readOnly && !existsSync(path)) {
      if (existsSync(journal)) throw new Error(`${dir}: an older journal store; open it once to write (index add) to migrate it.`);
      throw new Error(`${dir}: no wiretrace store here (no wire.mdb); check the path.`);
    }
    this.dir = dir;
    this.readOnly = readOnly;
    if (!readOnly) mkdirSync(dir, { recursive: true });
    // Opening to write holds write.lock while it creates the database or migrates a journal, so
    // two writers opening at once neither both create it nor both migrate.
    const release = readOnly ? () => {} : writeLockSync(dir);
    try {
      // An older journal is read as its own writer (it recovers a cut-short last line, and says so).
      let old: StoredArticle[] | null = null;
      if (!readOnly && existsSync(journal)) {
        const file = new FileWireStore(dir);
        old = file.snapshot();
        this.recovered = file.recovered;
        file.closeSync();
      }
      this.root = open({ path, noSubdir: true, readOnly, maxDbs: 8, compression: false });
      this.articles = this.root.openDB({ name: 'articles' });
      this.buckets = this.root.openDB({ name: 'buckets', dupSort: true });
      this.members = this.root.openDB({ name: 'members', dupSort: true });
      this.meta = this.root.openDB({ name: 'meta' });
      try {
        const format = this.meta.get('format');
        if (format === undefined && !readOnly) this.meta.putSync('format', LMDB_STORE_FORMAT);
        else if (format !== LMDB_STORE_FORMAT) throw new Error(`${dir}: a store of format ${JSON.stringify(format)}; this wiretrace reads ${LMDB_STORE_FORMAT}.`);
        if (old !== null) {
          const articles = old;
          this.root.transactionSync(() => {
            for (const a of articles) this.write(a);
          });
          renameSync(journal, `${journal}.migrated`);
          this.migrated = old.length;
        }
      } catch (e) {
        // Not ours to keep open: the environment is closed before the error goes up.
        void this.root.close();
        throw e;
      }
    } finally {
      release();
    }
  }

  /** Stories counted as they come and go (counting the keys would read the whole table). */
  private storyCount(): number {
    const n = this.meta.get('stories') as number | undefined;
    return n ?? this.members.getKeysCount();
  }

  private countStories(delta: number): void {
    this.meta.putSync('stories', this.storyCount() + delta);
  }

  private write(a: StoredArticle): void {
    const before = this.articles.get(a.id);
    if (before !== undefined) this.erase(before);
    this.articles.putSync(a.id, a);
    a.buckets.forEach((b, band) => this.buckets.putSync([band, b], a.id));
    if (!this.members.doesExist(a.story)) this.countStories(1);
    this.members.putSync(a.story, [a.seq, a.id]);
    const seq = (this.meta.get('seq') as number | undefined) ?? 0;
    if (a.seq > seq) this.meta.putSync('seq', a.seq);
  }

  private erase(a: StoredArticle): void {
    this.articles.removeSync(a.id);
    a.buckets.forEach((b, band) => this.buckets.removeSync([band, b], a.id));
    this.members.removeSync(a.story, [a.seq, a.id]);
    if (!this.members.doesExist(a.story)) this.countStories(-1);
  }

  async get(id: string): Promise<StoredArticle | undefined> {
    return this.articles.get(id);
  }

  async put(article: StoredArticle, moves: readonly StoryMove[] = []): Promise<void> {
    await this.root.transaction(() => {
      this.write(article);
      for (const m of moves) this.moveSync(m.into, m.ids);
    });
    // Acknowledged only once it is on disk, not only in the page cache.
    await this.root.flushed;
  }

  async delete(id: string): Promise<StoredArticle | undefined> {
    const a = this.articles.get(id);
    if (a !== undefined) await this.root.transaction(() => this.erase(a));
    return a;
  }

  async candidates(buckets: readonly number[]): Promise<string[]> {
    const out = new Set<string>();
    buckets.forEach((b, band) => {
      for (const id of this.buckets.getValues([band, b])) out.add(id);
    });
    return [...out];
  }

  async story(storyId: string): Promise<string[]> {
    return Array.from(this.members.getValues(storyId), (m) => m[1]);
  }

  async stories(): Promise<string[]> {
    return Array.from(this.members.getKeys());
  }

  async move(into: string, ids: readonly string[]): Promise<void> {
    await this.root.transaction(() => this.moveSync(into, ids));
  }

  /** Moves articles between stories, inside the caller's transaction. */
  private moveSync(into: string, ids: readonly string[]): void {
    for (const id of ids) {
      const a = this.articles.get(id);
      if (a === undefined || a.story === into) continue;
      this.members.removeSync(a.story, [a.seq, id]);
      if (!this.members.doesExist(a.story)) this.countStories(-1);
      if (!this.members.doesExist(into)) this.countStories(1);
      this.members.putSync(into, [a.seq, id]);
      this.articles.putSync(id, { ...a, story: into });
    }
  }

  async allocate(): Promise<{ story: string; seq: number }> {
    // Story ids come from the same counter in every store, so stores give identical results.
    const seq = await this.root.transaction(() => {
      const next = ((this.meta.get('seq') as number | undefined) ?? 0) + 1;
      this.meta.putSync('seq', next);
      return next;
    });
    return { story: `s${seq}`, seq };
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.readOnly) return this.mutex.run(fn);
    // Across processes: write.lock; then reads start from what other writers have committed.
    return this.mutex.run(() =>
      withWriteLock(this.dir, () => {
        this.root.resetReadTxn();
        return fn();
      }),
    );
  }

  async stats(): Promise<StoreStats> {
    return { articles: (this.articles.getStats() as { entryCount: number }).entryCount, stories: this.storyCount() };
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}
