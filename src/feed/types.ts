/** The feed's public types: what arrives, what the index says, and how it is set up. */

import type { Attribution, ChromeOptions, LinkOptions, Report, StoryOptions, Verdict } from '../types.js';
import type { WireStore } from './stores/store.js';

/** An article arriving in a feed. */
export interface FeedArticle {
  /** Unique id. */
  id: string;
  /**
   * The article: plain text, or with `format: 'html'` a saved page (as `Article` takes it). Give
   * `text` or `html`.
   */
  text?: string;
  /** `text` (default) or `html`, as in `Article`. @default 'text' */
  format?: 'text' | 'html';
  /** A saved page; its article body is extracted (the same as `text` with `format: 'html'`). */
  html?: string;
  /** Outlet or site. */
  outlet?: string;
  /** Where it was found. */
  url?: string;
  /** Publication time (ISO 8601); places it in the time window. */
  publishedAt?: string;
}

/** Options of {@link createWireIndex}. */
export interface WireIndexOptions {
  /** Where articles and stories live. @default a new `MemoryWireStore` */
  store?: WireStore;
  /**
   * Articles older than this (by publication time, else arrival) are outside the window: no new
   * article joins their story, and `expire()` removes them.
   * @default 7 days
   */
  windowMs?: number;
  /** Story verification thresholds (as for `compareArticles`). */
  stories?: StoryOptions;
  /** Passage link thresholds (as for `compareArticles`): used at `add` and in `report`. */
  links?: LinkOptions;
  /**
   * Share of shared wire sentences that makes a credited outlet a reprint (as for `compareArticles`).
   * @default 0.5
   */
  creditedWireShare?: number;
  /**
   * Chrome options, as for `compareArticles`: an outlet's footers and stock lines named here (or
   * learned with `learnChrome`) are set aside before stories are joined, so they glue nothing.
   */
  chrome?: ChromeOptions;
  /**
   * Share of body characters from which an article is `wholly-derived` (as for `compareArticles`).
   * @default 0.8
   */
  whollyDerived?: number;
  /**
   * Share of body characters from which an article is `partially-derived`.
   * @default 0.2
   */
  partiallyDerived?: number;
  /**
   * Most recent articles of a story an arriving article is compared with.
   * @default 50
   */
  maxCompared?: number;
  /** Clock, in ms since the epoch (for tests and replays). @default Date.now */
  now?: () => number;
}

/** What the index says about one article. */
export interface IndexResult {
  /** Article id. */
  id: string;
  /** Its story. */
  story: string;
  /** Whether the article started the story. */
  newStory: boolean;
  /** Stories merged into `story` because this article links them. */
  merged: string[];
  /** Whether the article was already in the index (nothing was changed). */
  alreadyIndexed: boolean;
  /** Derivation verdict (thresholds as in the report). */
  verdict: Verdict;
  /** Share of body characters carried by other articles of the story (wire copy). */
  derivedShare: number;
  /** Whether it credits the story's agency. */
  credited: boolean;
  /** Derived (wholly or partially) without crediting the agency. */
  uncreditedReuse: boolean;
  /**
   * Its wire passages whose quotations differ from the wire's (as the report's `alteredQuotes`),
   * counted in wire passages two other articles also carry: between two, who changed what cannot
   * be told.
   */
  alteredQuotes: number;
  /** Numbers it changed in the wire passages it carries (counted as `alteredQuotes` is). */
  changedNumbers: number;
  /**
   * Always true: the verdict is what the story's articles so far say; later arrivals can change
   * it. `report(story)` gives the story's verdicts as they stand.
   */
  provisional: true;
  /** The outlet, when the article names one. */
  outlet?: string;
  /**
   * With `add(article, { revisions: true })`: earlier articles of the story whose story, verdict,
   * derived share, credit or change counts this arrival changed, each as it now stands (a later result for the
   * same id replaces an earlier one). Removals and expiry emit none.
   */
  revisions?: IndexResult[];
  /** Credit evidence. */
  attribution: Attribution[];
  /**
   * The wire passages it carries (clusters of the story's compared articles that hold one of its
   * passages and span two or more articles), each with its canonical text and where it sits here.
   */
  wire: Array<{
    canonical: { document: string; start: number; end: number; text: string };
    attestedBy: number;
    passages: Array<{ start: number; end: number }>;
  }>;
  /** Its passages found in other articles of the story, and where. */
  matches: Array<{ start: number; end: number; document: string; documentStart: number; documentEnd: number }>;
}

/** Counts of an index. */
export interface IndexStats {
  articles: number;
  stories: number;
  store: string;
}

/** A streaming wire index. */
export interface WireIndex {
  /**
   * The articles of the index (or of one story), ordered by story then arrival.
   *
   * @param options - `story`: only that story's articles; `since` (ISO 8601): only articles
   *   published (or, without `publishedAt`, added) at or after it.
   */
  list(options?: { story?: string; since?: string }): Promise<Array<{ id: string; story: string; outlet?: string; publishedAt?: string }>>;
  /**
   * Adds an article (idempotent by id) and says what it is.
   *
   * @param options - `revisions`: also re-evaluate the story's earlier articles and return, in
   *   `revisions`, those whose story, verdict, derived share, credit or counts this arrival changed
   *   (costs one evaluation per article of the story, twice).
   */
  add(article: FeedArticle, options?: { revisions?: boolean }): Promise<IndexResult>;
  /** Says what an article would be, without storing it. */
  query(article: FeedArticle): Promise<IndexResult>;
  /** Removes an article; whether it was there. */
  remove(id: string): Promise<boolean>;
  /** The full report of a story, as `compareArticles` gives it for the story's articles. */
  report(story: string): Promise<Report>;
  /** Removes every story whose newest article is outside the window; returns how many articles went. */
  expire(): Promise<number>;
  /** Counts. */
  stats(): Promise<IndexStats>;
  /** Closes the store. */
  close(): Promise<void>;
}

