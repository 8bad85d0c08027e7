/** The command line as a unix user expects it. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliAsync, type CliIo } from '../src/cli/main.js';
import { corpusDir, seed } from './helpers.js';

function run(argv: string[], extra: Partial<CliIo> = {}): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli({ argv, readStdin: () => '', stdout: (s) => (out += s), stderr: (s) => (err += s), ...extra });
  return { code, out, err };
}

describe('cli, the unix way', () => {
  it('should honour NO_COLOR and FORCE_COLOR, and --color/--no-color over both', () => {
    const esc = (s: string) => s.includes('\u001b[');
    expect(esc(run(['compare', corpusDir], { isTTY: true, env: { NO_COLOR: '1' } }).out)).toBe(false);
    expect(esc(run(['compare', corpusDir], { isTTY: false, env: { FORCE_COLOR: '1' } }).out)).toBe(true);
    expect(esc(run(['compare', corpusDir, '--color'], { env: { NO_COLOR: '1' } }).out)).toBe(true);
    expect(esc(run(['compare', corpusDir, '--no-color'], { env: { FORCE_COLOR: '1' } }).out)).toBe(false);
  });

  it('should write to -o FILE, say so unless -q, and print nothing to stdout', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wiretrace-o-')), 'report.json');
    const loud = run(['compare', corpusDir, '--json', '-o', file]);
    expect([loud.code, loud.out, loud.err]).toEqual([0, '', `wiretrace: wrote ${file}\n`]);
    expect(JSON.parse(readFileSync(file, 'utf8')).schema).toBe('wiretrace/report@2');
    expect(run(['compare', corpusDir, '--json', '-o', file, '-q']).err).toBe('');
  });

  it('should answer help and --version at every level', async () => {
    expect(run(['help']).out).toContain('Usage: wiretrace compare');
    expect(run(['help', 'index']).out).toContain('Usage: wiretrace index add');
    expect(run(['compare', '--help']).out).toContain('Usage: wiretrace compare');
    let out = '';
    await runCliAsync({ argv: ['index', '--version'], readStdin: () => '', stdout: (s) => (out += s), stderr: () => undefined });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('should wait for a standard output that pushes back, piece by piece, and write the same bytes', async () => {
    // A pipe read slower than written: after each write the output is full until it drains. A
    // report written without waiting would pile up in memory (a 10,000-article JSON report piped
    // to a reader: peak RSS 1.8 GB against 0.98 GB).
    for (const format of [['--json'], ['--format', 'jsonl'], []]) {
      let out = '';
      let full = false;
      let early = 0;
      let waits = 0;
      const code = await runCliAsync({
        argv: ['compare', corpusDir, ...format],
        readStdin: () => '',
        stdout: (s) => {
          if (full) early++;
          out += s;
          full = true;
        },
        stdoutDrain: () => {
          if (!full) return undefined;
          waits++;
          return new Promise<void>((resolve) =>
            setTimeout(() => {
              full = false;
              resolve();
            }, 0),
          );
        },
        stderr: () => undefined,
      });
      expect(code).toBe(0);
      expect(early).toBe(0);
      expect(out).toBe(run(['compare', corpusDir, ...format]).out);
      if (format.length > 0) expect(waits).toBeGreaterThan(2);
    }
  });

  it('should name an unknown option and the nearest one in one line, with exit 2', () => {
    const r = run(['compare', corpusDir, '--fromat', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('wiretrace: unknown option --fromat (did you mean --format?)\nwiretrace: see wiretrace --help\n');
  });

  it('should refuse --json with another --format', () => {
    const r = run(['compare', corpusDir, '--json', '--format', 'text']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--json and --format text ask for two formats; give one');
  });

  it('should give one error for plain text on stdin, not one per line', () => {
    const r = run(['compare', '-'], { readStdin: () => seed('001').text });
    expect(r.code).toBe(1);
    expect(r.err.match(/error:/g)).toHaveLength(2); // the stdin error, then "no article could be read"
    expect(r.err).toContain('stdin: not JSON Lines');
  });

  it('should say which files of a folder it skipped, and warn when there is one article only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-md-'));
    writeFileSync(join(dir, 'a.txt'), seed('001').text);
    writeFileSync(join(dir, 'notes.md'), '# notes');
    const r = run(['compare', dir]);
    expect(r.err).toContain('skipped 1 file that is not .txt or .html (notes.md)');
    expect(r.err).toContain('only one article was read: give two or more to compare, or name the wire copy with --reference');
  });

  it('should print whole wire passages with --full, and count "1 passage" right', () => {
    const cut = run(['compare', corpusDir, '--no-color']).out;
    const full = run(['compare', corpusDir, '--no-color', '--full']).out;
    expect(cut).toMatch(/…\n/);
    expect(full.split('\n').find((l) => l.includes('s1.w1 '))).not.toContain('…');
    const one = 'Rescuers pulled twelve survivors from the collapsed Marlow mine on Friday, officials said.';
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-one-'));
    writeFileSync(join(dir, 'a.txt'), one);
    writeFileSync(join(dir, 'b.txt'), one);
    expect(run(['compare', dir]).out).toContain('wire text of 1 passage (');
  });
});

describe('cli progress', () => {
  it('should show progress on a terminal for a long run, and nothing otherwise', async () => {
    const { generateCorpus } = await import('./fixtures/corpus.js');
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-progress-'));
    for (const a of generateCorpus({ stories: 20, outletsPerStory: 9, unrelated: 20, sentencesPerStory: 6, seed: 4 })) writeFileSync(join(dir, `${a.id}.txt`), a.text);
    let clock = 0;
    const tty = run(['compare', dir, '--json'], { stderrIsTTY: true, now: () => (clock += 1000) });
    expect(tty.err).toMatch(/\rwiretrace: 220 articles, 0 of \d+ stories compared/);
    expect(tty.err).toMatch(/\rwiretrace: 220 articles, (\d+) of \1 stories compared\n$/);
    expect(run(['compare', dir, '--json'], { stderrIsTTY: false }).err).toBe('');
    expect(run(['compare', dir, '--json', '-q'], { stderrIsTTY: true }).err).toBe('');
  });
});

describe('compare in worker threads', () => {
  it('should write the same bytes with --jobs 1 and --jobs 3, in every format, and refuse a bad --jobs', async () => {
    const { spawnSync } = await import('node:child_process');
    const { generateCorpus } = await import('./fixtures/corpus.js');
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-jobs-'));
    for (const a of generateCorpus({ stories: 12, outletsPerStory: 6, unrelated: 10, sentencesPerStory: 8, seed: 6, realistic: true, versions: 2 })) writeFileSync(join(dir, `${a.id}.txt`), a.text);
    const cli = new URL('../dist/cli.js', import.meta.url).pathname;
    const compare = (...args: string[]) => spawnSync(process.execPath, [cli, 'compare', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    for (const format of [['--json'], ['--format', 'jsonl'], []]) {
      const one = compare(...format, '--jobs', '1');
      const three = compare(...format, '-j', '3');
      expect([one.status, three.status]).toEqual([0, 0]);
      expect(three.stdout).toBe(one.stdout);
      expect(one.stdout.length).toBeGreaterThan(1000);
    }
    const bad = compare('--jobs', '0');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--jobs must be a whole number from 1 to 256');
  }, 120_000);
});
