import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { compareArticles, type Report } from '../src/index.js';
import { corpusDir, seed } from './helpers.js';

function run(argv: string[], stdin = ''): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli({ argv, readStdin: () => stdin, stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'wiretrace-cli-'));
}

describe('cli', () => {
  describe('compare', () => {
    it('should print a text report of a folder with a one-line summary per outlet', () => {
      const { code, out, err } = run(['compare', corpusDir]);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toMatch(/^wiretrace report: 5 documents, 1 story/);
      expect(out).toMatch(/^003_63e0cbf0dab6432b {2}non-derived {2}derived 0% .*\(matched no other article\)$/m);
      expect(out).toMatch(/^001_19e450d8f910d714 {2}wholly-derived {2}derived \d+% {2}coverage \d+% {2}credits AFP \("— AFP"\)$/m);
      expect(out).toContain('ALTERED QUOTE');
      expect(out).toContain('[-Localised-]');
      expect(out).toContain('boilerplate (byline): By admin');
      expect(out).not.toContain('\u001b['); // no colour when not a terminal
    });

    it('should write the JSON contract with --json and --format json', () => {
      const a = run(['compare', corpusDir, '--json']);
      const b = run(['compare', '--format', 'json', corpusDir]);
      expect(a.out).toBe(b.out);
      const report = JSON.parse(a.out) as Report;
      expect(report.schema).toBe('wiretrace/report@2');
      expect(report.documents.map((d) => d.id)).toEqual([
        '000_3d56816a3c0d6d6d',
        '001_19e450d8f910d714',
        '002_f3543013cef70db4',
        '003_63e0cbf0dab6432b',
        '004_61b3294e2d42a59d',
      ]);
    });

    it('should write the bytes of JSON.stringify(report, null, 2), written piece by piece', () => {
      const articles = readdirSync(corpusDir)
        .sort()
        .map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(join(corpusDir, f), 'utf8') }));
      expect(run(['compare', corpusDir, '--json']).out).toBe(JSON.stringify(compareArticles(articles), null, 2) + '\n');
      // Empty lists too: one article alone has no clusters and no stories.
      const one = articles.slice(3, 4);
      expect(run(['compare', '-', '--json', '-q'], JSON.stringify(one[0]) + '\n').out).toBe(JSON.stringify(compareArticles(one), null, 2) + '\n');
    });

    it('should write JSON Lines story by story that hold exactly the JSON report', () => {
      const lines = run(['compare', corpusDir, '--format', 'jsonl']);
      expect(lines.code).toBe(0);
      const [header, ...parts] = lines.out.trimEnd().split('\n').map((l) => JSON.parse(l));
      const report = JSON.parse(run(['compare', corpusDir, '--json']).out) as Report;
      expect(header).toEqual({ schema: 'wiretrace/report-lines@2', generator: report.generator, stories: parts.length, limits: report.limits });
      expect(parts.flatMap((p) => (p.story === null ? [] : [p.story]))).toEqual(report.stories);
      expect(parts.flatMap((p) => p.clusters)).toEqual(report.clusters);
      expect(parts.flatMap((p) => p.documents).sort((x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1))).toEqual(report.documents);
      expect(run(['compare', corpusDir, '--format', 'jsonl', '--html', 'x.html']).code).toBe(2);
    });

    it('should take a reference by id', () => {
      const { code, out } = run(['compare', corpusDir, '--reference', '004_61b3294e2d42a59d']);
      expect(code).toBe(0);
      expect(out).toContain('(reference 004_61b3294e2d42a59d)');
    });

    it("should take the agency's takes as references, one version each", () => {
      const { code, out } = run(['compare', corpusDir, '--reference', '001_19e450d8f910d714', '--reference', '004_61b3294e2d42a59d', '--json']);
      expect(code).toBe(0);
      const report = JSON.parse(out) as Report;
      const [story] = report.stories;
      expect(story!.references).toEqual(['001_19e450d8f910d714', '004_61b3294e2d42a59d']);
      expect(story!.versions.map((v) => v.documents)).toEqual([['001_19e450d8f910d714'], ['004_61b3294e2d42a59d']]);
      const doc = (n: string) => report.documents.find((d) => d.id.startsWith(n))!;
      expect([doc('001').role, doc('004').role]).toEqual(['reference', 'reference']);
      // A take is the wire text: none of its passages is a change (001 merges two of 004's
      // sentences, so 004 has two passages in that cluster; both are its own wording).
      for (const n of ['001', '004']) expect([doc(n).counts.reworded, doc(n).counts.alteredQuotes, doc(n).counts.verbatim > 15]).toEqual([0, 0, true]);
      expect(doc('002').version).toBe(story!.versions[0]!.id);
      expect(doc('000').version).toBe('mixed');
      const text = run(['compare', corpusDir, '--reference', '001_19e450d8f910d714', '--reference', '004_61b3294e2d42a59d']).out;
      expect(text).toContain('(references 001_19e450d8f910d714, 004_61b3294e2d42a59d)');
      expect(run(['compare', corpusDir, '--reference', '004_61b3294e2d42a59d', '--reference', '004_61b3294e2d42a59d']).err).toContain('--reference names an article twice');
    });

    it('should read JSON Lines from stdin with -', () => {
      const lines = [seed('001'), seed('004')].map((a) => JSON.stringify({ id: a.id, text: a.text, outlet: 'x' })).join('\n');
      const { code, out } = run(['compare', '-', '--json'], lines + '\n');
      expect(code).toBe(0);
      expect((JSON.parse(out) as Report).documents.map((d) => d.outlet)).toEqual(['x', 'x']);
    });

    it('should read a .jsonl file as JSON Lines, as stdin, not as one article', () => {
      const dir = tempDir();
      const lines = [seed('001'), seed('004')].map((a) => JSON.stringify({ id: a.id, text: a.text, outlet: 'x', publishedAt: '2023-09-19T12:00:00Z' })).join('\n') + '\n';
      writeFileSync(join(dir, 'feed.jsonl'), lines);
      const file = run(['compare', join(dir, 'feed.jsonl'), '--json']);
      expect([file.code, file.err]).toEqual([0, '']);
      expect(file.out).toBe(run(['compare', '-', '--json'], lines).out);
      expect((JSON.parse(file.out) as Report).documents.map((d) => [d.id, d.outlet, d.publishedAt])).toEqual([
        [seed('001').id, 'x', '2023-09-19T12:00:00Z'],
        [seed('004').id, 'x', '2023-09-19T12:00:00Z'],
      ]);
      // Bad lines are named by file and line; plain text in a .jsonl file is one clear error.
      writeFileSync(join(dir, 'bad.ndjson'), `${lines}{not json\n`);
      const bad = run(['compare', join(dir, 'bad.ndjson'), '--json']);
      expect(bad.code).toBe(1);
      expect(bad.err).toContain(`${join(dir, 'bad.ndjson')} line 3: not valid JSON`);
      writeFileSync(join(dir, 'text.jsonl'), 'Just a sentence.\n');
      expect(run(['compare', join(dir, 'text.jsonl')]).err).toContain(`${join(dir, 'text.jsonl')}: not JSON Lines (one {"id": …, "text": …} object per line)`);
    });

    it('should colour the text report when asked', () => {
      expect(run(['compare', corpusDir, '--color']).out).toContain('\u001b[31m');
    });
  });

  describe('bad input', () => {
    it('should name each bad file, still compare the others, and exit 1', () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'a.txt'), seed('001').text);
      writeFileSync(join(dir, 'b.txt'), seed('004').text);
      writeFileSync(join(dir, 'empty.txt'), '');
      writeFileSync(join(dir, 'blank.txt'), '  \n\n  ');
      writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
      writeFileSync(join(dir, 'latin1.txt'), Buffer.concat([Buffer.from(seed('004').text.slice(0, 200).replace(/[^\x00-\x7f]/g, '')), Buffer.from([0xe9, 0x20])]));
      const { code, out, err } = run(['compare', dir, join(dir, 'missing.txt'), '--json']);
      expect(code).toBe(1);
      expect(err).toContain(`${join(dir, 'empty.txt')}: the file is empty`);
      expect(err).toContain(`${join(dir, 'blank.txt')}: the file holds only white space`);
      expect(err).toContain(`${join(dir, 'binary.txt')}: not a text file (it contains NUL bytes)`);
      expect(err).toContain(`warning: ${join(dir, 'latin1.txt')}: not valid UTF-8; undecodable bytes were replaced with U+FFFD`);
      expect(err).toContain(`${join(dir, 'missing.txt')}: cannot read: no such file or folder (ENOENT)`);
      expect((JSON.parse(out) as Report).documents.map((d) => d.id)).toEqual(['a', 'b', 'latin1']);
    });

    it('should refuse a file over the size limit by name', () => {
      const dir = tempDir();
      const big = join(dir, 'big.txt');
      writeFileSync(big, 'word '.repeat(1_100_000));
      writeFileSync(join(dir, 'ok.txt'), 'Short article.');
      const { code, err } = run(['compare', dir]);
      expect(code).toBe(1);
      expect(err).toMatch(new RegExp(`${big.replace(/[/\\.]/g, '\\$&')}: \\d+ bytes is more than the 5242880-byte limit`));
    });

    it('should report malformed JSONL lines by number and keep the good ones', () => {
      const good = JSON.stringify({ id: 'good', text: 'A sentence here.' });
      const tooLong = JSON.stringify({ id: 'big', text: 'x'.repeat(5 * 1024 * 1024 + 1) });
      const stdin = [good, '{not json', '{"id": "x"}', '[1,2]', '{"id": "", "text": "t"}', '{"id": "e", "text": "  "}', tooLong].join('\n');
      const { code, out, err } = run(['compare', '-', '--json'], stdin);
      expect(code).toBe(1);
      expect(err).toContain('stdin line 2: not valid JSON');
      expect(err).toContain('stdin line 3: "text" (or "html") must be a string (article "x")');
      expect(err).toContain('stdin line 4: expected an object');
      expect(err).toContain('stdin line 5: "id" must be a non-empty string');
      expect(err).toContain('stdin line 6: article "e" has an empty text');
      expect(err).toMatch(/stdin line 7: \d+ characters is more than the 5242880 limit/);
      expect((JSON.parse(out) as Report).documents.map((d) => d.id)).toEqual(['good']);
    });

    it('should exit 2 with usage on bad options and commands', () => {
      expect(run(['compare', corpusDir, '--bogus']).code).toBe(2);
      expect(run(['compare', corpusDir, '--format', 'xml']).err).toContain('--format must be text, json or jsonl (got "xml")');
      expect(run(['frobnicate']).err).toContain('unknown command "frobnicate"');
      expect(run([]).code).toBe(2);
      expect(run(['compare']).err).toContain('compare needs at least one PATH');
      expect(run(['compare', corpusDir, '--reference', 'nope']).err).toContain('--reference "nope" is not one of the articles read');
    });

    it('should say so when no article at all could be read', () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'sub'));
      const { code, err } = run(['compare', join(dir, 'sub')]);
      expect(code).toBe(1);
      expect(err).toContain('the folder holds no .txt or .html file');
      expect(err).toContain('no article could be read');
    });

    it('should print help and version', () => {
      expect(run(['--help']).out).toContain('Usage: wiretrace compare PATH...');
      expect(run(['--version']).out).toMatch(/^\d+\.\d+\.\d+\n$/);
    });
  });
});

describe('cli chrome learning', () => {
  it('should learn a site template from --chrome-from and report it as chrome', () => {
    const site = tempDir();
    const footer = 'Get the Valley News app for breaking news alerts';
    writeFileSync(join(site, 'old1.txt'), `Council approves the budget.\n\n${footer}`);
    writeFileSync(join(site, 'old2.txt'), `Bridge reopens after repairs.\n\n${footer}`);
    const dir = tempDir();
    writeFileSync(join(dir, 'valley.txt'), `${seed('004').text}\n\n${footer}`);
    writeFileSync(join(dir, 'other.txt'), seed('001').text);
    const without = JSON.parse(run(['compare', dir, '--json']).out) as Report;
    const withSite = JSON.parse(run(['compare', dir, '--json', '--chrome-from', site]).out) as Report;
    const last = (r: Report) => r.documents.find((d) => d.id === 'valley')!.segments.at(-1)!;
    expect(last(without).kind).toBe('added');
    expect(last(withSite)).toMatchObject({ kind: 'boilerplate', reason: 'repeated-across-outlet' });
  });
});

describe('cli hostile inputs', () => {
  it('should name a folder posing as a file and a symlink loop, and still compare the rest', async () => {
    const { symlinkSync } = await import('node:fs');
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), seed('001').text);
    writeFileSync(join(dir, 'b.txt'), seed('004').text);
    mkdirSync(join(dir, 'folder.txt'));
    symlinkSync(join(dir, 'loop2.txt'), join(dir, 'loop1.txt'));
    symlinkSync(join(dir, 'loop1.txt'), join(dir, 'loop2.txt'));
    symlinkSync(dir, join(dir, 'self.txt'));
    const { code, out, err } = run(['compare', dir, '--json']);
    expect(code).toBe(1);
    expect(err).toContain(`${join(dir, 'folder.txt')}: cannot read: is a folder (EISDIR)`);
    expect(err).toContain(`${join(dir, 'loop1.txt')}: cannot read: too many symbolic links (ELOOP)`);
    expect(err).toContain(`${join(dir, 'self.txt')}: cannot read: is a folder (EISDIR)`);
    expect((JSON.parse(out) as Report).documents.map((d) => d.id)).toEqual(['a', 'b']);
  });
});

describe('cli on hostile ids', () => {
  it('should never write an escape sequence from an id or a text to the terminal, and colour diffs with real codes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-esc-'));
    const evil = 'evil\u001b]0;pwned\u0007\u001b[2J';
    const a = seed('001');
    writeFileSync(join(dir, `${evil}.txt`), a.text.replace('in the breakaway', 'against the breakaway'));
    writeFileSync(join(dir, 'wire.txt'), a.text);
    writeFileSync(join(dir, `${evil}2.txt`), '');
    let out = '';
    let err = '';
    const code = runCli({ argv: ['compare', '--color', '--reference', 'wire', dir], readStdin: () => '', stdout: (s) => (out += s), stderr: (s) => (err += s) });
    expect(code).toBe(1); // the empty file is named and skipped
    const codes = (s: string) => [...s.matchAll(/\u001b(.)/g)].map((m) => m[1]);
    // Only our colour sequences (ESC [ … m) reach stdout; none from the id.
    expect(out).not.toContain('\u001b]');
    expect(out).not.toContain('\u001b[2J');
    expect(new Set(codes(out))).toEqual(new Set(['[']));
    expect(out).toMatch(/\u001b\[31m\[-in-\]\u001b\[39m/);
    expect(err).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(err).toContain('evil]0;pwned[2J2.txt');
  });
});

describe('cli special files', () => {
  it('should refuse a named pipe and a device by name, never wait on them or read them without end', async () => {
    const { symlinkSync } = await import('node:fs');
    const { execFileSync } = await import('node:child_process');
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), seed('001').text);
    writeFileSync(join(dir, 'b.txt'), seed('004').text);
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    const { code, out, err } = run(['compare', dir, '--json']);
    expect(code).toBe(1);
    expect(err).toContain(`${join(dir, 'pipe.txt')}: not a regular file (a named pipe); not read`);
    expect(err).toContain(`${join(dir, 'zero.txt')}: not a regular file (a device); not read`);
    expect((JSON.parse(out) as Report).documents.map((d) => d.id)).toEqual(['a', 'b']);
    expect(run(['compare', '/dev/zero']).err).toContain('/dev/zero: not a regular file (a device); not read');
  });
});

describe('cli as a unix tool', () => {
  it('should end quietly when its reader closes the pipe early (| head)', async () => {
    const { spawnSync } = await import('node:child_process');
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(cli)} compare --json ${JSON.stringify(corpusDir)} | head -c 20; echo " status=\${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).toMatch(/status=0/);
  });

  it('should refuse standard input past its bound with one clear error, not grow without end', () => {
    let err = '';
    const code = runCli({
      argv: ['compare', '-'],
      readStdin: () => {
        throw new Error('stdin holds more than 268435456 bytes; give the articles as files or folders, or split the input');
      },
      stdout: () => undefined,
      stderr: (s) => (err += s),
    });
    expect(code).toBe(1);
    expect(err).toContain('stdin: stdin holds more than 268435456 bytes');
  });
});
