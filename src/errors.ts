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
} as const;

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

/** Checks that an options argument is a plain object (or absent). */
export function checkOptions(name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError(messages.notAnObject(name, value));
}
