/**
 * Public types of the wire report. The report is plain data: `JSON.stringify(report)` is the
 * versioned JSON contract (`schema: "wiretrace/report@2"`) other tools read. Fields may be
 * added in later versions; none of these is renamed or removed within `@2`. `@2` added wire
 * versions (`versions`, `core`, `versionDifferences` per story; `version`, `versionEvidence`,
 * `notInVersion` per document) and changed what `cut` means: only passages of the version the
 * outlet followed.
 */

// This module imports nothing: it is the ground the stages stand on. Every option and data type
// that crosses a stage boundary, or appears in the report, is declared here.

// ── Stage options and shared data ─────────────────────────────────────────────────────────

/** Why a span is site chrome rather than reporting. */
export type ChromeReason =
  | 'date'
  | 'weather'
  | 'caption'
  | 'credit'
  | 'byline'
  | 'comments'
  | 'navigation'
  | 'teaser'
  | 'metadata'
  | 'duplicate'
  | 'repeated-across-outlet'
  | 'copyright'
  | 'over-limit'
  | 'stock'
  | 'dateline'
  | 'custom';

/** A whole-line rule: the line (normalised: lower case, straight quotes) equals `text`. */
export interface ChromePhrase {
  /** The line, compared after normalisation (case, quotes, dashes and spaces folded). */
  text: string;
  /** The reason reported. */
  reason: ChromeReason;
}

/** A pattern rule, tested against each trimmed line of the original text. */
export interface ChromePattern {
  /** Matched against the whole trimmed line; make it linear (no nested quantifiers). */
  pattern: RegExp;
  /** The reason reported. */
  reason: ChromeReason;
}

/** Options for the chrome stage (`CompareOptions.chrome`). */
export interface ChromeOptions {
  /** Extra whole-line phrases (compared after normalisation). */
  phrases?: readonly ChromePhrase[];
  /** Extra whole-line patterns, tested against each trimmed line. */
  patterns?: readonly ChromePattern[];
  /** Normalised lines learned as templates (see {@link learnChrome}). */
  learned?: ReadonlySet<string>;
  /**
   * More agencies to recognise in credit lines and attributions, as they are written (a
   * national agency: `['Lusa', 'BTA']`); each is its own canonical name.
   */
  agencies?: readonly string[];
  /**
   * Use the built-in phrase and pattern lists.
   * @default true
   */
  builtins?: boolean;
}

/** Thresholds of the link test. */
export interface LinkOptions {
  /**
   * A pair whose trigram containment (either way) reaches this links on trigrams alone.
   * @default 0.5
   */
  minContainment?: number;
  /**
   * A pair whose IDF-weighted content Jaccard reaches this links as a rewording.
   * @default 0.4
   */
  minContentJaccard?: number;
  /**
   * Content words in more than this share of the story's passages, and in more passages than
   * twice its documents, are not used to propose candidates (they still count in scores).
   * @default 0.2
   */
  maxPostingShare?: number;
}

/** Options for story grouping (`CompareOptions.stories`). */
export interface StoryOptions {
  /**
   * Jaccard threshold the document LSH index is tuned for.
   * @default 0.03
   */
  threshold?: number;
  /**
   * Two articles belong to one story when this share of the smaller one's trigrams is in the other.
   * @default 0.07
   */
  minContainment?: number;
  /**
   * …and they share at least this many trigrams.
   * @default 8
   */
  minShared?: number;
  /**
   * Articles whose publication times (`publishedAt`) are further apart than this are never
   * linked directly. Articles without a time are not limited.
   * @default 3 days
   */
  windowMs?: number;
  /**
   * With publication times inside the window, two articles also belong to one story when they
   * share this many rare words (names, figures: words in at most 2% of the input or 15 articles,
   * and in at least two), and that is a fifth of the smaller one's rare words. 0 turns it off.
   * @default 5
   */
  minRareShared?: number;
}

/**
 * Kinds of change inside a reworded passage: `quote` (the outlet's text inside its quotation
 * marks differs from the wire's), `number`, `name`, `spelling` (a regional variant), `wording`
 * (a local edit of up to four words), `rewritten` (a longer replacement, or a passage little
 * of whose wire words survive).
 */
export type ChangeType = 'quote' | 'number' | 'name' | 'spelling' | 'wording' | 'rewritten';

/** One part of an inline diff, in reading order. */
export interface DiffPart {
  /** `equal`: in both; `insert`: only in the passage; `delete`: only in the canonical text. */
  readonly op: 'equal' | 'insert' | 'delete';
  /** The text: from the passage for `equal`/`insert`, from the canonical for `delete`. */
  readonly text: string;
}

// ── Input ────────────────────────────────────────────────────────────────────────────────

/** An article as given to {@link compareArticles}. */
export interface Article {
  /** Unique id (the CLI uses the file name without extension). */
  id: string;
  /**
   * The article: plain text, or with `format: 'html'` a saved page. Offsets in the report are
   * UTF-16 offsets into the text as given, or for HTML into the extracted text the report
   * carries (`DocumentReport.text`).
   */
  text: string;
  /**
   * `text` (default) or `html`: the article body of an HTML page is extracted first.
   * @default 'text'
   */
  format?: 'text' | 'html';
  /** Outlet or site name; articles of one outlet teach the chrome stage its template lines. */
  outlet?: string;
  /** Where the article was found. Copied to the report. */
  url?: string;
  /** Publication time (ISO 8601). Copied to the report. */
  publishedAt?: string;
}

/** Options of {@link compareArticles}. */
export interface CompareOptions {
  /**
   * Id of the article that is the wire copy: everything is measured against it. Without it the
   * wire text is reconstructed from passages two or more outlets share (or credited in-text).
   * Several ids: the agency's takes of the story (a first take, write-throughs), each a version;
   * every outlet is measured against the take it follows.
   */
  reference?: string | readonly string[];
  /** Chrome stage options (extra phrases and patterns, learned template lines). */
  chrome?: ChromeOptions;
  /** Story grouping thresholds. */
  stories?: StoryOptions;
  /** Passage link thresholds. */
  links?: LinkOptions;
  /**
   * Derived share at or above which an outlet is `wholly-derived`.
   * @default 0.8
   */
  whollyDerived?: number;
  /**
   * Derived share at or above which an outlet is `partially-derived` (below: `non-derived`).
   * @default 0.2
   */
  partiallyDerived?: number;
  /**
   * An outlet that credits the agency and whose sentences are at least this share shared wire
   * copy is taken as a reprint: its other sentences count as wire copy only it kept.
   * @default 0.5
   */
  creditedWireShare?: number;
  /**
   * Characters of an article analysed; the rest is reported as `over-limit` boilerplate, with a
   * warning and an entry in `Report.limits`.
   * @default 5_000_000
   */
  maxChars?: number;
  /**
   * Articles of one story compared together; later ones stand alone, flagged in `Report.limits`.
   * @default 1000
   */
  maxArticlesPerStory?: number;
  /**
   * Sentences of one article aligned; later ones are `over-limit` boilerplate, flagged.
   * @default 5000
   */
  maxSentencesPerDocument?: number;
  /**
   * Called as the comparison advances: after the articles are prepared and grouped, and after
   * each story is aligned (`done` of `total` stories), for a progress line on long runs.
   */
  onProgress?: (done: number, total: number) => void;
}

// ── Report ───────────────────────────────────────────────────────────────────────────────

/** Derivation classes of the METER corpus (Gaizauskas et al., 2001). */
export type Verdict = 'wholly-derived' | 'partially-derived' | 'non-derived';

/** What a segment of an outlet's text is. */
export type SegmentKind = 'verbatim' | 'reworded' | 'added' | 'boilerplate';

/** A classified change inside a reworded segment. */
export interface ReportChange {
  /** `quote`, `number`, `name`, `spelling` or `wording`. */
  type: ChangeType;
  /** Start offset in the outlet's text (`start === end` where wire words were cut). */
  start: number;
  /** End offset in the outlet's text. */
  end: number;
  /** The wire words. */
  from: string;
  /** The outlet's words. */
  to: string;
}

/** A segment of an outlet's text. Segments are disjoint and in order; between them is only white space. */
export interface ReportSegment {
  /** UTF-16 offset into the document text exactly as given. */
  start: number;
  /** End offset (exclusive). */
  end: number;
  /** What the segment is. */
  kind: SegmentKind;
  /** Ids of the passage clusters this segment belongs to (two or more when it merges wire sentences). */
  clusters: string[];
  /** For `boilerplate`: why it is site chrome. */
  reason?: ChromeReason;
  /** For `verbatim`/`reworded`: Dice similarity to the canonical text, 0..1. */
  similarity?: number;
  /** For `reworded`: the classified changes. */
  changes?: ReportChange[];
  /** For `reworded`: the inline word diff against the canonical text, in reading order. */
  diff?: DiffPart[];
}

/** Evidence that an outlet credits a news agency. */
export interface Attribution {
  /** Canonical agency name ("AFP", "AP", "Reuters", …). */
  agency: string;
  /** Start offset of the evidence in the document text. */
  start: number;
  /** End offset. */
  end: number;
  /**
   * A credit line ("(With AFP inputs)", "— AFP", a dateline "PARIS (AFP) -", "© AFP"), an in-text
   * attribution the outlet wrote ("according to AFP", "selon l'AFP"), or the agency's own
   * newsgathering inside its copy (`wire-sourcing`: "an AFP journalist said"), which shows the
   * text is the agency's but is not a credit by the outlet.
   */
  kind: 'credit-line' | 'in-text' | 'wire-sourcing';
}

/** Counts of one document's segments and changes. */
export interface DocumentCounts {
  verbatim: number;
  reworded: number;
  added: number;
  boilerplate: number;
  cut: number;
  moved: number;
  alteredQuotes: number;
  /** Wire passages it lacks that are not in the version it follows. */
  notInVersion: number;
}

/** Everything the report says about one document. */
export interface DocumentReport {
  /** The article id. */
  id: string;
  /** Id of its story group; `null` when it matched no other article. */
  story: string | null;
  /**
   * `reference` for the article named as the wire copy (`CompareOptions.reference`): it is what
   * the others are measured against, so it has no verdict and no credit flag. `outlet` otherwise.
   */
  role: 'reference' | 'outlet';
  /** Derivation verdict from `derivedShare`; `null` for the reference. */
  verdict: Verdict | null;
  /** Share (0..1) of body characters that are verbatim or reworded wire text. */
  derivedShare: number;
  /**
   * Share (0..1) of the wire clusters it could have carried that it carries: those of the version
   * it follows (every wire cluster of its story when the story has one version), so
   * `coverage = carried / (carried + cut.length)`.
   */
  coverage: number;
  /** Whether it credits its story's agency. */
  credited: boolean;
  /** Derived text without a credit to the agency. */
  uncreditedReuse: boolean;
  /** Credit and attribution evidence. */
  attribution: Attribution[];
  /** For HTML input: the extracted text every offset points into. */
  text?: string;
  /** Problems met that did not stop the comparison (an HTML page with no article). */
  warnings?: string[];
  /** Outlet, URL and publication time, when given. */
  outlet?: string;
  url?: string;
  publishedAt?: string;
  /** Its segments, covering every non-space character of the text exactly once. */
  segments: ReportSegment[];
  /**
   * Ids of the wire clusters of the version it follows that it does not carry (all its story's
   * wire clusters it lacks when the story has one version). None for the agency's own copy (its
   * `outlet` is the story's agency): it is one of the agency's takes.
   */
  cut: string[];
  /**
   * Ids of wire clusters it lacks that are not in the version it follows: never a cut. When its
   * text cannot tell which version it took (`version: null` in a story of several), it answers
   * only for the passages every version it could follow has, and the others are listed here.
   * The agency's own copy lists every wire cluster it lacks here: they were not in its take.
   */
  notInVersion: string[];
  /**
   * The wire version it follows, when its story has more than one (`ReportStory.versions`): a
   * version id, `mixed` (it carries passages of several; see `versionEvidence`), or `null` when
   * the story has one version or its text carries none of the passages that tell them apart.
   */
  version: string | null;
  /** Per version, the passages it carries that only some versions have: what decided `version`. */
  versionEvidence: Array<{ version: string; clusters: string[] }>;
  /** Ids of wire clusters it carries out of the wire's order. */
  moved: string[];
  /** Counts of segments by kind, cut and moved clusters, altered quotes. */
  counts: DocumentCounts;
  /**
   * Signs that the text was disguised, present only when there are any: body words that mix
   * Latin letters with Cyrillic or Greek look-alikes ("Аzerbaijan" with a Cyrillic А), and words
   * carrying invisible characters (zero-width spaces, soft hyphens, bidi controls). Matching
   * sees through both; a newsroom wants to know.
   */
  evasion?: { homoglyphWords: number; invisibleWords: number };
}

/** A member of a passage cluster. */
export interface ClusterMember {
  /** Document id. */
  document: string;
  /** Start offset in that document. */
  start: number;
  /** End offset. */
  end: number;
  /** Dice similarity to the canonical text, 0..1. */
  similarity: number;
}

/** Passages, across outlets, that derive from one wire sentence. */
export interface ReportCluster {
  /** Cluster id, `<story>.w<n>` for wire passages in wire order, `<story>.x<n>` for others. */
  id: string;
  /** Story id. */
  story: string;
  /** Part of the (reconstructed or reference) wire text. */
  wire: boolean;
  /**
   * Why it is wire copy: `shared` (two or more outlets carry it), `credited` (it credits the
   * agency in-text, or comes from an outlet that credits the agency and reprints mostly shared
   * wire text), `reference` (a sentence of the named reference); `null` for non-wire clusters.
   */
  basis: 'shared' | 'credited' | 'reference' | null;
  /** Number of distinct documents that carry it. */
  attestedBy: number;
  /** Position in the wire text (0-based) for wire clusters; `null` otherwise. */
  position: number | null;
  /** The canonical text: the member closest to all others (or the reference's sentence). */
  canonical: { document: string; start: number; end: number; text: string };
  /** Every member, including the canonical one. */
  members: ClusterMember[];
}

/** A story: articles that report the same wire copy. */
export interface ReportStory {
  /** Story id (`s1`, `s2`, … in order of first article). */
  id: string;
  /** Ids of its documents, in input order. */
  documents: string[];
  /** Agency most credited across the story, or `null`. */
  agency: string | null;
  /** Id of the reference document, when one was named (the first, when several were). */
  reference: string | null;
  /** Ids of every named reference, in the order given (empty when none). */
  references: string[];
  /** Wire cluster ids in wire order. */
  wire: string[];
  /**
   * The versions of the wire story the outlets took, when they took more than one (a first take
   * and a write-through): empty otherwise. Read off near-complete reprints that share the lede
   * and a core but each carry a block of passages the other lacks; with several references, the
   * references are the versions (those that carry the same passages are one).
   */
  versions: ReportVersion[];
  /** Wire cluster ids every version has (empty when the story has one version). */
  core: string[];
  /** Passages whose text differs between versions (a toll the agency updated): not an outlet's change. */
  versionDifferences: VersionDifference[];
}

/** One version of a story's wire copy. */
export interface ReportVersion {
  /** Version id, `<story>.v<n>`, in order of publication when every reprint has `publishedAt`. */
  id: string;
  /** The near-complete reprints it is read from. */
  documents: string[];
  /** Its wire cluster ids, in wire order. */
  wire: string[];
}

/** A wire passage whose text differs between two versions. */
export interface VersionDifference {
  /** Cluster id. */
  cluster: string;
  /** Version ids: the change reads from the first's text to the second's. */
  versions: [string, string];
  /** The classified changes (`from` in the first version, `to` in the second). */
  changes: Array<{ type: ChangeType; from: string; to: string }>;
}

/** The wire report: `JSON.stringify` of it is the `wiretrace/report@2` contract. */
export interface Report {
  /** Schema id and version. */
  schema: 'wiretrace/report@2';
  /** Library version that wrote the report. */
  generator: string;
  /** One entry per input article, in input order. */
  documents: DocumentReport[];
  /** Every passage cluster, by story then id. */
  clusters: ReportCluster[];
  /** Story groups. */
  stories: ReportStory[];
  /** Every place a limit cut what was analysed (empty when nothing was cut). */
  limits: Array<{ limit: string; document: string; value: number; message: string }>;
}
