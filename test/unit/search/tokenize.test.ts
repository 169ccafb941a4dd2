/**
 * The tokenizer takes shortcuts for ASCII text (no Unicode matching, no NFD); it must give exactly
 * what the plain Unicode definition gives. Checked on hand-picked and seeded random strings.
 */
import { describe, expect, it } from 'vitest';
import { stem, tokenize, tokenizeWithOffsets } from '../../../shared/search/tokenize.ts';

const STOP = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'by',
  'with',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'as',
  'that',
  'this',
  'it',
  'its',
  'from',
  'their',
  'his',
  'her',
  'he',
  'she',
  'they',
]);
/** The definition: Unicode words, folded (lower case, accents off), possessive 's off, split at ' ’ -. */
function reference(text: string, keepStopwords = false) {
  const out: Array<{ term: string; start: number; end: number }> = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)) {
    const raw = m[0]
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/['’]s$/, '');
    for (const part of raw.split(/['’-]/)) {
      if (!part || (!keepStopwords && STOP.has(part))) continue;
      out.push({ term: stem(part), start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

const PIECES = [
  ' ',
  ' ',
  ',',
  '.',
  "'",
  '’',
  '-',
  "'s",
  '’s',
  'S',
  'Putin',
  'the',
  'vaccines',
  'COVID-19',
  'Zelenskyy’s',
  'Élysée',
  'Ça',
  'naïve',
  'Ⅻ',
  '²',
  'ª',
  '₂',
  'Ünal',
  'İstanbul',
  'ß',
  'and',
  'O’Brien',
  "rock'n'roll",
  '2021',
  '“',
  '”',
  '—',
  '…',
  '\u00a0',
  '😀',
  'ﬁ',
];
function randomTexts(count: number, seed: number): string[] {
  let x = seed;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * 30) }, () => PIECES[Math.floor(next() * PIECES.length)]!).join(''),
  );
}

describe('tokenizer', () => {
  it('ASCII shortcuts give exactly the Unicode definition', () => {
    const texts = [
      "The President's call",
      'Vladimir Putin’s remarks on COVID-19 vaccines',
      'Président Macron a dit',
      'rock-and-roll',
      '',
      ...randomTexts(3000, 7),
    ];
    for (const t of texts) {
      expect(tokenizeWithOffsets(t), JSON.stringify(t)).toEqual(reference(t));
      expect(tokenizeWithOffsets(t, true), JSON.stringify(t)).toEqual(reference(t, true));
    }
  });
  it('stems plurals and drops stop words', () => {
    expect(tokenize('The vaccines and the countries')).toEqual(['vaccine', 'country']);
  });
});
