import { open } from 'lmdb';
interface Span {
    readonly start: number;
    readonly end: number;
}
declare function segmentParagraphs(text: string): Span[];
type ChromeReason = 'date' | 'weather' | 'caption' | 'credit' | 'byline' | 'comments' | 'navigation' | 'teaser' | 'metadata' | 'duplicate' | 'repeated-across-outlet' | 'copyright' | 'over-limit' | 'stock' | 'dateline' | 'custom';
interface ChromePhrase {
    text: string;
    reason: ChromeReason;
}
interface ChromePattern {
    pattern: RegExp;
    reason: ChromeReason;
}
interface ChromeOptions {
    phrases?: readonly ChromePhrase[];
    patterns?: readonly ChromePattern[];
    learned?: ReadonlySet<string>;
    agencies?: readonly string[];
    builtins?: boolean;
}
interface LinkOptions {
    minContainment?: number;
    minContentJaccard?: number;
    maxPostingShare?: number;
}
interface StoryOptions {
    threshold?: number;
    minContainment?: number;
    minShared?: number;
    windowMs?: number;
    minRareShared?: number;
}
type ChangeType = 'quote' | 'number' | 'name' | 'spelling' | 'wording' | 'rewritten';
interface DiffPart {
    readonly op: 'equal' | 'insert' | 'delete';
    readonly text: string;
}
interface Article {
    id: string;
    text: string;
    format?: 'text' | 'html';
    outlet?: string;
    url?: string;
    publishedAt?: string;
}
interface CompareOptions {
    reference?: string | readonly string[];
    chrome?: ChromeOptions;
    stories?: StoryOptions;
    links?: LinkOptions;
    whollyDerived?: number;
    partiallyDerived?: number;
    creditedWireShare?: number;
    maxChars?: number;
    maxArticlesPerStory?: number;
    maxSentencesPerDocument?: number;
    onProgress?: (done: number, total: number) => void;
}
type Verdict = 'wholly-derived' | 'partially-derived' | 'non-derived';
type SegmentKind = 'verbatim' | 'reworded' | 'added' | 'boilerplate';
interface ReportChange {
    type: ChangeType;
    start: number;
    end: number;
    from: string;
    to: string;
}
interface ReportSegment {
    start: number;
    end: number;
    kind: SegmentKind;
    clusters: string[];
    reason?: ChromeReason;
    similarity?: number;
    changes?: ReportChange[];
    diff?: DiffPart[];
}
interface Attribution {
    agency: string;
    start: number;
    end: number;
    kind: 'credit-line' | 'in-text' | 'wire-sourcing';
}
interface DocumentCounts {
    verbatim: number;
    reworded: number;
    added: number;
    boilerplate: number;
    cut: number;
    moved: number;
    alteredQuotes: number;
    notInVersion: number;
}
interface DocumentReport {
    id: string;
    story: string | null;
    role: 'reference' | 'outlet';
    verdict: Verdict | null;
    derivedShare: number;
    coverage: number;
    credited: boolean;
    uncreditedReuse: boolean;
    attribution: Attribution[];
    text?: string;
    warnings?: string[];
    outlet?: string;
    url?: string;
    publishedAt?: string;
    segments: ReportSegment[];
    cut: string[];
    notInVersion: string[];
    version: string | null;
    versionEvidence: Array<{
        version: string;
        clusters: string[];
    }>;
    moved: string[];
    counts: DocumentCounts;
    evasion?: {
        homoglyphWords: number;
        invisibleWords: number;
    };
}
interface ClusterMember {
    document: string;
    start: number;
    end: number;
    similarity: number;
}
interface ReportCluster {
    id: string;
    story: string;
    wire: boolean;
    basis: 'shared' | 'credited' | 'reference' | null;
    attestedBy: number;
    position: number | null;
    canonical: {
        document: string;
        start: number;
        end: number;
        text: string;
    };
    members: ClusterMember[];
}
interface ReportStory {
    id: string;
    documents: string[];
    agency: string | null;
    reference: string | null;
    references: string[];
    wire: string[];
    versions: ReportVersion[];
    core: string[];
    versionDifferences: VersionDifference[];
}
interface ReportVersion {
    id: string;
    documents: string[];
    wire: string[];
}
interface VersionDifference {
    cluster: string;
    versions: [
        string,
        string
    ];
    changes: Array<{
        type: ChangeType;
        from: string;
        to: string;
    }>;
}
interface Report {
    schema: 'wiretrace/report@2';
    generator: string;
    documents: DocumentReport[];
    clusters: ReportCluster[];
    stories: ReportStory[];
    limits: Array<{
        limit: string;
        document: string;
        value: number;
        message: string;
    }>;
}
interface LearnChromeOptions {
    minDocs?: number;
    maxSentenceWords?: number;
    maxWords?: number;
}
declare function learnChrome(texts: readonly string[], options?: LearnChromeOptions): Set<string>;
declare const defaultCompareOptions: Readonly<{
    whollyDerived: 0.8;
    partiallyDerived: 0.2;
    creditedWireShare: 0.5;
    maxChars: 5000000;
    maxArticlesPerStory: 1000;
    maxSentencesPerDocument: 5000;
}>;
declare function compareArticles(input: readonly Article[], options?: CompareOptions): Report;
interface FormatOptions {
    color?: boolean;
    excerpt?: number;
}
declare function formatReport(report: Report, articles: readonly Article[], options?: FormatOptions): string;
interface HtmlOptions {
    title?: string;
}
declare function renderHtml(report: Report, articles?: readonly Article[], options?: HtmlOptions): string;
interface ExtractedArticle {
    title: string | null;
    text: string;
    warning?: string;
}
declare function extractArticle(html: string): ExtractedArticle;
interface StoredArticle {
    id: string;
    story: string;
    text: string;
    outlet?: string;
    url?: string;
    publishedAt?: string;
    time: number;
    seq: number;
    buckets: number[];
    trigrams: number[];
}
interface StoryMove {
    readonly into: string;
    readonly ids: readonly string[];
}
interface StoreStats {
    articles: number;
    stories: number;
}
interface WireStore {
    readonly kind: string;
    get(id: string): Promise<StoredArticle | undefined>;
    put(article: StoredArticle, moves?: readonly StoryMove[]): Promise<void>;
    delete(id: string): Promise<StoredArticle | undefined>;
    candidates(buckets: readonly number[]): Promise<string[]>;
    story(storyId: string): Promise<string[]>;
    stories(): Promise<string[]>;
    move(into: string, ids: readonly string[]): Promise<void>;
    allocate(): Promise<{
        story: string;
        seq: number;
    }>;
    exclusive<T>(fn: () => Promise<T>): Promise<T>;
    stats(): Promise<StoreStats>;
    close(): Promise<void>;
}
interface FeedArticle {
    id: string;
    text?: string;
    format?: 'text' | 'html';
    html?: string;
    outlet?: string;
    url?: string;
    publishedAt?: string;
}
interface WireIndexOptions {
    store?: WireStore;
    windowMs?: number;
    stories?: StoryOptions;
    links?: LinkOptions;
    creditedWireShare?: number;
    chrome?: ChromeOptions;
    whollyDerived?: number;
    partiallyDerived?: number;
    maxCompared?: number;
    now?: () => number;
}
interface IndexResult {
    id: string;
    story: string;
    newStory: boolean;
    merged: string[];
    alreadyIndexed: boolean;
    verdict: Verdict;
    derivedShare: number;
    credited: boolean;
    uncreditedReuse: boolean;
    alteredQuotes: number;
    changedNumbers: number;
    provisional: true;
    outlet?: string;
    revisions?: IndexResult[];
    attribution: Attribution[];
    wire: Array<{
        canonical: {
            document: string;
            start: number;
            end: number;
            text: string;
        };
        attestedBy: number;
        passages: Array<{
            start: number;
            end: number;
        }>;
    }>;
    matches: Array<{
        start: number;
        end: number;
        document: string;
        documentStart: number;
        documentEnd: number;
    }>;
}
interface IndexStats {
    articles: number;
    stories: number;
    store: string;
}
interface WireIndex {
    list(options?: {
        story?: string;
        since?: string;
    }): Promise<Array<{
        id: string;
        story: string;
        outlet?: string;
        publishedAt?: string;
    }>>;
    add(article: FeedArticle, options?: {
        revisions?: boolean;
    }): Promise<IndexResult>;
    query(article: FeedArticle): Promise<IndexResult>;
    remove(id: string): Promise<boolean>;
    report(story: string): Promise<Report>;
    expire(): Promise<number>;
    stats(): Promise<IndexStats>;
    close(): Promise<void>;
}
declare function createWireIndex(options?: WireIndexOptions): WireIndex;
declare class MemoryWireStore implements WireStore {
    readonly kind: string;
    protected readonly articles: Map<string, StoredArticle>;
    protected readonly storyMembers: Map<string, string[]>;
    protected readonly buckets: Map<string, Set<string>>;
    protected nextSeq: number;
    private readonly mutex;
    get(id: string): Promise<StoredArticle | undefined>;
    put(article: StoredArticle, moves?: readonly StoryMove[]): Promise<void>;
    delete(id: string): Promise<StoredArticle | undefined>;
    candidates(buckets: readonly number[]): Promise<string[]>;
    story(storyId: string): Promise<string[]>;
    stories(): Promise<string[]>;
    move(into: string, ids: readonly string[]): Promise<void>;
    allocate(): Promise<{
        story: string;
        seq: number;
    }>;
    exclusive<T>(fn: () => Promise<T>): Promise<T>;
    stats(): Promise<StoreStats>;
    close(): Promise<void>;
    protected applyPut(a: StoredArticle): void;
    protected applyDelete(id: string): void;
    protected applyMove(into: string, ids: readonly string[]): void;
}
interface FileStoreOptions {
    readOnly?: boolean;
}
declare class FileWireStore extends MemoryWireStore {
    readonly kind = "file";
    private fd;
    private readonly lock;
    readonly recovered: number;
    constructor(dir: string, options?: FileStoreOptions);
    private replay;
    private append;
    protected writeAll(data: Buffer): void;
    put(article: StoredArticle, moves?: readonly StoryMove[]): Promise<void>;
    delete(id: string): Promise<StoredArticle | undefined>;
    move(into: string, ids: readonly string[]): Promise<void>;
    close(): Promise<void>;
    closeSync(): void;
    snapshot(): StoredArticle[];
}
interface LmdbStoreOptions {
    readOnly?: boolean;
}
declare function openLmdbWireStore(dir: string, options?: LmdbStoreOptions): Promise<LmdbWireStore>;
declare class LmdbWireStore implements WireStore {
    readonly kind: string;
    readonly migrated: number;
    readonly recovered: number;
    private readonly root;
    private readonly articles;
    private readonly buckets;
    private readonly members;
    private readonly meta;
    private readonly dir;
    private readonly readOnly;
    private readonly mutex;
    constructor(dir: string, options: LmdbStoreOptions, open: typeof open);
    private storyCount;
    private countStories;
    private write;
    private erase;
    get(id: string): Promise<StoredArticle | undefined>;
    put(article: StoredArticle, moves?: readonly StoryMove[]): Promise<void>;
    delete(id: string): Promise<StoredArticle | undefined>;
    candidates(buckets: readonly number[]): Promise<string[]>;
    story(storyId: string): Promise<string[]>;
    stories(): Promise<string[]>;
    move(into: string, ids: readonly string[]): Promise<void>;
    private moveSync;
    allocate(): Promise<{
        story: string;
        seq: number;
    }>;
    exclusive<T>(fn: () => Promise<T>): Promise<T>;
    stats(): Promise<StoreStats>;
    close(): Promise<void>;
}
interface RedisStoreOptions {
    namespace?: string;
    lockTtlMs?: number;
    timeoutMs?: number;
}
declare function openRedisWireStore(url: string, options?: RedisStoreOptions): Promise<WireStore>;
interface NormalizedText {
    readonly text: string;
    readonly starts: Uint32Array;
    readonly ends: Uint32Array;
}
declare function normalizeText(text: string): NormalizedText;
declare function toOriginalSpan(norm: NormalizedText, start: number, end: number): [
    number,
    number
];
interface Sentence extends Span {
    readonly paragraph: number;
}
declare function segmentSentences(text: string, paragraphs?: readonly Span[]): Sentence[];
interface Token {
    readonly text: string;
    readonly start: number;
    readonly end: number;
}
declare function tokenizeWords(text: string): Token[];
interface ShingleOptions {
    k?: number;
    seed?: number;
}
declare const defaultShingleOptions: Readonly<{
    k: number;
    seed: number;
}>;
declare function hashWords(words: readonly string[], seed?: number): Uint32Array;
declare function shingleWords(words: readonly string[] | Uint32Array, options?: ShingleOptions): Uint32Array;
declare function toShingleSet(shingles: Uint32Array): Uint32Array;
interface MinHashSignature {
    readonly algorithm: string;
    readonly seed: number;
    readonly numPerm: number;
    readonly hashvalues: Uint32Array;
}
interface MinHashOptions {
    numPerm?: number;
    seed?: number;
    scheme?: 'kperm' | 'oph';
}
declare const defaultMinHashOptions: Readonly<{
    numPerm: number;
    seed: number;
}>;
interface SerializedSignature {
    format: 'wiretrace/minhash@1';
    algorithm: string;
    seed: number;
    numPerm: number;
    hashvalues: number[];
}
declare function computeMinHash(shingles: ArrayLike<number>, options?: MinHashOptions): MinHashSignature;
declare function estimateJaccard(a: MinHashSignature, b: MinHashSignature): number;
declare function serializeSignature(sig: MinHashSignature): SerializedSignature;
declare function parseSignature(data: unknown): MinHashSignature;
interface SketchOptions {
    k?: number;
    seed?: number;
    numPerm?: number;
    scheme?: 'kperm' | 'oph';
}
interface SketchBatch {
    readonly algorithm: string;
    readonly seed: number;
    readonly numPerm: number;
    readonly signatures: Uint32Array;
    at(i: number): MinHashSignature;
}
declare function sketchTexts(texts: readonly string[], options?: SketchOptions): SketchBatch;
interface LshStorage {
    readonly bands: number;
    readonly size: number;
    insert(key: string, buckets: Uint32Array): void;
    remove(key: string): Uint32Array | undefined;
    has(key: string): boolean;
    candidates(buckets: Uint32Array): string[];
    entries(): IterableIterator<[
        string,
        Uint32Array
    ]>;
}
declare class MemoryStorage implements LshStorage {
    readonly bands: number;
    private keys;
    private readonly ids;
    private buckets;
    private next;
    private readonly tables;
    private live;
    constructor(bands: number);
    get size(): number;
    has(key: string): boolean;
    private find;
    private grow;
    insert(key: string, buckets: Uint32Array): void;
    remove(key: string): Uint32Array | undefined;
    candidates(buckets: Uint32Array): string[];
    entries(): IterableIterator<[
        string,
        Uint32Array
    ]>;
}
interface LshOptions {
    threshold?: number;
    numPerm?: number;
    seed?: number;
    weights?: readonly [
        number,
        number
    ];
    bands?: number;
    rows?: number;
    storage?: LshStorage;
    scheme?: 'kperm' | 'oph';
}
declare const defaultLshOptions: Readonly<{
    threshold: 0.5;
    numPerm: number;
    seed: number;
    weights: readonly [
        number,
        number
    ];
}>;
interface LshMatch {
    key: string;
    jaccard: number;
    containment: number;
}
interface VerifyOptions {
    minJaccard?: number;
    minContainment?: number;
}
interface SerializedLshIndex {
    format: 'wiretrace/lsh@1';
    algorithm: string;
    seed: number;
    numPerm: number;
    threshold: number;
    bands: number;
    rows: number;
    entries: Array<[
        key: string,
        buckets: number[],
        shingles: number[] | null
    ]>;
}
interface LshIndex {
    readonly bands: number;
    readonly rows: number;
    readonly threshold: number;
    readonly numPerm: number;
    readonly seed: number;
    readonly size: number;
    insert(key: string, signature: MinHashSignature, shingles?: Uint32Array): void;
    query(signature: MinHashSignature): string[];
    queryVerified(signature: MinHashSignature, shingles: Uint32Array, options?: VerifyOptions): LshMatch[];
    remove(key: string): boolean;
    has(key: string): boolean;
    toJSON(): SerializedLshIndex;
}
declare function createLshIndex(options?: LshOptions): LshIndex;
declare function parseLshIndex(data: unknown, options?: {
    storage?: LshStorage;
}): LshIndex;
declare function optimalBands(threshold: number, numPerm: number, weights?: readonly [
    number,
    number
]): {
    bands: number;
    rows: number;
};
declare function jaccard(a: ArrayLike<number>, b: ArrayLike<number>): number;
declare function containment(a: ArrayLike<number>, b: ArrayLike<number>): number;
declare const VERSION = "0.1.0";
export { type Article, type Attribution, type ChangeType, type ChromeOptions, type ChromePattern, type ChromePhrase, type ChromeReason, type ClusterMember, type CompareOptions, type DiffPart, type DocumentCounts, type DocumentReport, type ExtractedArticle, type FeedArticle, type FileStoreOptions, FileWireStore, type FormatOptions, type HtmlOptions, type IndexResult, type IndexStats, type LearnChromeOptions, type LinkOptions, type LmdbStoreOptions, LmdbWireStore, type LshIndex, type LshMatch, type LshOptions, type LshStorage, MemoryStorage, MemoryWireStore, type MinHashOptions, type MinHashSignature, type NormalizedText, type RedisStoreOptions, type Report, type ReportChange, type ReportCluster, type ReportSegment, type ReportStory, type ReportVersion, type SegmentKind, type Sentence, type SerializedLshIndex, type SerializedSignature, type ShingleOptions, type SketchBatch, type SketchOptions, type Span, type StoreStats, type StoredArticle, type StoryMove, type StoryOptions, type Token, VERSION, type Verdict, type VerifyOptions, type VersionDifference, type WireIndex, type WireIndexOptions, type WireStore, compareArticles, computeMinHash, containment, createLshIndex, createWireIndex, defaultCompareOptions, defaultLshOptions, defaultMinHashOptions, defaultShingleOptions, estimateJaccard, extractArticle, formatReport, hashWords, jaccard, learnChrome, normalizeText, openLmdbWireStore, openRedisWireStore, optimalBands, parseLshIndex, parseSignature, renderHtml, segmentParagraphs, segmentSentences, serializeSignature, shingleWords, sketchTexts, toOriginalSpan, toShingleSet, tokenizeWords };
