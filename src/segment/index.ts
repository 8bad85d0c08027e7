export { paragraphSegmenter, segmentLines, segmentParagraphs, trimSpan } from './paragraph.js';
export type { Segmenter, Span } from './paragraph.js';
export { segmentSentences, sentenceSplitter } from './sentence.js';
export type { Sentence } from './sentence.js';
