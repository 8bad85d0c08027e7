/**
 * The Redis store: one index shared by many worker processes on many machines (through
 * `ioredis`, an optional peer dependency loaded only when this store is opened).
 *
 * Every key starts with `wt:<namespace>:`, and article ids appear in keys only hex-encoded, so no
 * id (spaces, colons, Unicode, 10 kB long) can collide with another or escape the namespace.
 * Writing one article is one MULTI/EXEC transaction (or one Lua script where a step depends on
 * what is stored), so a crash or a Redis restart never leaves half an article behind. Story
 * assignment runs under a lock shared by all workers (SET NX PX with a token, released by a
 * compare-and-delete script), so concurrent workers end with the stories one worker would make.
 * A `format` key records the layout version; a store of another version is refused.
 */

import type { StoredArticle, StoreStats, StoryMove, WireStore } from './store.js';

/** Layout version of the keys this version reads and writes. */
export const REDIS_STORE_FORMAT = 'wiretrace/redis-store@1';

/** Options of {@link openRedisWireStore}. */
export interface RedisStoreOptions {
  /**
   * Key namespace: indexes with different namespaces share a Redis without meeting.
   * @default 'default'
   */
  namespace?: string;
  /**
   * How long a worker may hold the write lock before it is considered dead (ms).
   * @default 30000
   */
  lockTtlMs?: number;
  /**
   * How long to wait for the server to connect, and for any one command to answer (ms): a server
   * that accepts the connection and never answers (hung, paused, a proxy) is an error, not a wait.
   * @default 10000
   */
  timeoutMs?: number;
}

/** The URL with its password hidden, for messages. */
function redact(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

interface RedisLike {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ...args: Array<string | number>): Promise<string | null>;
  mget(...keys: string[]): Promise<Array<string | null>>;
  smembers(key: string): Promise<string[]>;
  scard(key: string): Promise<number>;
  zrange(key: string, start: number, stop: number): Promise<string[]>;
  incr(key: string): Promise<number>;
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  multi(): { exec(): Promise<Array<[Error | null, unknown]> | null> } & Record<string, (...args: Array<string | number>) => unknown>;
  watch(...keys: string[]): Promise<unknown>;
  unwatch(): Promise<unknown>;
  config(op: 'GET', name: string): Promise<unknown>;
  pipeline(): { exec(): Promise<Array<[Error | null, unknown]> | null> } & Record<string, (...args: Array<string | number>) => unknown>;
  quit(): Promise<unknown>;
  disconnect(): void;
}

const hex = (id: string): string => Buffer.from(id, 'utf8').toString('hex');
const unhex = (h: string): string => Buffer.from(h, 'hex').toString('utf8');

const UNLOCK_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
// Extends the lock while its holder works, only if it still holds it.
const EXTEND_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
// A write script runs only while the caller holds the lock (the fencing token is the lock's value).
const FENCE = `if KEYS[1] ~= '' and redis.call('GET', KEYS[1]) ~= ARGV[#ARGV] then return redis.error_reply('LOCKLOST the story lock was lost before this write') end
`;

// Deletes an article and its index entries, and its story when it was the last member.
const DELETE_SCRIPT = `
${FENCE}local p, h = ARGV[1], ARGV[2]
local story = redis.call('GET', p .. 'astory:' .. h)
if not story then return 0 end
local buckets = cjson.decode(redis.call('GET', p .. 'abuckets:' .. h))
for band, b in ipairs(buckets) do
  redis.call('SREM', p .. 'bucket:' .. (band - 1) .. ':' .. string.format('%d', b), h)
end
redis.call('ZREM', p .. 'story:' .. story, h)
if redis.call('ZCARD', p .. 'story:' .. story) == 0 then redis.call('SREM', p .. 'stories', story) end
redis.call('DEL', p .. 'article:' .. h, p .. 'astory:' .. h, p .. 'abuckets:' .. h)
redis.call('SREM', p .. 'articles', h)
return 1`;

// Moves the articles ARGV[3..] (hex ids) into story ARGV[2]; a story left empty is gone.
const MOVE_SCRIPT = `
${FENCE}local p, into = ARGV[1], ARGV[2]
local moved = 0
for i = 3, #ARGV - 1 do
  local h = ARGV[i]
  local from = redis.call('GET', p .. 'astory:' .. h)
  if from and from ~= into then
    local seq = redis.call('ZSCORE', p .. 'story:' .. from, h)
    redis.call('ZREM', p .. 'story:' .. from, h)
    if redis.call('ZCARD', p .. 'story:' .. from) == 0 then redis.call('SREM', p .. 'stories', from) end
    redis.call('ZADD', p .. 'story:' .. into, seq, h)
    redis.call('SET', p .. 'astory:' .. h, into)
    moved = moved + 1
  end
end
if moved > 0 then redis.call('SADD', p .. 'stories', into) end
return moved`;


const LOCK_LOST = 'the story lock was lost before this write (another worker may hold it now); the article was not written.';

class RedisWireStore implements WireStore {
  readonly kind = 'redis';
  private readonly p: string;
  private readonly lockKey: string;
  /** The fencing token while this worker holds the lock. */
  private token: string | null = null;

  constructor(
    private readonly redis: RedisLike,
    namespace: string,
    private readonly lockTtlMs: number,
  ) {
    this.p = `wt:${hex(namespace)}:`;
    this.lockKey = `${this.p}lock`;
  }

  /** Checks (or writes) the layout version. */
  async init(): Promise<void> {
    // Reading must not need a write: the format key is written only when the store is new (a full
    // Redis under noeviction still answers stats and report).
    let format = await this.redis.get(`${this.p}format`);
    if (format === null) {
      await this.redis.set(`${this.p}format`, REDIS_STORE_FORMAT, 'NX');
      format = await this.redis.get(`${this.p}format`);
    }
    if (format !== REDIS_STORE_FORMAT)
      throw new Error(`The Redis store was written in format ${JSON.stringify(format)}; this version of wiretrace reads ${REDIS_STORE_FORMAT} only.`);
  }

  async get(id: string): Promise<StoredArticle | undefined> {
    const h = hex(id);
    const [body, story] = await this.redis.mget(`${this.p}article:${h}`, `${this.p}astory:${h}`);
    if (body === null || body === undefined || story === null || story === undefined) return undefined;
    return { ...(JSON.parse(body) as Omit<StoredArticle, 'story'>), story };
  }

  async put(a: StoredArticle, moves: readonly StoryMove[] = []): Promise<void> {
    const h = hex(a.id);
    const { story, ...body } = a;
    // Fencing: the write goes through only if this worker still holds the lock when it lands.
    if (this.token !== null) {
      await this.redis.watch(this.lockKey);
      if ((await this.redis.get(this.lockKey)) !== this.token) {
        await this.redis.unwatch();
        throw new Error(LOCK_LOST);
      }
    }
    const m = this.redis.multi();
    m.set!(`${this.p}article:${h}`, JSON.stringify(body));
    m.set!(`${this.p}astory:${h}`, story);
    m.set!(`${this.p}abuckets:${h}`, JSON.stringify(a.buckets));
    m.zadd!(`${this.p}story:${story}`, a.seq, h);
    m.sadd!(`${this.p}stories`, story);
    m.sadd!(`${this.p}articles`, h);
    a.buckets.forEach((b, band) => m.sadd!(`${this.p}bucket:${band}:${b}`, h));
    // The articles its arrival moves, in the same transaction.
    for (const x of moves) m.eval!(MOVE_SCRIPT, 1, this.token === null ? '' : this.lockKey, this.p, x.into, ...x.ids.map(hex), this.token ?? '');
    const res = await m.exec();
    if (res === null) throw new Error(LOCK_LOST); // the lock changed hands between WATCH and EXEC
    for (const [err] of res) if (err !== null) throw err;
    // Verified, not assumed: a server that drops keys must not acknowledge an article it lost.
    if ((await this.redis.get(`${this.p}astory:${h}`)) !== story) throw new Error(`article ${JSON.stringify(a.id)} was not kept by the Redis server after its write.`);
  }

  async delete(id: string): Promise<StoredArticle | undefined> {
    const a = await this.get(id);
    if (a === undefined) return undefined;
    await this.redis.eval(DELETE_SCRIPT, 1, this.token === null ? '' : this.lockKey, this.p, hex(id), this.token ?? '');
    return a;
  }

  async candidates(buckets: readonly number[]): Promise<string[]> {
    const pipe = this.redis.pipeline();
    buckets.forEach((b, band) => pipe.smembers!(`${this.p}bucket:${band}:${b}`));
    const out = new Set<string>();
    for (const [, members] of (await exec(pipe)) as Array<[Error | null, string[]]>) for (const h of members) out.add(unhex(h));
    return [...out];
  }

  async story(storyId: string): Promise<string[]> {
    return (await this.redis.zrange(`${this.p}story:${storyId}`, 0, -1)).map(unhex);
  }

  async stories(): Promise<string[]> {
    return this.redis.smembers(`${this.p}stories`);
  }

  async move(into: string, ids: readonly string[]): Promise<void> {
    await this.redis.eval(MOVE_SCRIPT, 1, this.token === null ? '' : this.lockKey, this.p, into, ...ids.map(hex), this.token ?? '');
  }

  async allocate(): Promise<{ story: string; seq: number }> {
    const seq = await this.redis.incr(`${this.p}seq`);
    return { story: `s${seq}`, seq };
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const key = this.lockKey;
    const token = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    for (let wait = 2; ; wait = Math.min(50, wait * 2)) {
      if ((await this.redis.set(key, token, 'PX', this.lockTtlMs, 'NX')) === 'OK') break;
      await new Promise((r) => setTimeout(r, wait));
    }
    // Held as long as the work runs: extended every third of its time to live. Should it be lost
    // anyway (a pause longer than the TTL), the fencing token stops this worker's writes.
    this.token = token;
    const heartbeat = setInterval(() => {
      this.redis.eval(EXTEND_SCRIPT, 1, key, token, this.lockTtlMs).catch(() => undefined);
    }, Math.max(10, Math.floor(this.lockTtlMs / 3)));
    heartbeat.unref?.();
    try {
      return await fn();
    } finally {
      clearInterval(heartbeat);
      this.token = null;
      await this.redis.eval(UNLOCK_SCRIPT, 1, key, token);
    }
  }

  async stats(): Promise<StoreStats> {
    const [articles, stories] = await Promise.all([this.redis.scard(`${this.p}articles`), this.redis.scard(`${this.p}stories`)]);
    return { articles, stories };
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}

async function exec(m: { exec(): Promise<Array<[Error | null, unknown]> | null> }): Promise<Array<[Error | null, unknown]>> {
  const res = await m.exec();
  if (res === null) throw new Error('Redis transaction was aborted.');
  for (const [err] of res) if (err !== null) throw err;
  return res;
}

/**
 * Opens a Redis store.
 *
 * @param url - `redis://host:port[/db]`.
 * @param options - Namespace and lock timeout.
 * @returns The store, connected and checked.
 * @throws Error when `ioredis` is not installed, Redis cannot be reached, or the store is of another version.
 */
export async function openRedisWireStore(url: string, options: RedisStoreOptions = {}): Promise<WireStore> {
  let Redis: new (url: string, opts: Record<string, unknown>) => RedisLike;
  try {
    Redis = ((await import('ioredis')) as unknown as { Redis: typeof Redis }).Redis;
  } catch {
    throw new Error('The Redis store needs the ioredis package: npm install ioredis');
  }
  // Fail loudly rather than wait forever: commands error while disconnected, and a failed
  // connection attempt is retried a few times before the error reaches the caller.
  const timeout = options.timeoutMs ?? 10_000;
  if (!Number.isFinite(timeout) || timeout <= 0) throw new RangeError(`timeoutMs must be a positive number of ms (got ${String(options.timeoutMs)}).`);
  const where = redact(url);
  const db = /^rediss?:\/\/[^/]*\/(\d+)\/?$/.exec(url)?.[1];
  const redis = new Redis(url, {
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
    lazyConnect: true,
    connectTimeout: timeout,
    commandTimeout: timeout,
    retryStrategy: (n: number) => (n > 20 ? null : Math.min(1000, n * 100)),
  });
  // Connection errors reach callers as rejected commands; without a listener ioredis would also
  // print each one.
  // print each one. The last one is kept: it holds the server's own words (WRONGPASS, NOAUTH).
  let lastError: Error | null = null;
  (redis as unknown as { on(event: string, fn: (e: Error) => void): void }).on('error', (e) => {
    lastError = e;
  });
  const fail = (e: unknown): Error => {
    redis.disconnect();
    const own = lastError !== null && lastError !== e ? ` (${redact((lastError as Error).message)})` : '';
    return new Error(`Cannot connect to Redis at ${where}: ${redact((e as Error).message)}${own}`);
  };
  try {
    await (redis as unknown as { connect(): Promise<void> }).connect();
    // A database out of range must be an error, never data written to db 0 instead.
    if (db !== undefined) await (redis as unknown as { select(n: number): Promise<unknown> }).select(Number(db));
    await (redis as unknown as { ping(): Promise<unknown> }).ping();
  } catch (e) {
    throw fail(e);
  }
  // A server that evicts any key when full would drop acknowledged articles without a word.
  let policy: string | null = null;
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    policy = reply[1] ?? null;
  } catch {
    // CONFIG is disabled on some managed servers: the policy cannot be checked there.
  }
  if (policy !== null && policy.startsWith('allkeys-')) {
    redis.disconnect();
    throw new Error(
      `The Redis server at ${where} evicts any key when full (maxmemory-policy ${policy}): the index would lose articles without a word. Use noeviction (or a volatile-* policy).`,
    );
  }
  const store = new RedisWireStore(redis, options.namespace ?? 'default', options.lockTtlMs ?? 30_000);
  try {
    await store.init();
  } catch (e) {
    redis.disconnect();
    throw e;
  }
  return store;
}
