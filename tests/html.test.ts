import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareArticles, renderHtml, type Article } from '../src/index.js';
import { escapeHtml } from '../src/report/html.js';
import { seed, seeds } from './helpers.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const outDir = fileURLToPath(new URL('../test-output/', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  } catch (e) {
    // Never a silent skip: the HTML report is only tested for real in a real browser.
    throw new Error(
      `Chromium could not be started at ${executablePath} (${(e as Error).message.split('\n')[0]}). ` +
        "Install Debian's chromium (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH.",
    );
  }
});

afterAll(async () => {
  await browser?.close();
});

/** Opens a report page from a file and records requests, console errors and dialogs. */
async function open(html: string, name: string, width = 1280): Promise<{ page: Page; requests: string[]; errors: string[]; dialogs: string[] }> {
  mkdirSync(outDir, { recursive: true });
  const file = `${outDir}${name}.html`;
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(url);
  return { page, requests, errors, dialogs };
}

/** The element id the report gives a document: "_" and other characters escaped as _hex_. */
function anchorOf(id: string): string {
  return `doc-${id.replace(/[^A-Za-z0-9-]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
}

describe('html report', () => {
  const articles = seeds();
  const report = compareArticles(articles);
  const story = report.stories[0]!;

  it('should show the seeds: one matrix row per outlet, one column per wire passage, no request, no console error', async () => {
    const { page, requests, errors } = await open(renderHtml(report, articles), 'seeds');
    expect(await page.locator('table.matrix tbody tr').count()).toBe(story.documents.length);
    expect(await page.locator('table.matrix thead th.wirecol').count()).toBe(story.wire.length);
    expect(await page.locator('table.summary tbody tr').count()).toBe(5);
    await page.screenshot({ path: `${outDir}seeds-summary.png` });
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('should open an outlet when it is clicked and show its text with word diffs and flags', async () => {
    const { page, errors } = await open(renderHtml(report, articles), 'seeds-click');
    const id = articles.find((a) => a.id.startsWith('002'))!.id;
    const section = page.locator(`details#${anchorOf(id)}`);
    expect(await section.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
    await page.locator(`table.summary a.outlet:text("${id}")`).click();
    expect(await section.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    await expect.poll(() => section.locator('text=Armenia PM Dials').isVisible()).toBe(true);
    // A reworded passage shows its diff, an altered quote is flagged, cut wire text is struck through.
    const quote = section.locator('.p.altered').first();
    expect(await quote.locator('del').first().textContent()).toBe('Localised');
    expect(await quote.locator('ins').count()).toBeGreaterThan(0);
    expect(await quote.locator('.flag').textContent()).toBe('ALTERED QUOTE');
    expect(await section.locator('.p.cut').count()).toBe(report.documents.find((d) => d.id === id)!.cut.length);
    expect(await section.locator('.p.boilerplate .badge').allTextContents()).toContain('byline');
    await quote.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${outDir}seeds-002.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('should show a passage’s cluster and the other outlets’ versions, by click or keyboard', async () => {
    const { page } = await open(renderHtml(report, articles), 'seeds-panel');
    const id = articles.find((a) => a.id.startsWith('001'))!.id;
    await page.locator(`table.summary a.outlet:text("${id}")`).click();
    const passage = page.locator(`#${anchorOf(id)} .p.verbatim`).filter({ hasText: 'The ministry said it had opened' });
    await passage.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('#panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.textContent()).toContain('2 versions');
    expect(await panel.textContent()).toContain('004_61b3294e2d42a59d: The ministry said it had opened “humanitarian corridors');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.isVisible()).toBe(false);
    await page.close();
  });

  it('should sort the summary table by a column', async () => {
    const { page } = await open(renderHtml(report, articles), 'seeds-sort');
    await page.locator('table.summary th button:text("Derived")').click();
    const first = await page.locator('table.summary tbody tr td:first-child').allTextContents();
    expect(first[0]).toMatch(/^003/); // 0% first
    await page.locator('table.summary th button:text("Derived")').click();
    expect((await page.locator('table.summary tbody tr td:first-child').allTextContents())[0]).toMatch(/^004/);
    await page.close();
  });

  it('should not break its layout on a phone-width screen, and print without the panel', async () => {
    const { page } = await open(renderHtml(report, articles), 'seeds-phone', 375);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${outDir}seeds-phone.png` });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#panel').isVisible()).toBe(false);
    await page.close();
  });

  it('should escape hostile article text: nothing executes and the text shows as written', async () => {
    const hostile = [
      '<script>window.pwned = 1; alert("script")</script> said the minister on Tuesday in a long statement.',
      '<img src=x onerror="window.pwned = 2; alert(\'img\')"> was posted alongside the statement by officials.',
      '</style><style>body{display:none}</style> styled text followed the announcement in the capital city.',
      '<a href="javascript:alert(1)">click here</a> said the link in the article about the ceasefire talks.',
      'RTL \u202Emark\u202C and zero\u200Dwidth joiner and \u2066isolate\u2069 text stayed in the article as written.',
      '</script><script>window.pwned = 3</script> closed the data block in an attempt to run code today.',
    ];
    const wire = hostile.join('\n\n');
    const copy = hostile.slice(0, 4).join('\n\n') + '\n\nAn outlet added this sentence about <b>bold</b> claims and "quotes".';
    const arts: Article[] = [
      { id: 'wire<script>', text: wire },
      { id: 'copy"onmouseover="x', text: copy },
    ];
    const r = compareArticles(arts, { reference: 'wire<script>' });
    const html = renderHtml(r, arts, { title: '<script>alert("title")</script>' });
    const { page, dialogs, errors, requests } = await open(html, 'hostile');
    await page.locator('a.outlet').first().click();
    await page.locator('a.outlet').nth(1).click();
    for (const p of await page.locator('.p[data-clusters]').all()) {
      await p.click();
      await page.keyboard.press('Escape'); // the panel would cover the next passage
    }
    expect(await page.evaluate<unknown>('window.pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('main a[href^="javascript"]').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2); // the data block and the report's own script
    const text = await page.locator('main').innerText();
    expect(text).toContain('<script>window.pwned = 1; alert("script")</script> said the minister');
    expect(text).toContain('<img src=x onerror="window.pwned = 2; alert(\'img\')">');
    expect(text).toContain('</style><style>body{display:none}</style>');
    expect(text).toContain('<a href="javascript:alert(1)">click here</a>');
    expect(await page.title()).toBe('<script>alert("title")</script>');
    const body = await page.evaluate<string>('document.body.textContent');
    expect(body).toContain('zero\u200Dwidth joiner');
    expect(body).toContain('RTL \u202Emark\u202C');
    expect(body).toContain('\u2066isolate\u2069');
    await page.screenshot({ path: `${outDir}hostile.png` });
    await page.close();
  });

  it('should escape the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('should render an HTML-input report from its own extracted text', () => {
    const r = compareArticles([{ id: 'h', text: `<article><p>${seed('004').text.split('\n\n').slice(1, 4).join('</p><p>')}</p></article>`, format: 'html' }, seed('004')]);
    expect(renderHtml(r, [seed('004')])).toContain('Fears of a fresh war have been growing in recent months');
  });
});

describe('html element ids', () => {
  it('should give every document its own element id, even ids that escape alike', () => {
    const text = 'Rescuers pulled twelve survivors from the collapsed Marlow mine on Friday, officials said.';
    const r = compareArticles([
      { id: 'a.', text },
      { id: 'a_2e', text },
      { id: 'a_2e_', text },
    ]);
    const html = renderHtml(r);
    const ids = [...html.matchAll(/<details class="outlet" id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('html report an editor reads at a glance', () => {
  const articles = seeds();
  const report = compareArticles(articles);
  let browser2: Browser;
  beforeAll(async () => {
    browser2 = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser2?.close();
  });

  const render = async (width: number, name: string): Promise<Page> => {
    mkdirSync(outDir, { recursive: true });
    const file = `${outDir}${name}.html`;
    writeFileSync(file, renderHtml(report, articles));
    const page = await browser2.newPage({ viewport: { width, height: 1000 } });
    await page.goto(pathToFileURL(file).href);
    await page.screenshot({ path: `${outDir}${name}.png` });
    console.log(`screenshot: ${outDir}${name}.png`);
    return page;
  };

  it('should say in one line what matters, show credit evidence, figures and the wire text (1400 px)', async () => {
    const page = await render(1400, 'glance-1400');
    const headline = await page.locator('p.headline').innerText();
    expect(headline).toMatch(/^5 outlets · 2 wholly derived · 2 partially · 3 altered quotes · \d+ changed figures? · 1 uncredited$/);
    expect(await page.locator('table.summary td.credit').first().innerText()).toContain('according to AFP');
    expect(await page.locator('table.summary th').allInnerTexts()).toEqual(expect.arrayContaining(['Verbatim', 'Moved', 'Figures', 'Names']));
    // Every column is on the screen at 1400 px: nothing to scroll sideways for.
    const table = (await page.locator('table.summary').boundingBox())!;
    expect(table.x + table.width).toBeLessThanOrEqual(1400);
    const wire = page.locator('ol.wiretext li');
    expect(await wire.count()).toBe(report.stories[0]!.wire.length);
    expect(await wire.first().isVisible()).toBe(true);
    await page.close();
  });

  it('should name outlets by their outlet name when the articles give one', () => {
    const named = articles.map((a, i) => ({ ...a, outlet: `Outlet ${String.fromCharCode(65 + i)}` }));
    const html = renderHtml(compareArticles(named), named);
    expect(html).toContain('>Outlet A</a> <span class="evidence">000_');
  });

  it('should show every outlet as a card whose verdict and shares fit a 390 px phone', async () => {
    const page = await render(390, 'glance-390');
    const rows = page.locator('table.summary tbody tr');
    expect(await rows.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      for (const label of ['Verdict', 'Derived', 'Credit']) {
        const box = (await rows.nth(i).locator(`td[data-label="${label}"]`).boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
    }
    // Nothing wider than the screen: no sideways scrolling to read a verdict.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // An outlet opened on the phone shows a verbatim paragraph once, not again in the wire column.
    await rows.first().locator('a.outlet').click();
    const opened = page.locator('details.outlet[open]').first();
    expect(await opened.locator('.p.verbatim').first().isVisible()).toBe(true);
    expect(await opened.locator('.p.wire.same').first().isVisible()).toBe(false);
    await page.close();
  });
});

describe('html report of a real folder, by keyboard only', () => {
  let browser3: Browser;
  beforeAll(async () => {
    browser3 = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser3?.close();
  });

  it('should open an outlet and a passage’s versions with Tab and Enter alone', async () => {
    mkdirSync(outDir, { recursive: true });
    const file = `${outDir}keyboard.html`;
    const { runCli } = await import('../src/cli/main.js');
    const corpus = fileURLToPath(new URL('../test-corpus/', import.meta.url));
    expect(runCli({ argv: ['compare', corpus, '--html', file, '-q'], readStdin: () => '', stdout: () => undefined, stderr: () => undefined })).toBe(0);
    const page = await browser3.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    const focused = () => page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: { className?: string; textContent?: string; tagName: string } | null } }).document.activeElement;
      return el === null ? '' : `${el.tagName} ${el.className ?? ''} ${el.textContent?.slice(0, 30) ?? ''}`;
    });
    // Tab to the first outlet link of the table, Enter: its passage-by-passage view opens.
    let at = '';
    for (let i = 0; i < 40 && !at.startsWith('A outlet 000_'); i++) {
      await page.keyboard.press('Tab');
      at = await focused();
    }
    expect(at).toMatch(/^A outlet 000_/);
    await page.keyboard.press('Enter');
    const details = page.locator('details.outlet').first();
    expect(await details.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    // Tab on to a passage that belongs to a cluster, Enter: the versions panel opens.
    for (let i = 0; i < 80 && !(await focused()).startsWith('DIV p '); i++) await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^DIV p /);
    await page.keyboard.press('Enter');
    expect(await page.locator('#panel.open').isVisible()).toBe(true);
    await page.screenshot({ path: `${outDir}keyboard.png` });
    await page.close();
  });
});
