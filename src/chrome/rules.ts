/**
 * The built-in chrome rules: the site furniture common English-language CMS templates
 * (WordPress themes, news portals) wrap around an article. Every rule is a plain data entry,
 * so users extend the lists through `ChromeOptions` rather than by editing code.
 *
 * Every regular expression here is linear by construction: no nested quantifiers, and the
 * repeated parts of an alternation start with disjoint characters.
 */

import type { ChromePattern, ChromePhrase, ChromeReason } from '../types.js';
import { AGENCY_NAMES } from './agencies.js';
import { LANGUAGES } from './lang/languages.js';

const phrase = (reason: ChromeReason, ...texts: string[]): ChromePhrase[] => texts.map((text) => ({ text, reason }));

/** Lines that are chrome wherever they stand alone. */
export const builtinPhrases: readonly ChromePhrase[] = Object.freeze([
  ...phrase(
    'navigation',
    'arrow up', 'arrow down', 'home icon', 'home', 'menu', 'search', 'close', 'news trending', 'trending', 'trending news',
    'trending now', 'skip to content', 'skip to main content', 'back to top', 'scroll to top', 'share', 'share this',
    'share this article', 'share this story', 'share on facebook', 'share on twitter', 'share on whatsapp', 'tweet',
    'facebook', 'twitter', 'whatsapp', 'linkedin', 'telegram', 'email', 'print', 'copy link', 'read more', 'see more',
    'load more', 'advertisement', 'advertisment', 'sponsored', 'sponsored content', 'subscribe', 'subscribe now', 'sign in',
    'log in', 'login', 'register', 'next article', 'previous article', 'next post', 'previous post', 'related articles',
    'related news', 'related stories', 'related posts', 'you may also like', 'more from this section', 'most read',
    'most popular', 'latest news', 'breaking news', 'top stories', 'follow us', 'follow us on google news', 'tags',
    'accept', 'accept cookies', 'accept all', 'reject all', 'cookie settings', 'listen to this article', 'toggle navigation',
    'related', 'like this', 'like loading...', 'share this:', 'print this page', 'email this article', 'more', 'previous', 'next',
    'top', 'back', 'home page', 'newsletter', 'sign up for our newsletter', 'subscribe to our newsletter', 'download our app',
    'we use cookies to improve your experience on our site.', 'this website uses cookies.',
  ),
  ...phrase('caption', 'no image', 'image', 'photo', 'file photo', 'representative image', 'representational image', 'video'),
  ...phrase(
    'comments',
    'leave a reply', 'leave a reply cancel reply', 'leave a comment', 'cancel reply', 'post comment', 'post a comment', 'add comment', 'comments',
    'no comments', '0 comments', 'comment', 'your email address will not be published.', 'your email address will not be published',
    'required fields are marked *', 'required fields are marked', 'name *', 'email *', 'website', 'comment *',
    'save my name, email, and website in this browser for the next time i comment.',
    'you must be logged in to post a comment.', 'this site uses akismet to reduce spam. learn how your comment data is processed.',
  ),
  // An agency feed's sign-offs and continuation marks (PA: "mf" more follows, "mfl" more follows later).
  ...phrase('metadata', 'end', 'ends', 'endit', 'mf', 'mfl', 'more', '(more)', '(ends)', 'reopens', '(reopens)'),
  ...LANGUAGES.flatMap((l) => l.phrases),
]);

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAY = '(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?';
const WEATHER =
  '(?:clear sky|few clouds|scattered clouds|broken clouds|overcast clouds|partly cloudy|mostly cloudy|cloudy|sunny|mostly sunny|clear|light rain|moderate rain|heavy rain|heavy intensity rain|shower rain|light shower rain|rain|drizzle|light drizzle|thunderstorm|snow|light snow|mist|haze|fog|smoke|dust|sand|windy)';

/**
 * Whole-line credit patterns for an alternation of agency names: "(With AFP inputs)", "— AFP",
 * "Source: Reuters", and each language's credit lines.
 *
 * @param agencies - Agency names as a regular-expression alternation.
 * @returns The patterns.
 */
export function creditLinePatterns(agencies: string): ChromePattern[] {
  return [
    // Credit lines: "(With AFP inputs)", "— AFP", "(AFP)", "Source: Reuters", "With agency inputs".
    {
      pattern: new RegExp(
        `^[(\\[]? ?(?:with (?:inputs from )?(?:${agencies}|agency|agencies)(?: inputs?)?|(?:source|sources|courtesy|credit) ?: ?(?:${agencies})|[—–-]{0,2} ?(?:${agencies})|agencies) ?[)\\]]?\\.?$`,
        'iu',
      ),
      reason: 'credit',
    },
    // The languages' credit lines ("Avec AFP", "Fuente: EFE", "mit Material von dpa", "(أ ف ب)").
    ...LANGUAGES.flatMap((l) => l.creditLines).map((source) => ({
      pattern: new RegExp(`^[(\\[]?\\s?(?:${source.replaceAll('{A}', `(?:${agencies})`)})\\s?[)\\]]?$`, 'iu'),
      reason: 'credit' as const,
    })),
  ];
}

/** Lines that are chrome when they match as a whole. */
export const builtinPatterns: readonly ChromePattern[] = Object.freeze([
  // "• Tue. Nov 28th, 2023", "Saturday, September 23, 2023 | Rabi' al-awwal 7, 1445 H"
  {
    pattern: new RegExp(
      `^[•·|\\-\\s]*(?:${WEEKDAY}\\.?,?\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\.?|${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?),?\\s+\\d{4}(?:\\s*[|,/][^.!?]{0,60})?$`,
      'iu',
    ),
    reason: 'date',
  },
  { pattern: new RegExp(`^[•·|\\-\\s]*${WEEKDAY}\\.?,?$`, 'iu'), reason: 'date' },
  { pattern: /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/u, reason: 'date' },
  { pattern: /^\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:,? \d{1,2}:\d{2}(?: ?[ap]m)?)?$/iu, reason: 'date' },
  {
    pattern: /^(?:published|updated|last updated|posted|posted on|first published)(?: on)?:?\s+[^\s.!?][^.!?]{2,59}$/iu,
    reason: 'metadata',
  },
  { pattern: /^(?:reading time|read time):?\s*\d{1,3}\s*(?:min|mins|minutes?)(?: read)?$/iu, reason: 'metadata' },
  { pattern: /^\d{1,3}\s*(?:min|mins|minutes?) read$/iu, reason: 'metadata' },
  { pattern: /^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?.{0,160}$/iu, reason: 'copyright' },
  // "30°C / 30°C", "scattered clouds"
  { pattern: /^-?\d{1,3}(?:\.\d)? ?°(?: ?[CF])?(?: ?[/|] ?-?\d{1,3}(?:\.\d)? ?°(?: ?[CF])?)*$/iu, reason: 'weather' },
  { pattern: new RegExp(`^${WEATHER}$`, 'iu'), reason: 'weather' },
  // Bylines: "By admin", "By Jane Doe", "Posted by ...", "Written by ...", "Author: ..."
  { pattern: /^(?:by|posted by|written by|author:|reported by|edited by) [\p{L}][\p{L}.'’-]{0,20}(?: [\p{L}][\p{L}.'’-]{0,20}){0,3}(?: ?[|,] ?[\p{L}]{1,20}(?: [\p{L}]{1,20}){0,3})?$/iu, reason: 'byline' },
  // Two reporters, and titles and places after the names ("By Jan Colley and Cathy Gordon, PA
  // News", "By Pat Clarke, Old Bailey Correspondent, PA News", "By Joe Quinn, PA News, in Zeist,
  // Netherlands"): names capitalised, so "By contrast, …" stays a sentence.
  {
    pattern:
      /^(?:By|BY) (?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|June|July|August|September|October|November|December|Christmas|Easter)\b)\p{Lu}[\p{L}.'’-]{0,20}(?: \p{Lu}[\p{L}.'’-]{0,20}){0,3}(?: (?:and|&) \p{Lu}[\p{L}.'’-]{0,20}(?: \p{Lu}[\p{L}.'’-]{0,20}){0,3})?(?:, ?(?:(?:in|at|for) )?\p{Lu}[\p{L}'’-]{0,20}(?: (?:(?:of|and|for) )?\p{Lu}[\p{L}'’-]{0,20}){0,3}){0,3}\.?$/u,
    reason: 'byline',
  },
  // Picture credits and captions.
  { pattern: /^(?:picture|photo|image|video) (?:courtesy|credit|credits|source)\s*:?.{0,120}$/iu, reason: 'caption' },
  { pattern: /^(?:photo|image|picture|file photo|representational image|representative image)\s*:\s*.{0,120}$/iu, reason: 'caption' },
  {
    pattern: /^[^()]{0,300}\((?:image|photo|picture|pic|file photo|file image|representational image|representative image|photo credit|image credit|image source)[^()]{0,80}\)$/iu,
    reason: 'caption',
  },
  {
    pattern: /^(?:this|a|an|the) (?:photograph|photo|picture|handout photo|handout picture|image|video grab|screengrab|file photo)(?: \w+){0,3} (?:released|taken|shows|showing|obtained|provided|made available|distributed|grabbed)\b.{0,400}$/iu,
    reason: 'caption',
  },
  // An agency feed's furniture: rules, slug lines ("11:29 01/03/00: Page 1 (HHH) COURTS Chemists"),
  // handling notes ("(with pix)", "(corrects)").
  { pattern: /^[-=_*~•·]{3,}$/u, reason: 'metadata' },
  { pattern: /^\d{1,2}:\d{2} \d{1,2}\/\d{1,2}\/\d{2,4}:[^\n]{0,80}$/u, reason: 'metadata' },
  { pattern: /^\((?:with pix|with pic|with pics|with graphic|corrects|recasts|adds|updates|writethru|embargoed)[^()]{0,40}\)$/iu, reason: 'metadata' },
  // Structure: breadcrumbs ("Home > World > Africa") and link lists ("Facebook | X | WhatsApp").
  { pattern: /^[^.!?>›»|\n]{1,40}(?:[>›»][^.!?>›»|\n]{1,40}){1,6}$/u, reason: 'navigation' },
  { pattern: /^[^.!?|•·\n]{1,40}(?:[|•·][^.!?|•·\n]{1,30}){2,12}$/u, reason: 'navigation' },
  // Comment counts and photo credits in the agencies' languages.
  { pattern: /^(?:comments?|commentaires?|comentarios?|kommentare?|comentários?|التعليقات)\s?\(\d{1,6}\)(?:\s?[|•·]\s?[^.!?|•·]{1,50})?$/iu, reason: 'comments' },
  { pattern: /^(?:foto|fotos|bild|crédit photo|crédito)\s?:\s?.{1,120}$/iu, reason: 'caption' },
  ...LANGUAGES.flatMap((l) => l.patterns),
  // Teasers for other articles.
  { pattern: /^.{3,200}\s\|\s*(?:explained|explainer|watch|video|opinion|analysis|photos|in pics|live updates|live|podcast|listen)$/iu, reason: 'teaser' },
  { pattern: /^(?:also read|read also|read more|read|related|watch|see also|must read|also see) ?[:|-] ?[^\s].{2,199}$/iu, reason: 'teaser' },
  ...creditLinePatterns(AGENCY_NAMES),
]);

/**
 * Datelines that name an agency: "PARIS (AFP) - ", "BAKU, Azerbaijan (AP) — ", and in a script
 * without capitals (Arabic) a place name, the agency in brackets, a dash.
 *
 * @param agencies - Agency names as a regular-expression alternation.
 * @returns The patterns.
 */
export function datelinePatterns(agencies: string): ChromePattern[] {
  return [
    // Datelines: "PARIS (AFP) - ", "BAKU, Azerbaijan (AP) — ", "BAKU: ".
    {
      pattern: new RegExp(`^\\p{Lu}[\\p{Lu}\\p{M}'’.-]{1,24}(?: [\\p{Lu}\\p{M}'’.-]{2,24}){0,2}(?:, [\\p{L}\\p{M}.]{2,24}(?: [\\p{L}\\p{M}.]{2,24}){0,2})? ?\\((?:${agencies})\\) ?[-–—:]{1,2} ?`, 'u'),
      reason: 'dateline',
    },
    // In a script without capitals (Arabic): a place name, the agency in brackets, a dash.
    {
      pattern: new RegExp(`^[\\p{Script=Arabic}\\p{M}]{2,24}(?: [\\p{Script=Arabic}\\p{M}]{2,24}){0,2} ?\\((?:${agencies})\\) ?[-–—:]{1,2} ?`, 'u'),
      reason: 'dateline',
    },
  ];
}

/**
 * A credit glued to a paragraph's end ("… the site. — AFP", "(With AFP inputs)").
 *
 * @param agencies - Agency names as a regular-expression alternation.
 * @returns The patterns.
 */
export function inlineCreditPatterns(agencies: string): ChromePattern[] {
  return [
    { pattern: new RegExp(`(?<=[.!?"”’)])[ \\u00a0]{0,3}(?:[—–-]{1,2}[ \\u00a0]?)?\\(?(?:${agencies})\\)?$`, 'u'), reason: 'credit' },
    { pattern: new RegExp(`\\((?:with (?:inputs from )?(?:${agencies}|agency) inputs?)\\)$`, 'iu'), reason: 'credit' },
  ];
}

/**
 * Chrome glued into a paragraph, cut out at its own offsets so the rest stays body text:
 * metadata at a paragraph's start ("date 2023-09-20 BAKU: …"), an agency credit at its end
 * ("… en route to the site. — AFP", "… remains elusive. AFP").
 */
export const inlinePatterns: readonly ChromePattern[] = Object.freeze([
  {
    pattern: /^(?:date|published|updated|posted|posted on|last updated) ?(?:: ?)?\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?\s+(?:\d{2}:\d{2}(?::\d{2})?\s+)?/iu,
    reason: 'metadata',
  },
  ...datelinePatterns(AGENCY_NAMES),
  { pattern: /^\p{Lu}{3,24}(?:[ -]\p{Lu}{2,24}){0,2}: (?=\p{Lu})/u, reason: 'dateline' },
  ...inlineCreditPatterns(AGENCY_NAMES),
]);
