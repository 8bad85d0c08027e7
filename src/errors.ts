/**
 * Error messages live in one place so tests can assert against the very same builders
 * (the Fuse.js `errorMessages` pattern). Messages name the parameter, the rule and a hint.
 */

/** Message builders for every error wiretrace throws. */
export const messages = {
  notAString: (name: string, got: unknown): string =>
    `${name} must be a string (got ${describe(got)}).`,
  notAnInteger: (name: string, min: number, max: number, got: unknown): string =>
    `${name} must be an integer from ${min} to ${max} (got ${describe(got)}).`,
  notInRange: (name: string, min: number, max: number, got: unknown): string =>
    `${name} must be a number from ${min} to ${max} (got ${describe(got)}).`,
  notAnObject: (name: string, got: unknown): string =>
    `${name} must be an object or undefined (got ${describe(got)}).`,
  bandsTooMany: (bands: number, rows: number, numPerm: number): string =>
    `numPerm must be ≥ bands × rows (got ${bands} × ${rows} = ${bands * rows} > ${numPerm}); did you forget numPerm?`,
  bandsWithoutRows: (): string => 'bands and rows go together: give both, or neither to derive them from threshold.',
  incompatibleSignatures: (a: string, b: string): string =>
    `Cannot compare MinHash signatures made with different settings (${a} vs ${b}); ` +
    'signatures are only comparable when algorithm, seed and numPerm are equal.',
  signatureMismatchIndex: (sig: string, index: string): string =>
    `Signature settings (${sig}) do not match the index settings (${index}); build signatures with the index's seed and numPerm.`,
  badSerializedSignature: (why: string): string => `Not a serialised wiretrace signature: ${why}.`,
  badSerializedIndex: (why: string): string => `Not a serialised wiretrace LSH index: ${why}.`,
  duplicateKey: (key: string): string =>
    `Key ${JSON.stringify(key)} is already in the index; remove it first or use another key.`,
  tooLarge: (name: string, size: number, max: number): string =>
    `${name} is ${size} characters, more than maxChars (${max}); raise maxChars or split the input.`,
  duplicateId: (id: string): string =>
    `Two articles have the id ${JSON.stringify(id)}; every article needs a unique id.`,
  unknownReference: (id: string, ids: readonly string[]): string =>
    `reference ${JSON.stringify(id)} is not one of the articles (${ids.map((i) => JSON.stringify(i)).join(', ')}).`,
  badArticle: (index: number, why: string): string => `articles[${index}] ${why}.`,
  unknownOption: (name: string, key: string, known: readonly string[]): string => {
    const near = nearest(key, known);
    return `${name} has no option ${JSON.stringify(key)}${near !== null ? ` (did you mean ${JSON.stringify(near)}?)` : ''}; the options are ${known.join(', ')}.`;
  },
  notAReport: (name: string, got: unknown): string => `${name} must be a wiretrace report from compareArticles (got ${describe(got)}).`,
  thresholdsOutOfOrder: (wholly: number, partially: number): string =>
    `whollyDerived (${wholly}) must not be below partiallyDerived (${partially}).`,
} as const;

/**
 * The known name closest to `key` by edit distance, when it is close (a typo).
 *
 * @param key - What was given.
 * @param known - The names that exist.
 * @returns The nearest name, or `null` when none is close.
 */
export function nearest(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Checks that an options object has only known keys: a mistyped option in plain JavaScript is
 * a TypeError naming it and the nearest known one, never silently ignored.
 */
export function checkKeys(name: string, value: unknown, known: readonly string[]): void {
  if (value === undefined || value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) if (!known.includes(key)) throw new TypeError(messages.unknownOption(name, key, known));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** Throws a `TypeError` unless `value` is a string. */
export function assertString(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(messages.notAString(name, value));
}

/** Checks an integer option; `undefined` passes so defaults can fill it in. */
export function checkInteger(name: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number') throw new TypeError(messages.notAnInteger(name, min, max, value));
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(messages.notAnInteger(name, min, max, value));
}

/** Checks a numeric option in a closed range; `undefined` passes. */
export function checkNumber(name: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number') throw new TypeError(messages.notInRange(name, min, max, value));
  if (Number.isNaN(value) || value < min || value > max) throw new RangeError(messages.notInRange(name, min, max, value));
}

/** Throws a `TypeError` unless `value` looks like a report from `compareArticles`. */
export function assertReport(name: string, value: unknown): void {
  const r = value as { documents?: unknown; clusters?: unknown; stories?: unknown } | null;
  if (r === null || typeof r !== 'object' || !Array.isArray(r.documents) || !Array.isArray(r.clusters) || !Array.isArray(r.stories))
    throw new TypeError(messages.notAReport(name, value));
}

/** Checks that an options argument is a plain object (or absent). */
export function checkOptions(name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError(messages.notAnObject(name, value));
}
