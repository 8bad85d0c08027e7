/**
 * wiretrace: find wire-agency copy reused across news outlets.
 *
 * The pipeline, one folder per stage, data flowing one way:
 * text → document (extract, normalize, chrome, segment) → stories (shingle, minhash, lsh)
 * → cluster (passage links) → align (wire text) → diff → report; the feed runs the same stages
 * one article at a time. This module holds only the public API: the compare, report and feed
 * functions with their types, the stores, and the sketch primitives for custom pipelines.
 */
export { compareArticles, defaultCompareOptions } from './compare.js';
export { formatReport } from './report/text.js';
export { renderHtml } from './report/html.js';
export { extractArticle } from './extract/extract.js';
export { learnChrome } from './chrome/chrome.js';
export { createWireIndex } from './feed/wire-index.js';
export { MemoryWireStore } from './feed/stores/memory.js';
export { FileWireStore } from './feed/stores/file.js';
export { LmdbWireStore, openLmdbWireStore } from './feed/stores/lmdb.js';
export { openRedisWireStore } from './feed/stores/redis.js';
export { normalizeText, toOriginalSpan } from './normalize/normalize.js';
export { segmentParagraphs } from './segment/paragraph.js';
export { segmentSentences } from './segment/sentence.js';
export { tokenizeWords } from './shingle/tokenize.js';
export { defaultShingleOptions, hashWords, shingleWords, toShingleSet } from './shingle/shingle.js';
export { computeMinHash, defaultMinHashOptions, estimateJaccard, parseSignature, serializeSignature } from './minhash/minhash.js';
export { sketchTexts } from './minhash/batch.js';
export { createLshIndex, defaultLshOptions, parseLshIndex } from './lsh/lsh.js';
export { MemoryStorage } from './lsh/storage.js';
export { optimalBands } from './lsh/params.js';
export { containment, jaccard } from './lsh/sets.js';
export { VERSION } from './version.js';

export type {
  Article,
  Attribution,
  ChangeType,
  ChromeOptions,
  ChromePattern,
  ChromePhrase,
  ChromeReason,
  ClusterMember,
  CompareOptions,
  DiffPart,
  DocumentCounts,
  DocumentReport,
  LinkOptions,
  Report,
  ReportChange,
  ReportCluster,
  ReportSegment,
  ReportStory,
  ReportVersion,
  SegmentKind,
  StoryOptions,
  Verdict,
  VersionDifference,
} from './types.js';
export type { FormatOptions } from './report/text.js';
export type { HtmlOptions } from './report/html.js';
export type { ExtractedArticle } from './extract/extract.js';
export type { LearnChromeOptions } from './chrome/chrome.js';
export type { FeedArticle, IndexResult, IndexStats, WireIndex, WireIndexOptions } from './feed/types.js';
export type { StoreStats, StoredArticle, StoryMove, WireStore } from './feed/stores/store.js';
export type { RedisStoreOptions } from './feed/stores/redis.js';
export type { FileStoreOptions } from './feed/stores/file.js';
export type { LmdbStoreOptions } from './feed/stores/lmdb.js';
export type { NormalizedText } from './normalize/normalize.js';
export type { Span } from './segment/paragraph.js';
export type { Sentence } from './segment/sentence.js';
export type { Token } from './shingle/tokenize.js';
export type { ShingleOptions } from './shingle/shingle.js';
export type { MinHashOptions, MinHashSignature, SerializedSignature } from './minhash/minhash.js';
export type { SketchBatch, SketchOptions } from './minhash/batch.js';
export type { LshIndex, LshMatch, LshOptions, SerializedLshIndex, VerifyOptions } from './lsh/lsh.js';
export type { LshStorage } from './lsh/storage.js';
