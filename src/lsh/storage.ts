/**
 * Where an LSH index keeps its buckets, behind one small interface (as datasketch's
 * `storage.py` does), so that other back ends can stand in for the in-memory one.
 *
 * The in-memory storage is built for millions of keys: no object per key or per bucket. Keys
 * are interned to integer ids; each id's bucket hashes sit in one `Uint32Array`; each band is
 * an open-addressing hash table from bucket hash to the first id of a chain, and the chains are
 * linked through one `Int32Array`. That is about 4 + 4 + ~6 bytes per key and band, plus the key.
 */

/** Bucket storage of an LSH index. */
export interface LshStorage {
  /** Number of bands the storage was made for. */
  readonly bands: number;
  /** Number of keys stored. */
  readonly size: number;
  /** Stores a key with one bucket hash per band. The key must be new. */
  insert(key: string, buckets: Uint32Array): void;
  /** Removes a key; returns its bucket hashes, or `undefined` if it was not there. */
  remove(key: string): Uint32Array | undefined;
  /** Whether a key is stored. */
  has(key: string): boolean;
  /** Keys sharing at least one band's bucket with `buckets`, each once, in no set order. */
  candidates(buckets: Uint32Array): string[];
  /** Every key with its bucket hashes, in insertion order of the live keys. */
  entries(): IterableIterator<[string, Uint32Array]>;
}

const EMPTY = 0;
const DELETED = -1;

/** One band: bucket hash → head id of its chain (ids stored +1; 0 empty, −1 deleted). */
class BandTable {
  slots: Int32Array;
  used = 0;

  constructor(capacity: number) {
    this.slots = new Int32Array(capacity);
  }
}

/** The default, compact in-memory storage. */
export class MemoryStorage implements LshStorage {
  readonly bands: number;
  private keys: Array<string | undefined> = [];
  private readonly ids = new Map<string, number>();
  private buckets: Uint32Array;
  private next: Int32Array;
  private readonly tables: BandTable[];
  private live = 0;

  /** @param bands - Number of bands. */
  constructor(bands: number) {
    this.bands = bands;
    this.buckets = new Uint32Array(64 * bands);
    this.next = new Int32Array(64 * bands);
    this.tables = Array.from({ length: bands }, () => new BandTable(64));
  }

  get size(): number {
    return this.live;
  }

  has(key: string): boolean {
    return this.ids.has(key);
  }

  /** Slot index of `bucket` in band `b`, or of the empty slot where it would go. */
  private find(b: number, bucket: number): number {
    const t = this.tables[b]!;
    const mask = t.slots.length - 1;
    let i = Math.imul(bucket ^ (bucket >>> 15), 0x2c1b3c6d) & mask;
    let firstDeleted = -1;
    for (;;) {
      const s = t.slots[i]!;
      if (s === EMPTY) return firstDeleted >= 0 ? firstDeleted : i;
      if (s === DELETED) {
        if (firstDeleted < 0) firstDeleted = i;
      } else if (this.buckets[(s - 1) * this.bands + b] === bucket) return i;
      i = (i + 1) & mask;
    }
  }

  private grow(b: number): void {
    const t = this.tables[b]!;
    const old = t.slots;
    t.slots = new Int32Array(old.length * 2);
    t.used = 0;
    for (const s of old) {
      if (s <= 0) continue;
      const i = this.find(b, this.buckets[(s - 1) * this.bands + b]!);
      t.slots[i] = s;
      t.used++;
    }
  }

  insert(key: string, buckets: Uint32Array): void {
    if (this.ids.has(key)) throw new Error(`Key ${JSON.stringify(key)} is already stored.`);
    const id = this.keys.length;
    const bands = this.bands;
    if ((id + 1) * bands > this.buckets.length) {
      const nb = new Uint32Array(this.buckets.length * 2);
      nb.set(this.buckets);
      this.buckets = nb;
      const nn = new Int32Array(this.next.length * 2);
      nn.set(this.next);
      this.next = nn;
    }
    this.keys.push(key);
    this.ids.set(key, id);
    this.live++;
    this.buckets.set(buckets.subarray(0, bands), id * bands);
    for (let b = 0; b < bands; b++) {
      const t = this.tables[b]!;
      if ((t.used + 1) * 10 > t.slots.length * 7) this.grow(b);
      const i = this.find(b, buckets[b]!);
      const head = t.slots[i]!;
      if (head > 0) this.next[id * bands + b] = head;
      else {
        this.next[id * bands + b] = 0;
        t.used++;
      }
      t.slots[i] = id + 1;
    }
  }

  remove(key: string): Uint32Array | undefined {
    const id = this.ids.get(key);
    if (id === undefined) return undefined;
    const bands = this.bands;
    const mine = this.buckets.slice(id * bands, (id + 1) * bands);
    for (let b = 0; b < bands; b++) {
      const t = this.tables[b]!;
      const i = this.find(b, mine[b]!);
      // Unlink id from the chain that starts at slot i.
      let prev = -1;
      let cur = t.slots[i]! - 1;
      while (cur >= 0 && cur !== id) {
        prev = cur;
        cur = this.next[cur * bands + b]! - 1;
      }
      if (cur !== id) continue;
      const after = this.next[id * bands + b]!;
      if (prev < 0) {
        if (after > 0) {
          // The next id becomes the head; its bucket hash is the same, so the slot stays valid.
          t.slots[i] = after;
        } else t.slots[i] = DELETED;
      } else this.next[prev * bands + b] = after;
    }
    this.ids.delete(key);
    this.keys[id] = undefined;
    this.live--;
    return mine;
  }

  candidates(buckets: Uint32Array): string[] {
    const out: string[] = [];
    const seen = new Set<number>();
    const bands = this.bands;
    for (let b = 0; b < bands; b++) {
      const s = this.tables[b]!.slots[this.find(b, buckets[b]!)]!;
      for (let cur = s - 1; cur >= 0; cur = this.next[cur * bands + b]! - 1) {
        if (seen.has(cur)) continue;
        seen.add(cur);
        out.push(this.keys[cur]!);
      }
    }
    return out;
  }

  *entries(): IterableIterator<[string, Uint32Array]> {
    for (let id = 0; id < this.keys.length; id++) {
      const key = this.keys[id];
      if (key !== undefined) yield [key, this.buckets.slice(id * this.bands, (id + 1) * this.bands)];
    }
  }
}
