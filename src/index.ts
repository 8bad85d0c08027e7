/**
 * wiretrace: find wire-agency copy reused across news outlets.
 *
 * The pipeline, one folder per stage, data flowing one way:
 * normalize → segment → chrome → shingle → minhash → lsh → cluster → diff → report.
 * `compareArticles` runs all of it; the stages are exported for custom pipelines.
 */
export { normalizeText, toOriginalSpan } from './normalize/index.js';
export { foldSpelling } from './normalize/spelling.js';
export { segmentParagraphs, segmentSentences } from './segment/index.js';
export { bodySpans, builtinPatterns, builtinPhrases, detectChrome, learnChrome } from './chrome/index.js';
export { detectCredits } from './chrome/attribution.js';
export { extractArticle } from './extract/index.js';
export { defaultShingleOptions, hashWords, shingleWords, toShingleSet, tokenizeWords } from './shingle/index.js';
export {
  MINHASH_ALGORITHM,
  OPH_ALGORITHM,
  computeMinHash,
  defaultMinHashOptions,
  estimateJaccard,
  parseSignature,
  serializeSignature,
} from './minhash/index.js';
export { MemoryStorage, containment, createLshIndex, defaultLshOptions, jaccard, optimalBands, parseLshIndex } from './lsh/index.js';
export { buildPassage } from './cluster/passages.js';
export { defaultLinkOptions, linkPassages } from './cluster/links.js';
export { clusterLinkedPassages as clusterPassages } from './cluster/clusters.js';
export { defaultStoryOptions, groupStories } from './cluster/stories.js';
export { diffPassage, renderDiffParts } from './diff/index.js';
export { compareArticles, defaultCompareOptions } from './report/compare.js';
export { escapeHtml, renderHtml } from './report/html.js';
export { formatReport } from './report/text.js';
export { FILE_STORE_FORMAT, FileWireStore, MemoryWireStore, REDIS_STORE_FORMAT, createWireIndex, openRedisWireStore } from './feed/index.js';
export { messages } from './errors.js';
export { VERSION } from './version.js';

export type { NormalizedText } from './normalize/index.js';
export type { Sentence, Span } from './segment/index.js';
export type { ChromeOptions, ChromePattern, ChromePhrase, ChromeReason, ChromeSpan, LearnChromeOptions } from './chrome/index.js';
export type { AgencyCredit } from './chrome/attribution.js';
export type { ExtractedArticle } from './extract/index.js';
export type { ShingleOptions, Token } from './shingle/index.js';
export type { MinHashOptions, MinHashSignature, SerializedSignature } from './minhash/index.js';
export type { LshIndex, LshMatch, LshOptions, LshStorage, SerializedLshIndex, VerifyOptions } from './lsh/index.js';
export type { Passage, Word } from './cluster/passages.js';
export type { LinkOptions, PassageLink } from './cluster/links.js';
export type { RawCluster } from './cluster/clusters.js';
export type { StoryOptions } from './cluster/stories.js';
export type { Change, ChangeType, DiffOptions, DiffPart, PassageDiff, SourcedWord } from './diff/index.js';
export type { HtmlOptions } from './report/html.js';
export type { FormatOptions } from './report/text.js';
export type { FeedArticle, IndexResult, IndexStats, RedisStoreOptions, StoreStats, StoredArticle, WireIndex, WireIndexOptions, WireStore } from './feed/index.js';
export type {
  Article,
  Attribution,
  ClusterMember,
  CompareOptions,
  DocumentCounts,
  DocumentReport,
  Report,
  ReportChange,
  ReportCluster,
  ReportSegment,
  ReportStory,
  SegmentKind,
  Verdict,
} from './types.js';
