/**
 * Where an LSH index keeps its buckets, behind one small interface (as datasketch's
 * `storage.py` does), so that other back ends can stand in for the in-memory one.
 */

/** Bucket storage of an LSH index: one table per band, bucket hash → keys. */
export interface LshStorage {
  /** Adds `key` to bucket `bucket` of band `band`. */
  add(band: number, bucket: number, key: string): void;
  /** Removes `key` from bucket `bucket` of band `band`; absent keys are ignored. */
  remove(band: number, bucket: number, key: string): void;
  /** Keys in a bucket, in insertion order; an empty array for a bucket never seen. */
  get(band: number, bucket: number): readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

/** The default storage: one `Map` per band. */
export class MemoryStorage implements LshStorage {
  private readonly tables: Map<number, string[]>[];

  /** @param bands - Number of band tables. */
  constructor(bands: number) {
    this.tables = Array.from({ length: bands }, () => new Map<number, string[]>());
  }

  add(band: number, bucket: number, key: string): void {
    const table = this.tables[band]!;
    const keys = table.get(bucket);
    if (keys === undefined) table.set(bucket, [key]);
    else keys.push(key);
  }

  remove(band: number, bucket: number, key: string): void {
    const table = this.tables[band]!;
    const keys = table.get(bucket);
    if (keys === undefined) return;
    const at = keys.indexOf(key);
    if (at >= 0) keys.splice(at, 1);
    if (keys.length === 0) table.delete(bucket);
  }

  get(band: number, bucket: number): readonly string[] {
    return this.tables[band]?.get(bucket) ?? NONE;
  }
}
