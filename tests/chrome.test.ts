import { describe, expect, it } from 'vitest';
import { bodySpans, detectChrome, learnChrome } from '../src/chrome/chrome.js';
import { detectCredits } from '../src/chrome/credits.js';
import { prepareDocument, sameChromeSpans } from '../src/document/document.js';
import { segmentSentences } from '../src/index.js';
import { seed, seeds } from './helpers.js';

/** Chrome of each seed, read off the files by hand: [text of the span, reason]. */
const EXPECTED: Record<string, Array<[string, string]>> = {
  '000': [
    [
      'This photograph released on November 14, 2020, shows thick plumes of smoke rising over the different places in the valley as a lasting solution to the decades-long conflict of Nagorno-Karabakh remains elusive. AFP',
      'caption',
    ],
  ],
  '001': [
    ["Saturday, September 23, 2023 | Rabi' al-awwal 7, 1445 H", 'date'],
    ['scattered clouds', 'weather'],
    ['30°C / 30°C', 'weather'],
    ['No Image', 'caption'],
    ['BAKU:', 'dateline'],
    ['— AFP', 'credit'],
    ['arrow up', 'navigation'],
    ['home icon', 'navigation'],
  ],
  '002': [
    ['• Tue. Nov 28th, 2023', 'date'],
    [
      'Large-scale fighting has erupted between Armenia and Azerbaijan over the disputed territory of Nagorno-Karabakh. (Image: Reuters/Representative)',
      'caption',
    ],
    [
      'Large-scale fighting has erupted between Armenia and Azerbaijan over the disputed territory of Nagorno-Karabakh. (Image: Reuters/Representative)',
      'caption',
    ],
    ['Nagorno-Karabakh Conflict: Why Azerbaijan is Fighting Armenia? All About Disputed Region | Explained', 'teaser'],
    ['(With AFP inputs)', 'credit'],
    ['By admin', 'byline'],
    ['Leave a Reply', 'comments'],
    ['Your email address will not be published.', 'comments'],
    ['Required fields are marked *', 'comments'],
  ],
  '003': [
    ['News Trending', 'navigation'],
    ['Picture Courtesy: Google/images are subject to copyright', 'caption'],
    ['Leave a Reply', 'comments'],
    ['Your email address will not be published.', 'comments'],
    ['Required fields are marked *', 'comments'],
  ],
  '004': [
    ['date 2023-09-20', 'metadata'],
    ['BAKU:', 'dateline'],
  ],
};

describe('chrome', () => {
  describe('detectChrome', () => {
    it.each(Object.keys(EXPECTED))('should find exactly the chrome of seed %s, with its reasons', (n) => {
      const { text } = seed(n);
      expect(detectChrome(text).map((c) => [text.slice(c.start, c.end), c.reason])).toEqual(EXPECTED[n]);
    });

    it('should lose no body sentence of any seed (every sentence outside chrome is body, whole)', () => {
      for (const { text } of seeds()) {
        const chrome = detectChrome(text);
        const body = bodySpans(text, chrome);
        const inBody = (s: number, e: number): boolean => body.some((b) => b.start <= s && e <= b.end);
        for (const s of segmentSentences(text)) {
          const overlapsChrome = chrome.some((c) => c.start < s.end && s.start < c.end);
          if (!overlapsChrome) expect(inBody(s.start, s.end), text.slice(s.start, s.end)).toBe(true);
        }
      }
    });

    it('should keep headlines and the outlet’s own subheadings as body, however short', () => {
      const keep = [
        ['001', 'Blasts in Karabakh as Azerbaijan launches military operation'],
        ['002', 'Armenia PM Dials\u00a0Antony Blinken'], // the seed has a no-break space here
        ['002', 'Nagorno-Karabakh Dispute'],
        ['003', 'Azerbaijan Commences Military Action in Nagorno-Karabakh'],
      ];
      for (const [n, phrase] of keep) {
        const { text } = seed(n!);
        const start = text.indexOf(phrase!);
        expect(bodySpans(text, detectChrome(text)).some((b) => b.start === start && b.end === start + phrase!.length)).toBe(true);
      }
      expect(detectChrome('Ceasefire\n\nThe guns fell silent on Sunday.')).toEqual([]);
    });

    it('should cut metadata and a credit out of a paragraph, leaving the rest as body', () => {
      const text = ' date 2023-09-20 BAKU: Fighting resumed on Tuesday. — AFP';
      const chrome = detectChrome(text);
      expect(chrome.map((c) => [text.slice(c.start, c.end), c.reason])).toEqual([
        ['date 2023-09-20', 'metadata'],
        ['BAKU:', 'dateline'],
        ['— AFP', 'credit'],
      ]);
      expect(bodySpans(text, chrome).map((b) => text.slice(b.start, b.end))).toEqual(['Fighting resumed on Tuesday.']);
    });

    it('should strip a WordPress template around an article', () => {
      const page = [
        'Skip to content',
        'Menu',
        'Monday, 20 September 2023',
        'By Jane Doe',
        'Fighting resumed in the region on Tuesday, officials said.',
        'Residents fled to the capital.',
        'Share this:',
        'Twitter',
        'Facebook',
        'Like this:',
        'Like Loading...',
        'Related',
        'Leave a Reply Cancel reply',
        'Your email address will not be published. Required fields are marked *',
        'Comment *',
        'Name *',
        'Email *',
        'Website',
        'Save my name, email, and website in this browser for the next time I comment.',
        '© 2023 Daily Planet. All rights reserved.',
      ].join('\n\n');
      const body = bodySpans(page, detectChrome(page)).map((b) => page.slice(b.start, b.end));
      expect(body).toEqual(['Fighting resumed in the region on Tuesday, officials said.', 'Residents fled to the capital.']);
    });

    it('should strip a news-portal template: ads, teasers, photo credits, update times', () => {
      const page = [
        'Advertisement',
        'Updated: Sep 20, 2023 10:15 IST',
        'Also Read: Why the ceasefire collapsed',
        'Protesters gathered outside parliament. (Photo: AP)',
        'Police said 40 people were detained after clashes.',
        'Follow us on Google News',
        '(With inputs from Reuters)',
      ].join('\n\n');
      const chrome = detectChrome(page);
      expect(chrome.map((c) => c.reason)).toEqual(['navigation', 'metadata', 'teaser', 'caption', 'navigation', 'credit']);
      expect(bodySpans(page, chrome).map((b) => page.slice(b.start, b.end))).toEqual(['Police said 40 people were detained after clashes.']);
    });

    it('should take extra phrases and patterns from options', () => {
      const text = 'Download the Planet app\n\nReal news here.\n\nPromo code XYZ';
      const chrome = detectChrome(text, {
        phrases: [{ text: 'download the planet app', reason: 'navigation' }],
        patterns: [{ pattern: /^Promo code \w+$/u, reason: 'custom' }],
      });
      expect(chrome.map((c) => c.reason)).toEqual(['navigation', 'custom']);
      expect(() => detectChrome(text, { patterns: [{ pattern: 'x' as unknown as RegExp, reason: 'custom' }] })).toThrow(TypeError);
    });
  });

  describe('learnChrome', () => {
    it('should learn template lines repeated across an outlet’s articles, but not repeated wire sentences', () => {
      const wire = 'The ministry said it had opened humanitarian corridors and reception points to allow civilians to leave.';
      const footer = 'Subscribe to the Daily Planet for breaking news alerts';
      const texts = [`Story one body.\n\n${wire}\n\n${footer}`, `Story two body.\n\n${wire}\n\n${footer}`, `Story three.\n\n${footer}`];
      const learned = learnChrome(texts);
      expect([...learned]).toEqual(['subscribe to the daily planet for breaking news alerts']);
      const chrome = detectChrome(texts[0]!, { learned });
      expect(chrome.map((c) => [texts[0]!.slice(c.start, c.end), c.reason])).toEqual([[footer, 'repeated-across-outlet']]);
    });
  });

  describe('detectCredits', () => {
    it('should find credit lines and in-text attributions of the seeds', () => {
      const found = (n: string): string[] => {
        const { text } = seed(n);
        const chrome = detectChrome(text);
        return detectCredits(text, chrome, bodySpans(text, chrome)).map((c) => `${c.agency}:${c.kind}:${text.slice(c.start, c.end)}`);
      };
      // 000's caption ends in "AFP": a photo credit, not a credit for the text.
      expect(found('000')).toEqual(['AFP:in-text:according to AFP']);
      expect(found('001')).toEqual(['AFP:credit-line:— AFP']);
      expect(found('002')).toEqual(['AFP:in-text:according to news agency AFP', 'AFP:in-text:AFP also said', 'AFP:credit-line:(With AFP inputs)']);
      expect(found('003')).toEqual([]);
      // 004 has no credit line: "An AFP journalist … said" is the wire's own sourcing, copied.
      expect(found('004')).toEqual(['AFP:wire-sourcing:AFP journalist', 'AFP:wire-sourcing:AFP contributor']);
    });

    it('should not take lower-case or embedded acronyms for agencies', () => {
      const text = 'The map of the capital was drawn. Apple said so.';
      expect(detectCredits(text, [], [{ start: 0, end: text.length }])).toEqual([]);
    });
  });
});

describe('chrome and credit: the cases the issue measured', () => {
  const chromeOf = (line: string): string | null => {
    const text = `${line}\n\nRescuers pulled twelve survivors from the collapsed mine on Friday, officials said.`;
    const c = detectChrome(text).find((x) => x.start === 0);
    return c !== undefined && c.end === line.length ? c.reason : null;
  };
  it.each([
    'Home > World > Africa',
    'Accueil > Économie',
    'Share this article: Facebook | X | WhatsApp | Email',
    'Partager sur Facebook',
    'Follow us on Telegram for the latest updates.',
    'Sign up for our newsletter.',
    'Abonnez-vous à notre newsletter',
    'Tags: Karabakh, Azerbaijan, Armenia',
    'Listen to this article (3 min)',
    'Comments (0) | Log in to comment',
    'Lire aussi : Le Haut-Karabakh, un conflit gelé',
    'Publié le 12/09/2023 à 14h32',
    '11:29 01/03/00: Page 1 (HHH) COURTS Chemists',
    '------------------------------------------------------------------------',
    'end',
  ])('should set aside %j', (line) => {
    expect(chromeOf(line)).not.toBeNull();
  });

  const creditOf = (text: string): string[] => {
    const chrome = detectChrome(text);
    return detectCredits(text, chrome, bodySpans(text, chrome))
      .filter((c) => c.kind !== 'wire-sourcing')
      .map((c) => c.agency);
  };
  const body = 'Rescuers pulled twelve survivors from the collapsed mine on Friday, officials said.';
  it.each([
    ['The Associated Press contributed to this report.', 'AP'],
    ['Agence France-Presse contributed to this report.', 'AFP'],
    ['Avec AFP', 'AFP'],
    ['(avec AFP)', 'AFP'],
    ['Source AFP', 'AFP'],
    ['© AFP', 'AFP'],
    ['Con información de EFE', 'EFE'],
    ['Fuente: EFE', 'EFE'],
    ['mit Material von dpa', 'dpa'],
    ['(اے پی پی)', 'APP'],
  ])('should take the credit line %j as credit to %s', (line, agency) => {
    expect(creditOf(`${body}\n\n${line}`)).toEqual([agency]);
  });

  it.each([
    ["Les secouristes ont retrouvé douze survivants, selon l'AFP.", 'AFP'],
    ["Douze survivants ont été retrouvés, a indiqué l'AFP.", 'AFP'],
  ])('should take the in-text attribution in %j as credit', (sentence, agency) => {
    expect(creditOf(sentence)).toEqual([agency]);
  });

  it('should not take a photo credit or the wire’s own sourcing for a credit', () => {
    expect(creditOf(`${body}\n\nThis photograph taken on Friday shows rescuers at the mine entrance. AFP`)).toEqual([]);
    expect(creditOf('An AFP journalist in the town said blasts could be heard. Another AFP contributor said he heard sirens.')).toEqual([]);
  });

  it('should set aside a dateline, credit the agency it names, and keep it out of the lede', () => {
    const text = 'PARIS (AFP) - Rescuers pulled twelve survivors from the collapsed mine on Friday, officials said.';
    const chrome = detectChrome(text);
    expect(chrome.map((c) => [text.slice(c.start, c.end), c.reason])).toEqual([['PARIS (AFP) -', 'dateline']]);
    expect(creditOf(text)).toEqual(['AFP']);
  });
});

describe('a credit line an outlet repeats on every article', () => {
  it('should still credit the agency when the line is learned as the outlet\'s template', () => {
    const a = 'Rescuers pulled twelve survivors from the collapsed Marlow mine on Friday, officials said.\n\n(With AFP inputs)';
    const b = 'The central bank raised its main interest rate by half a point on Thursday.\n\n(With AFP inputs)';
    const learned = learnChrome([a, b]);
    expect(learned.has('(with afp inputs)')).toBe(true);
    const chrome = detectChrome(a, { learned });
    expect(chrome.map((c) => c.reason)).toEqual(['credit']);
    expect(detectCredits(a, chrome, bodySpans(a, chrome)).map((c) => `${c.agency}:${c.kind}`)).toEqual(['AFP:credit-line']);
  });
});

describe("the Press Association's copy (METER)", () => {
  const text = 'SERGEANT MAJOR CLEARED OF RACIAL ABUSE\n\nBy Lisa Salmon, PA News\n\nA sergeant major was today cleared of ill-treating a black soldier.\n\nThe hearing at Catterick lasted four days, the Press Association said.\n\nend';
  const chrome = detectChrome(text);

  it('should set aside its byline and its sign-off line', () => {
    expect(chrome.map((c) => [text.slice(c.start, c.end), c.reason])).toEqual([
      ['By Lisa Salmon, PA News', 'byline'],
      ['end', 'metadata'],
    ]);
  });

  it('should take a byline that names an agency, and the Press Association named in the text, for PA credit', () => {
    expect(detectCredits(text, chrome, bodySpans(text, chrome)).map((c) => `${c.agency}:${c.kind}:${text.slice(c.start, c.end)}`)).toEqual([
      'PA:credit-line:By Lisa Salmon, PA News',
      'PA:in-text:the Press Association said',
    ]);
    // A byline of the outlet's own reporter credits nobody.
    const own = 'By Jane Doe, Chief Reporter\n\nA sergeant major was today cleared of ill-treating a black soldier.';
    const c = detectChrome(own);
    expect(detectCredits(own, c, bodySpans(own, c))).toEqual([]);
  });
});

describe("PA's longer bylines", () => {
  it('should set aside bylines of two reporters, or with a title or a place, and credit PA; not a sentence that starts with By', () => {
    const bylines = ['By Damien Brook and Brian Farmer, PA News', 'By Pat Clarke, Old Bailey Correspondent, PA News', 'By Joe Quinn, PA News, in Zeist, Netherlands', 'By Jon Coates, PA News.'];
    for (const line of bylines) {
      const text = `JURY RETIRES\n\n${line}\n\nThe jury retired to consider its verdicts today.`;
      const chrome = detectChrome(text);
      expect(chrome.map((c) => [text.slice(c.start, c.end), c.reason])).toEqual([[line, 'byline']]);
      expect(detectCredits(text, chrome, bodySpans(text, chrome)).map((c) => c.agency)).toEqual(['PA']);
    }
    // A take that more will follow ends "mf" or "mfl" (more follows later): no wire text either.
    for (const mark of ['mf', 'mfl']) {
      const take = `The jury retired to consider its verdicts today.\n\n${mark}`;
      expect(detectChrome(take).map((c) => [take.slice(c.start, c.end), c.reason])).toEqual([[mark, 'metadata']]);
    }
    for (const line of ['By Monday, Smith had left.', 'By Tuesday, officials said, sales fell.', 'By contrast, the company said, sales fell.']) {
      expect(detectChrome(`The jury retired today.\n\n${line}`)).toEqual([]);
    }
  });
});

describe('more agencies', () => {
  it('should recognise agencies the caller adds, in credit lines, datelines and attributions', () => {
    const body = 'As cheias atingiram três aldeias no norte do país, segundo a Lusa.';
    const text = `LISBOA (Lusa) - ${body}\n\nCom Lusa`;
    const chrome = detectChrome(text, { agencies: ['Lusa'] });
    const credits = detectCredits(text, chrome, bodySpans(text, chrome), ['Lusa']).map((c) => `${c.agency}:${c.kind}:${text.slice(c.start, c.end)}`);
    expect(credits).toEqual(['Lusa:credit-line:LISBOA (Lusa) -', 'Lusa:in-text:segundo a Lusa', 'Lusa:credit-line:Com Lusa']);
    const plain = detectChrome(text);
    expect(detectCredits(text, plain, bodySpans(text, plain))).toEqual([]);
    expect(() => detectChrome(text, { agencies: [''] })).toThrow(/chrome.agencies/);
  });
});

describe('learned lines that change nothing', () => {
  // The feed regroups a story with the template lines its articles teach; a line that is chrome
  // already (a house credit) leaves the passages as they were, and preparing again is skipped.
  const settings = { maxChars: 5_000_000, maxSentences: 5000 };
  const article = { id: 'a', text: 'Blasts shook the town on Tuesday, witnesses said.\n\nThe army said it had no losses.\n\n(With AFP inputs)' };
  const doc = prepareDocument(article, 0, new Set(), settings);

  it('should say the chrome spans are the same when the learned line is chrome already, and not when it is a body line', () => {
    expect(sameChromeSpans(doc, new Set(['(with afp inputs)']), settings)).toBe(true);
    expect(sameChromeSpans(doc, new Set(['the army said it had no losses.']), settings)).toBe(false);
    // The same answer as preparing again and comparing.
    for (const line of ['(with afp inputs)', 'the army said it had no losses.']) {
      const again = prepareDocument(article, 0, new Set([line]), settings);
      expect(sameChromeSpans(doc, new Set([line]), settings)).toBe(JSON.stringify(again.passages) === JSON.stringify(doc.passages));
    }
  });
});
