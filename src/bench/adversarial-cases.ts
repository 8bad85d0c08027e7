/**
 * The hostile and huge inputs of issue "bends, never breaks": shared by the adversarial script
 * (which times them) and the test suite (which checks the reports they give).
 */

import type { Article } from '../types.js';
import { generateCorpus } from './corpus.js';

const [wire, ...copies] = generateCorpus({ stories: 1, outletsPerStory: 49, unrelated: 0, sentencesPerStory: 30, seed: 3 });
const story = wire!.text;
const paragraph = story.split('\n\n')[2]!;

/** Text of about `bytes` characters: the wire story's paragraphs over and over, each numbered. */
export function sized(bytes: number): string {
  const source = story.split('\n\n');
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const p = `${source[i % source.length]} [${i}]`;
    parts.push(p);
    n += p.length + 2;
  }
  return parts.join('\n\n');
}

/** Named cases; each makes its articles when called. */
export const adversarialCases: Array<[string, () => Article[]]> = [
  ['an article of 5 MB (and its wire copy)', () => [{ id: 'huge', text: sized(5_000_000) }, { id: 'wire', text: story }]],
  ['5,000 identical paragraphs', () => [{ id: 'same', text: Array(5000).fill(paragraph).join('\n\n') }, { id: 'wire', text: story }]],
  ['50 outlets of the same story', () => [wire!, ...copies].map((a) => ({ id: a.id, text: a.text }))],
  ['a single 100,000-character "word"', () => [{ id: 'word', text: 'a'.repeat(100_000) }, { id: 'wire', text: story }]],
  ['all quotation marks', () => [{ id: 'q', text: '“”"\'‘’«»'.repeat(20_000) }, { id: 'wire', text: story }]],
  ['all digits', () => [{ id: 'd', text: '0123456789'.repeat(20_000) }, { id: 'wire', text: story }]],
  ['all punctuation', () => [{ id: 'p', text: '.,;:!?()[]{}-—–/\\|'.repeat(10_000) }, { id: 'wire', text: story }]],
  ['RTL and mixed scripts', () => [{ id: 'rtl', text: Array(2000).fill('قال مسؤول إن Azerbaijan أطلقت עמדה Karabakh Карабах 阿塞拜疆 \u202e reversed \u202c.').join('\n\n') }, { id: 'wire', text: story }]],
  ['emoji and ZWJ sequences', () => [{ id: 'emoji', text: Array(5000).fill('Blasts 👨‍👩‍👧‍👦🇦🇲🏳️‍🌈 heard in the town 🔥🔥.').join(' ') }, { id: 'wire', text: story }]],
  ['lone surrogates', () => [{ id: 'sur', text: `${paragraph}\ud800 \udc00`.repeat(2000) }, { id: 'wire', text: story }]],
  ['NUL bytes', () => [{ id: 'nul', text: story.replace(/ /g, '\u0000') }, { id: 'wire', text: story }]],
  ['CRLF line ends', () => [{ id: 'crlf', text: story.replace(/\n/g, '\r\n') }, { id: 'wire', text: story }]],
  ['CR-only line ends', () => [{ id: 'cr', text: story.replace(/\n/g, '\r') }, { id: 'wire', text: story }]],
  ['a byte-order mark', () => [{ id: 'bom', text: `\ufeff${story}` }, { id: 'wire', text: story }]],
];

