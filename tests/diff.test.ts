import { describe, expect, it } from 'vitest';
import { classify } from '../src/diff/classify.js';
import { cleanupOps } from '../src/diff/cleanup.js';
import { quotedSpans } from '../src/diff/quotes.js';
import { renderDiffParts } from '../src/diff/render.js';
import { sourceWords, type SourcedWord } from '../src/diff/sourced.js';
import { diffPassage } from '../src/diff/word.js';
import { docs } from './stages.js';

/** Diff words of the single passage of `text` (one sentence). */
function words(text: string, lowerSeen: ReadonlySet<string> = new Set()): SourcedWord[] {
  const [d] = docs([{ id: 'x', text }]);
  return sourceWords(d!.text, d!.passages, lowerSeen).flat();
}

describe('diff', () => {
  describe('diffPassage', () => {
    it('should call identical words verbatim, whatever the case and quote style', () => {
      const d = diffPassage(words('The mine chief said “We will not rest.”'), words('The mine chief said "We will not rest."'));
      expect(d.verbatim).toBe(true);
      expect(d.changes).toEqual([]);
      expect(d.kept).toBe(1);
    });

    it('should classify a changed figure as a number change, with offsets into the outlet text', () => {
      const outlet = 'Rescuers pulled fourteen survivors from the mine on Friday.';
      const d = diffPassage(words('Rescuers pulled twelve survivors from the mine on Friday.'), words(outlet));
      expect(d.changes).toHaveLength(1);
      const c = d.changes[0]!;
      expect(c).toMatchObject({ type: 'number', from: 'twelve', to: 'fourteen' });
      expect(outlet.slice(c.start, c.end)).toBe('fourteen');
    });

    it('should classify a changed word inside quotation marks as a quote change', () => {
      const d = diffPassage(words('"We will not rest until every miner is home," she said.'), words('"We will not stop until every miner is home," she said.'));
      expect(d.changes.map((c) => [c.type, c.from, c.to])).toEqual([['quote', 'rest', 'stop']]);
    });

    it('should classify a regional variant as spelling, aligned as the same word', () => {
      const d = diffPassage(words('The defence ministry said the strikes continued.'), words('The defense ministry said the strikes continued.'));
      expect(d.changes.map((c) => c.type)).toEqual(['spelling']);
      expect(d.kept).toBe(1);
      expect(d.verbatim).toBe(false);
    });

    it('should not call a number written as a figure a changed number', () => {
      // METER, the Telegraph's copy of PA: "the First Battalion" / "the 1st Battalion".
      const d = diffPassage(words('Both men were based in Omagh with the First Battalion for two years.'), words('Both men were based in Omagh with the 1st Battalion for 2 years.'));
      expect(d.changes.map((c) => c.type)).toEqual(['spelling', 'spelling']);
      const e = diffPassage(words('Both men were based in Omagh with the First Battalion.'), words('Both men were based in Omagh with the Second Battalion.'));
      expect(e.changes.map((c) => c.type)).toEqual(['number']);
    });

    it('should not call a figure moved from another sentence a changed number', () => {
      // METER, the Telegraph: "Sgt-Major Michael Gleave, 39, not guilty" where PA gives his age a sentence later.
      const wire = words('A court martial found Company Sergeant Major Michael Gleave not guilty of six charges.');
      const outlet = words('A court martial found Company Sergeant Major Michael Gleave, 39, not guilty of six charges.');
      const figures = { wire: new Set(['6', '39']), outlet: new Set(['6', '39']) };
      expect(diffPassage(wire, outlet, { elsewhere: figures }).changes.map((c) => c.type)).not.toContain('number');
      // Without the wire stating it elsewhere, the same insertion is a number.
      expect(diffPassage(wire, outlet, { elsewhere: { wire: new Set(['6']), outlet: figures.outlet } }).changes.map((c) => c.type)).toEqual(['number']);
      // One figure put for another stays a number change, whatever the rest of the text says.
      const twelve = diffPassage(words('Rescuers pulled twelve survivors from the mine.'), words('Rescuers pulled fourteen survivors from the mine.'), { elsewhere: { wire: new Set(['12', '14']), outlet: new Set(['12', '14']) } });
      expect(twelve.changes.map((c) => c.type)).toEqual(['number']);
    });

    it('should not call a name the wire gives in another sentence a changed name', () => {
      // Seed 002: "the foreign ministry said" -> "Armenia's foreign ministry said"; Armenia is the wire's.
      const wire = words('The foreign ministry said the talks would resume on Monday.');
      const outlet = words('Armenia’s foreign ministry said the talks would resume on Monday.');
      expect(diffPassage(wire, outlet, { elsewhere: { wire: new Set(['armenia']), outlet: new Set(['armenia']) } }).changes.map((c) => c.type)).toEqual(['wording']);
      expect(diffPassage(wire, outlet, { elsewhere: { wire: new Set(), outlet: new Set(['armenia']) } }).changes.map((c) => c.type)).toEqual(['name']);
      // A name put for another is a name change wherever both stand.
      const other = words('Azerbaijan’s foreign ministry said the talks would resume on Monday.');
      expect(diffPassage(words('Armenia’s foreign ministry said the talks would resume on Monday.'), other, { elsewhere: { wire: new Set(['armenia', 'azerbaijan']), outlet: new Set(['armenia', 'azerbaijan']) } }).changes.map((c) => c.type)).toEqual(['name']);
    });

    it('should call an abbreviated title a spelling change, not a changed name', () => {
      const d = diffPassage(words('A court martial cleared Company Sergeant Major Michael Gleave and Private Roy Carr.'), words('A court martial cleared Company Sgt Major Michael Gleave and Pte Roy Carr.'));
      expect(d.changes.map((c) => c.type)).toEqual(['spelling', 'spelling']);
      expect(diffPassage(words('Li Wei was named.'), words('Lin Wei was named.')).changes.map((c) => c.type)).toEqual(['name']);
    });

    it("should read an agency feed's lone underscore as the dash it is, not as a word", () => {
      const d = diffPassage(words('The departure of Edmonds - he earned an estimated 5 million - comes a week after Lynam left.'), words('The departure of Edmonds _ who earned an estimated 5 million _ comes a week after Lynam left.'));
      expect(d.changes.map((c) => [c.type, c.from, c.to])).toEqual([['wording', 'he', 'who']]);
    });

    it('should show one whole replacement when less than a third of the wire words survive', () => {
      const d = diffPassage(words('Officials confirmed the toll rose overnight in the capital.'), words('A different sentence about football results entirely.'));
      expect(d.parts.map((p) => p.op)).toEqual(['delete', 'insert']);
      expect(d.changes).toHaveLength(1);
    });

    it('should rebuild the outlet passage from its equal and inserted parts', () => {
      const outlet = 'Rescuers in Marlow pulled fourteen survivors from the mine on Friday.';
      const d = diffPassage(words('Rescuers pulled twelve survivors from the collapsed mine on Friday.'), words(outlet), { passageStart: 0, passageEnd: outlet.length });
      expect(d.parts.filter((p) => p.op !== 'delete').map((p) => p.text).join('')).toBe(outlet);
    });
  });

  describe('classify', () => {
    const w = (text: string): SourcedWord[] => words(text);
    it('should tell names from wording by capitals after the first word', () => {
      expect(classify(w('said Ellen Voss.').slice(1, 3), w('said Anna Berg.').slice(1, 3))).toBe('name');
      expect(classify(w('the growing fears.').slice(1, 2), w('the building fears.').slice(1, 2))).toBe('wording');
    });

    it('should not call an attribution moved to the end of the sentence a name change', () => {
      // The seeds' 001: "Baku said it had informed Russia…" → "…had been informed about it, Baku said."
      const wire = words('Baku said it had informed Russia and Turkey about military activities in Karabakh.');
      const outlet = words('Russia and Turkey had been informed about military activities in Karabakh, Baku said.');
      const d = diffPassage(wire, outlet);
      const added = d.changes.find((c) => c.to.includes('Baku said'))!;
      expect(added.type).toBe('wording');
      // A name the wire passage does not have, added in a short edit, still is one.
      const other = diffPassage(wire, words('Russia and Turkey had been informed about military activities in Karabakh, Aliyev said.'));
      expect(other.changes.find((c) => c.to.includes('Aliyev'))!.type).toBe('name');
    });
  });

  describe('cleanupOps', () => {
    it('should fold a short run of function words between two edits into one edit', () => {
      const raw = [
        { removed: true, value: ['a'], count: 1 },
        { value: ['of', 'the'], count: 2 },
        { added: true, value: ['b'], count: 1 },
      ];
      const ops = cleanupOps(raw, () => true);
      expect(ops).toEqual([
        { added: false, removed: true, count: 3 },
        { added: true, removed: false, count: 3 },
      ]);
      expect(cleanupOps(raw, () => false)).toHaveLength(3);
    });
  });

  describe('quotedSpans', () => {
    it('should find curly, straight and single-quote quotations, not apostrophes', () => {
      const text = 'He said “yes” and "no" and ‘maybe’ in Baku’s square.';
      expect(quotedSpans(text).map(([a, b]) => text.slice(a, b))).toEqual(['yes', 'no', 'maybe']);
    });

    it('should end a quotation with its paragraph, so one stray mark does not quote the rest of the article', () => {
      // METER, the Guardian: a quote mark left open, then "She was accused of kicking, punching
      // and scratching him." outside any quotation.
      const text = '"I felt degraded, he said.\n\nShe was accused of kicking, punching and scratching him.\n\n"It failed," she said.';
      expect(quotedSpans(text).map(([a, b]) => text.slice(a, b))).toEqual(['I felt degraded, he said.', 'It failed,']);
      // A quote that goes on opens again in the next paragraph, as papers print it.
      const on = '"We will rebuild,\n\n"and we will not forget," she said.';
      expect(quotedSpans(on).map(([a, b]) => on.slice(a, b))).toEqual(['We will rebuild,', 'and we will not forget,']);
      // Without blank lines, each line is a paragraph.
      const lines = '"Open quote never closed\nPlain line here.';
      expect(quotedSpans(lines).map(([a, b]) => lines.slice(a, b))).toEqual(['Open quote never closed']);
      // CR-only line ends are line ends, as the paragraph stage reads them.
      const cr = '"Open quote never closed\r\rPlain line here.';
      expect(quotedSpans(cr).map(([a, b]) => cr.slice(a, b))).toEqual(['Open quote never closed']);
      // An agency feed's layout wraps its lines: its paragraphs end in "<".
      const feed = 'HEADLINE<\nBy A Reporter, PA News<\nHe said: "We will\nrebuild the town."<\nThe end of it.<\n';
      expect(quotedSpans(feed).map(([a, b]) => feed.slice(a, b))).toEqual(['We will\nrebuild the town.']);
    });
  });

  describe('renderDiffParts', () => {
    it('should mark deletions and insertions with spaces outside the markers', () => {
      expect(
        renderDiffParts([
          { op: 'equal', text: 'pulled' },
          { op: 'delete', text: 'twelve' },
          { op: 'insert', text: ' fourteen' },
          { op: 'equal', text: ' survivors.' },
        ]),
      ).toBe('pulled [-twelve-] {+fourteen+} survivors.');
    });
  });
});

describe('diff labels', () => {
  const types = (wire: string, outlet: string): string[] => diffPassage(words(wire), words(outlet)).changes.map((c) => `${c.type}:${c.from}>${c.to}`);

  it('should not call a quote altered when the outlet has no quotation marks there', () => {
    const t = types('"We will not rest until every miner is home," the mine chief Ellen Voss told reporters.', 'The mine chief Ellen Voss told reporters that rescuers would keep working until every miner is home.');
    expect(t.some((x) => x.startsWith('quote:'))).toBe(false);
  });

  it('should label a long replacement rewritten, not name or number', () => {
    const t = types('Armenia and Azerbaijan have fought two wars over the region since 1991, officials said.', 'The ex-Soviet Caucasus rivals with large-scale hostilities breaking out have fought two wars over the region since 1991, officials said.');
    expect(t[0]).toMatch(/^rewritten:Armenia and Azerbaijan>/);
  });

  it('should accept a quotation shortened at its edges as a fair partial quote', () => {
    const t = types('She said: "Localised anti-terrorist measures have been launched in the region."', 'She said "anti-terrorist measures have been launched" in the region.');
    expect(t.some((x) => x.startsWith('quote:'))).toBe(false);
  });

  it('should count a cut at the edge of a quotation that is altered inside as part of the altered quote', () => {
    const t = types('She said: "Localised anti-terrorist measures have been launched in the region."', 'She said: "Anti-terrorist operations have been launched in the region."');
    expect(t).toContain('quote:Localised>');
    expect(t).toContain('quote:measures>operations');
  });
});
