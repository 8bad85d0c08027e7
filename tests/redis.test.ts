import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from './fixtures/corpus.js';
import {
  MemoryWireStore,
  createWireIndex,
  openRedisWireStore,
  type FeedArticle,
  type IndexResult,
  type WireStore,
} from '../src/index.js';
import { REDIS_STORE_FORMAT } from '../src/feed/stores/redis.js';
import { checkFeedParity, checkSplitByStock, checkSplitOnRemove, parityPool, expectReportsMatchCompare, killAfterAcknowledged, realisticFeed, seeds } from './helpers.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390';
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const feed: FeedArticle[] = [
  ...seeds().map((a) => ({ id: a.id, text: a.text })),
  ...generateCorpus({ stories: 3, outletsPerStory: 4, unrelated: 3, seed: 33 }).map((a) => ({ id: a.id, text: a.text, outlet: a.outlet })),
];
let redis: Redis | undefined;
let available = false;

beforeAll(async () => {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    available = true;
    redis = probe;
  } catch (e) {
    probe.disconnect();
    // In CI a missing Redis is a failure, never a silent skip.
    if (process.env.CI) throw new Error(`Redis is not reachable at ${url} (${(e as Error).message}); .ci/run starts Debian's redis-server.`);
  }
});

const created: string[] = [];

// What the tests wrote is deleted, so a shared Redis is left as it was found.
afterAll(async () => {
  for (const ns of created) {
    let cursor = '0';
    do {
      const [next, keys] = await redis!.scan(cursor, 'MATCH', `wt:${Buffer.from(ns).toString('hex')}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis!.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  await redis?.quit();
});

let nsCounter = 0;
function namespace(): string {
  const ns = `test-${process.pid}-${Date.now()}-${nsCounter++}`;
  created.push(ns);
  return ns;
}

async function ingest(store: WireStore, articles: readonly FeedArticle[]): Promise<IndexResult[]> {
  const index = createWireIndex({ store, now: () => Date.parse('2023-09-20T12:00:00Z') });
  const out: IndexResult[] = [];
  for (const a of articles) out.push(await index.add(a));
  await index.close();
  return out;
}

/** Every article's current story, as a partition of ids. */
async function partition(store: WireStore, articles: readonly FeedArticle[]): Promise<string[][]> {
  const byStory = new Map<string, string[]>();
  for (const a of articles) {
    const s = (await store.get(a.id))!.story;
    byStory.set(s, [...(byStory.get(s) ?? []), a.id]);
  }
  return [...byStory.values()].map((x) => x.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

function worker(ns: string, lines: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'index', 'add', '--store', url, '--namespace', ns]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(lines);
  });
}

describe.skipIf(!process.env.CI && process.env.REDIS_URL === undefined && spawnSync('redis-cli', ['-u', url, 'ping']).stdout?.toString().trim() !== 'PONG')('redis store', () => {
  it('should be reachable', () => {
    expect(available).toBe(true);
  });

  it('should report every story as compare does for random feeds, revisions included (property)', async () => {
    await checkFeedParity(() => openRedisWireStore(url, { namespace: namespace() }), parityPool(), 12, 20261203);
  });

  it('should split a story that stock glued, and one whose bridging article is removed', async () => {
    await checkSplitByStock(await openRedisWireStore(url, { namespace: namespace() }));
    await checkSplitOnRemove(await openRedisWireStore(url, { namespace: namespace() }));
  });

  it('should give the same results as the memory store on the same feed', async () => {
    const mem = await ingest(new MemoryWireStore(), feed);
    const red = await ingest(await openRedisWireStore(url, { namespace: namespace() }), feed);
    expect(red).toEqual(mem);
  });

  it('should report every story as compare reports its articles', async () => {
    const real = realisticFeed(feed);
    const index = createWireIndex({ store: await openRedisWireStore(url, { namespace: namespace() }), now: () => Date.parse('2023-09-20T12:00:00Z') });
    for (const a of [...real].reverse()) await index.add(a);
    expect(await expectReportsMatchCompare(index, real)).toBeGreaterThanOrEqual(7);
    await index.close();
  });

  it('should end with the stories of one worker when four workers feed it at once', async () => {
    const single = new MemoryWireStore();
    await ingest(single, feed);
    const expected = await partition(single, feed);
    const ns = namespace();
    const quarters = [0, 1, 2, 3].map((w) => feed.filter((_, i) => i % 4 === w).map((a) => JSON.stringify(a)).join('\n') + '\n');
    const runs = await Promise.all(quarters.map((q) => worker(ns, q)));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const store = await openRedisWireStore(url, { namespace: ns });
    expect(await partition(store, feed)).toEqual(expected);
    expect((await store.stats()).articles).toBe(feed.length);
    await store.close();
  });

  it('should resume a killed worker without loss or duplicates', async () => {
    const ns = namespace();
    const lines = feed.map((a) => JSON.stringify(a)).join('\n') + '\n';
    // Kill the first worker once it has acknowledged exactly five articles.
    await killAfterAcknowledged(cli, ['index', 'add', '--store', url, '--namespace', ns], lines.trim().split('\n'), 5);
    const store = await openRedisWireStore(url, { namespace: ns });
    const before = (await store.stats()).articles;
    expect(before).toBe(5);
    await store.close();
    const again = await worker(ns, lines);
    expect(again.code).toBe(0);
    const results = again.out.trim().split('\n').map((l) => JSON.parse(l) as IndexResult);
    expect(results.filter((r) => r.alreadyIndexed)).toHaveLength(before);
    const after = await openRedisWireStore(url, { namespace: ns });
    expect((await after.stats()).articles).toBe(feed.length);
    const single = new MemoryWireStore();
    await ingest(single, feed);
    expect(await partition(after, feed)).toEqual(await partition(single, feed));
    await after.close();
  });

  it('should keep odd ids apart and inside their namespace', async () => {
    const ns = namespace();
    const ids = ['with space', 'with:colon', 'wt:other:article:x', 'Ünïcödé 阿塞拜疆', 'x'.repeat(10_000), '*', '{tag}'];
    const store = await openRedisWireStore(url, { namespace: ns });
    const index = createWireIndex({ store });
    const text = feed[1]!.text!;
    for (const id of ids) await index.add({ id, text });
    expect((await index.stats()).articles).toBe(ids.length);
    for (const id of ids) expect((await store.get(id))?.id).toBe(id);
    const prefix = `wt:${Buffer.from(ns).toString('hex')}:`;
    const keys = await redis!.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(ids.length);
    for (const id of ids.slice(0, 4)) expect(keys.some((k) => k.includes(id))).toBe(false);
    await index.close();
  });

  it('should refuse a store written in another format version', async () => {
    const ns = namespace();
    await redis!.set(`wt:${Buffer.from(ns).toString('hex')}:format`, 'wiretrace/redis-store@9');
    await expect(openRedisWireStore(url, { namespace: ns })).rejects.toThrow(
      `The Redis store was written in format "wiretrace/redis-store@9"; this version of wiretrace reads ${REDIS_STORE_FORMAT} only.`,
    );
  });

  it('should reconnect or fail loudly when Redis restarts mid-feed, leaving nothing half-written', async () => {
    const port = 6391 + (process.pid % 500);
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-redis-'));
    const start = (): ChildProcess => spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '']);
    let server = start();
    const own = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 50 && spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 100));
    const store = await openRedisWireStore(own, { namespace: 'restart' });
    const index = createWireIndex({ store });
    const outcomes: string[] = [];
    const add = async (i: number): Promise<void> => {
      try {
        await index.add(feed[i]!);
        outcomes.push('ok');
      } catch (e) {
        outcomes.push(`error: ${(e as Error).message}`);
      }
    };
    for (let i = 0; i < 6; i++) await add(i);
    // The server goes down: the next add must fail (not hang) while it is down, and must not
    // leave a half-written article. The server comes back only once that add has answered.
    server.kill('SIGKILL');
    await new Promise((r) => server.once('close', r));
    await add(6);
    server = start();
    for (let i = 0; i < 50 && spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 100));
    for (let i = 7; i < feed.length; i++) await add(i);
    expect(outcomes).toHaveLength(feed.length);
    expect(outcomes.slice(0, 6).every((o) => o === 'ok')).toBe(true);
    expect(outcomes[6]).toMatch(/^error: /);
    // Back up: the client reconnects and every later add succeeds.
    expect(outcomes.slice(7).every((o) => o === 'ok')).toBe(true);
    // Nothing half-written: every article the store holds is complete and indexed.
    const check = new Redis(own);
    const p = `wt:${Buffer.from('restart').toString('hex')}:`;
    for (const h of await check.smembers(`${p}articles`)) {
      expect(await check.exists(`${p}article:${h}`, `${p}astory:${h}`, `${p}abuckets:${h}`)).toBe(3);
      const story = (await check.get(`${p}astory:${h}`))!;
      expect(await check.zscore(`${p}story:${story}`, h)).not.toBeNull();
    }
    await check.quit();
    await index.close();
    server.kill('SIGKILL');
  });
});

describe('redis connection failures', () => {
  const hostPort = url.replace(/^redis:\/\//, '').replace(/\/.*$/, '');
  it('should refuse a database out of range instead of writing to db 0', async () => {
    if (!available) return;
    await expect(openRedisWireStore(`redis://${hostPort}/99`)).rejects.toThrow(new RegExp(`^Cannot connect to Redis at redis://${hostPort}/99: .*(out of range|invalid DB index)`, 'i'));
  });

  it('should give the server’s own words for a wrong password and never echo a password', async () => {
    if (!available) return;
    // A server of the test's own that wants a password.
    const port = 6391 + ((process.pid + 7) % 500);
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', 'right-one']);
    for (let i = 0; i < 50 && spawnSync('redis-cli', ['-p', String(port), '-a', 'right-one', '--no-auth-warning', 'ping']).stdout?.toString().trim() !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 100));
    try {
      const wrong = await openRedisWireStore(`redis://:hunter2secret@127.0.0.1:${port}`, { timeoutMs: 3000 }).then(
        () => null,
        (e: Error) => e,
      );
      expect(wrong).not.toBeNull();
      expect(wrong!.message).not.toContain('hunter2secret');
      expect(wrong!.message).toContain(`redis://:***@127.0.0.1:${port}`);
      expect(wrong!.message).toMatch(/WRONGPASS|invalid username-password|NOAUTH/);
    } finally {
      server.kill('SIGKILL');
    }
    // The right password when the server is down: still never echoed.
    const down = await openRedisWireStore(`redis://:right-one@127.0.0.1:${port}`, { timeoutMs: 500 }).then(
      () => null,
      (e: Error) => e,
    );
    expect(down!.message).not.toContain('right-one');
  });

  it('should fail, not wait, when a server accepts the connection and never answers', async () => {
    const net = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const server = net.createServer((s) => sockets.push(s)); // accepts, says nothing
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as import('node:net').AddressInfo).port;
    const started = Date.now();
    await expect(openRedisWireStore(`redis://127.0.0.1:${port}`, { timeoutMs: 300 })).rejects.toThrow(`Cannot connect to Redis at redis://127.0.0.1:${port}`);
    expect(Date.now() - started).toBeLessThan(20_000);
    for (const s of sockets) s.destroy();
    server.close();
  });
});

describe('redis under pressure', () => {
  it('should hold the story lock while the work runs, however long, and fence a worker that lost it', async () => {
    if (!available) return;
    const ns = namespace();
    const a = await openRedisWireStore(url, { namespace: ns, lockTtlMs: 200 });
    const b = await openRedisWireStore(url, { namespace: ns, lockTtlMs: 200 });
    const events: string[] = [];
    const slow = a.exclusive(async () => {
      events.push('a starts');
      await new Promise((r) => setTimeout(r, 1000)); // five times the lock's time to live
      events.push('a ends');
    });
    await new Promise((r) => setTimeout(r, 300));
    await b.exclusive(async () => {
      events.push('b runs');
    });
    await slow;
    expect(events).toEqual(['a starts', 'a ends', 'b runs']);
    // The lock taken from under a worker (a pause past its time to live): its writes are refused.
    const article = { id: 'x', story: 's1', text: 't', time: 0, seq: 1, buckets: [1, 2], trigrams: [1] };
    await expect(
      a.exclusive(async () => {
        await redis!.del(`wt:${Buffer.from(ns).toString('hex')}:lock`);
        await redis!.set(`wt:${Buffer.from(ns).toString('hex')}:lock`, 'someone-else');
        await a.put(article);
      }),
    ).rejects.toThrow(/story lock was lost/);
    expect(await a.get('x')).toBeUndefined();
    await redis!.del(`wt:${Buffer.from(ns).toString('hex')}:lock`);
    await a.close();
    await b.close();
  });

  it('should refuse a server that evicts any key, and read a full one without writing', async () => {
    if (!available) return;
    const port = 6391 + ((process.pid + 13) % 500);
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory', '2mb', '--maxmemory-policy', 'allkeys-lru']);
    for (let i = 0; i < 50 && spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 100));
    try {
      await expect(openRedisWireStore(`redis://127.0.0.1:${port}`)).rejects.toThrow(/evicts any key when full \(maxmemory-policy allkeys-lru\)/);
      // Under noeviction, full: opening an existing store to read needs no write.
      spawnSync('redis-cli', ['-p', String(port), 'config', 'set', 'maxmemory-policy', 'noeviction']);
      const s = await openRedisWireStore(`redis://127.0.0.1:${port}`, { namespace: 'full' });
      await s.close();
      // Fill the server to its limit.
      const filler = new Redis(`redis://127.0.0.1:${port}`);
      for (let i = 0; i < 400; i++) if (await filler.set(`fill:${i}`, 'x'.repeat(10_000)).then(() => false, () => true)) break;
      await filler.quit();
      const reader = await openRedisWireStore(`redis://127.0.0.1:${port}`, { namespace: 'full' });
      expect(await reader.stats()).toEqual({ articles: 0, stories: 0 });
      await reader.close();
    } finally {
      server.kill('SIGKILL');
    }
  });
});
