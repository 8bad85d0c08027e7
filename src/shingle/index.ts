export { fmix32, murmur3Ints, murmur3String, splitMix32 } from './hash.js';
export { defaultShingleOptions, hashWords, shingleWords, toShingleSet } from './shingle.js';
export type { ShingleOptions } from './shingle.js';
export { tokenizeWithSegmenter, tokenizeWords } from './tokenize.js';
export type { Token } from './tokenize.js';
