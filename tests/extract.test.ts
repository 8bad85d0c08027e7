import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { compareArticles, extractArticle } from '../src/index.js';
import { seed } from './helpers.js';

const page = readFileSync(fileURLToPath(new URL('./fixtures/planet-karabakh.html', import.meta.url)), 'utf8');

describe('extract', () => {
  describe('extractArticle', () => {
    it('should extract the article body of a saved page and leave the site around it', () => {
      const { title, text } = extractArticle(page);
      expect(title).toBe('Blasts in Karabakh as Azerbaijan launches military operation');
      const paragraphs = text.split('\n\n');
      // The headline, the 18 body paragraphs of 001 (one per <p>) and the credit line.
      expect(paragraphs).toHaveLength(20);
      expect(paragraphs[0]).toBe('Blasts in Karabakh as Azerbaijan launches military operation');
      expect(paragraphs[1]).toMatch(/^BAKU: Azerbaijan on Tuesday launched a military operation/);
      expect(paragraphs[19]).toBe('— AFP');
      for (const junk of ['cookies', 'Accept all', 'Business', 'Share on Facebook', 'Related articles', 'Why Azerbaijan is fighting', 'Leave a Reply', 'Post Comment', 'All rights reserved', 'tracking pixel', 'dataLayer'])
        expect(text).not.toContain(junk);
    });

    it('should give the same body text as the plain-text copy of the article', () => {
      const plain = seed('001').text;
      for (const p of extractArticle(page).text.split('\n\n').slice(1, 19)) expect(plain).toContain(p);
    });

    it('should report a page with no article instead of inventing one', () => {
      const r = extractArticle('<html><body><nav><a>Home</a><a>World</a></nav><p>Menu</p></body></html>');
      expect(r.text).toBe('');
      expect(r.warning).toBe('no article body found in the HTML');
    });

    it('should survive broken markup and never run or keep scripts', () => {
      const broken =
        '<div><p>Rescuers pulled twelve survivors from the collapsed Marlow mine on Friday, officials in Dunmore said<p>The mining authority said it would open an inquiry into the ventilation system of the mine' +
        '<script>throw new Error("ran")</script><img src=x onerror="globalThis.ran = true"><b>unclosed <i>tags';
      const r = extractArticle(broken);
      expect(r.text).toContain('Rescuers pulled twelve survivors');
      expect(r.text).toContain('open an inquiry');
      expect(r.text).not.toContain('throw new Error');
      expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
    });

    it('should find the article in a 5 MB page', () => {
      const junk = '<div class="menu"><a href="/x">Section link</a></div>\n'.repeat(95_000);
      const big = `<html><body>${junk}<article>${page.slice(page.indexOf('<h1>'), page.indexOf('</article>'))}</article></body></html>`;
      expect(big.length).toBeGreaterThan(5_000_000);
      expect(extractArticle(big).text).toContain('BAKU: Azerbaijan on Tuesday launched');
    });
  });

  describe('compareArticles with HTML', () => {
    const report = compareArticles([{ id: 'planet', text: page, format: 'html' }, seed('004')]);
    const planet = report.documents.find((d) => d.id === 'planet')!;

    it('should carry the extracted text, and every offset should point into it', () => {
      expect(planet.text).toBe(extractArticle(page).text);
      for (const s of planet.segments) expect(planet.text!.slice(s.start, s.end).trim()).toBe(planet.text!.slice(s.start, s.end));
    });

    it('should apply the chrome stage and credit detection to the extracted text', () => {
      const t = planet.text!;
      expect(planet.segments.filter((s) => s.kind === 'boilerplate').map((s) => [t.slice(s.start, s.end), s.reason])).toEqual([
        ['BAKU:', 'dateline'],
        ['— AFP', 'credit'],
      ]);
      expect(planet.credited).toBe(true);
      const shared = planet.segments.find((s) => t.slice(s.start, s.end).startsWith('The ministry said it had opened'))!;
      expect(shared.kind).toBe('verbatim');
    });

    it('should warn, not fail, for a page with no article, and the CLI should name it', () => {
      const r = compareArticles([{ id: 'empty-page', text: '<html><body><nav>Home</nav></body></html>', format: 'html' }]);
      expect(r.documents[0]!.warnings).toEqual(['no article body found in the HTML']);
      expect(r.documents[0]!.segments).toEqual([]);
      let err = '';
      const code = runCli({
        argv: ['compare', '-'],
        readStdin: () => JSON.stringify({ id: 'nav-only', html: '<nav>Home</nav>' }),
        stdout: () => undefined,
        stderr: (s) => (err += s),
      });
      expect(code).toBe(1);
      expect(err).toContain('nav-only: no article body found in the HTML');
    });

    it('should reject an unknown format by name', () => {
      expect(() => compareArticles([{ id: 'a', text: 'x', format: 'pdf' as never }])).toThrow(/format must be "text" or "html" \(got "pdf"\)/);
    });
  });
});
