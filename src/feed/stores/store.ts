/**
 * Storage of a streaming wire index, behind one small asynchronous interface (as datasketch's
 * `storage.py` is for its LSH), so that the in-memory store, the on-disk store and a Redis
 * store shared by many workers are interchangeable.
 */

/** An article as the index keeps it. */
export interface StoredArticle {
  /** Article id. */
  id: string;
  /** Story it belongs to. */
  story: string;
  /** Plain text (for HTML input: the extracted text). */
  text: string;
  /** Outlet, URL and publication time, when given. */
  outlet?: string;
  url?: string;
  publishedAt?: string;
  /** Time it entered the window: its publication time, else when it was added (ms since epoch). */
  time: number;
  /** Ingest order within the store. */
  seq: number;
  /** Bucket hashes of its document signature, one per band. */
  buckets: number[];
  /** Sorted set of its content-bearing word trigrams (story verification). */
  trigrams: number[];
}

/** Stored articles that go to another story (an existing one, or a new id from `allocate`). */
export interface StoryMove {
  readonly into: string;
  readonly ids: readonly string[];
}

/** Counts a store reports. */
export interface StoreStats {
  articles: number;
  stories: number;
}

/** Where a wire index keeps its articles and stories. */
export interface WireStore {
  /** `memory`, `lmdb`, `file` or `redis`. */
  readonly kind: string;
  /** An article by id. */
  get(id: string): Promise<StoredArticle | undefined>;
  /**
   * Stores an article under its story and indexes its buckets, and moves the stored articles
   * `moves` names into their stories (what its arrival changed): one write, all or nothing.
   */
  put(article: StoredArticle, moves?: readonly StoryMove[]): Promise<void>;
  /** Removes an article: all or nothing. Returns it, or `undefined` if absent. */
  delete(id: string): Promise<StoredArticle | undefined>;
  /** Ids of the articles that share at least one bucket with `buckets`. */
  candidates(buckets: readonly number[]): Promise<string[]>;
  /** Ids of a story's articles, in ingest order. */
  story(storyId: string): Promise<string[]>;
  /** Every story id. */
  stories(): Promise<string[]>;
  /**
   * Moves the articles `ids` into the story `into` (an existing story, or a new id from
   * {@link WireStore.allocate}): all or nothing. A story left without articles is gone.
   */
  move(into: string, ids: readonly string[]): Promise<void>;
  /** A story id never handed out before, and the next ingest sequence number. */
  allocate(): Promise<{ story: string; seq: number }>;
  /** Runs `fn` while no other writer (in this or another process) holds the store. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Counts. */
  stats(): Promise<StoreStats>;
  /** Releases connections and files. */
  close(): Promise<void>;
}
