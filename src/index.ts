/**
 * wiretrace: find wire-agency copy reused across news outlets.
 *
 * The pipeline, one folder per stage: normalize → segment → shingle → minhash → lsh.
 */
export { normalizeText, toOriginalSpan } from './normalize/index.js';
export { segmentParagraphs, segmentSentences } from './segment/index.js';
export { defaultShingleOptions, hashWords, shingleWords, toShingleSet, tokenizeWords } from './shingle/index.js';
export {
  MINHASH_ALGORITHM,
  computeMinHash,
  defaultMinHashOptions,
  estimateJaccard,
  parseSignature,
  serializeSignature,
} from './minhash/index.js';
export { MemoryStorage, containment, createLshIndex, defaultLshOptions, jaccard, optimalBands, parseLshIndex } from './lsh/index.js';
export { bodySpans, detectChrome, learnChrome } from './chrome/index.js';
export { messages } from './errors.js';

export type { NormalizedText } from './normalize/index.js';
export type { Sentence, Span } from './segment/index.js';
export type { ShingleOptions, Token } from './shingle/index.js';
export type { MinHashOptions, MinHashSignature, SerializedSignature } from './minhash/index.js';
export type { LshIndex, LshMatch, LshOptions, LshStorage, SerializedLshIndex, VerifyOptions } from './lsh/index.js';
