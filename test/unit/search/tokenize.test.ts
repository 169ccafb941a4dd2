/**
 * The tokenizer takes shortcuts for ASCII text (no Unicode matching, no NFD); it must give exactly
 * what the plain Unicode definition gives. Checked on hand-picked strings and, with fast-check, on random ones (shrunk to the smallest failing one).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STOP_WORDS, stem, termSpans, tokenize, tokenizeWithOffsets } from '../../../shared/search/tokenize.ts';

const STOP: ReadonlySet<string> = new Set(STOP_WORDS);
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
/** Strings of up to 30 pieces: the characters the ASCII shortcuts must get right. */
const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join(''));

describe('tokenizer', () => {
  it('ASCII shortcuts give exactly the Unicode definition', () => {
    const agrees = (t: string) => {
      expect(tokenizeWithOffsets(t), JSON.stringify(t)).toEqual(reference(t));
      expect(tokenizeWithOffsets(t, true), JSON.stringify(t)).toEqual(reference(t, true));
    };
    for (const t of [
      "The President's call",
      'Vladimir Putin’s remarks on COVID-19 vaccines',
      'Président Macron a dit',
      'rock-and-roll',
      '',
    ])
      agrees(t);
    fc.assert(fc.property(texts, agrees), { numRuns: 3000 });
  });
  it('highlight spans are the words tokenizing finds the terms in, each word once', () => {
    // The definition: every token whose term is wanted, its word's span, a word split at ' ’ - once.
    const spans = (t: string, terms: Set<string>) => {
      const out: Array<[number, number]> = [];
      for (const k of reference(t)) if (terms.has(k.term) && out.at(-1)?.[0] !== k.start) out.push([k.start, k.end]);
      return out;
    };
    const TERMS = [
      'putin',
      'vaccine',
      'covid',
      '19',
      'brien',
      'o',
      'roll',
      'n',
      's',
      'president',
      'ca',
      'elysee',
      '2021',
    ];
    expect(termSpans("Putin's rock'n'roll and O’Brien", new Set(['roll', 'brien']))).toEqual([
      [8, 19],
      [24, 31],
    ]);
    fc.assert(
      fc.property(texts, fc.subarray(TERMS), (t, terms) => {
        const set = new Set(terms);
        expect(termSpans(t, set), JSON.stringify([t, terms])).toEqual(spans(t, set));
      }),
      { numRuns: 3000 },
    );
  });
  it('stems plurals and drops stop words', () => {
    expect(tokenize('The vaccines and the countries')).toEqual(['vaccine', 'country']);
  });
});
