/**
 * The parser's hand-written scanners replace regexes that were too slow; each must give exactly
 * what the regex it replaces gave. Checked on hand-picked cases and, with fast-check, on thousands
 * of random strings built from the characters the scanners care about (a failure shrinks to the
 * smallest string that shows it, and prints the seed to replay it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchoredMatches } from '../../../shared/readout/anchored-matches.ts';
import { SPEECH_VERBS, speechSubjects, wordsAndPunctuation } from '../../../shared/readout/participants.ts';
import { collapseParagraphs, hasTurnColon } from '../../../shared/readout/sentences.ts';

const PIECES = [
  ' ',
  ' ',
  ' ',
  '\n',
  '\n\n',
  ' \n \n ',
  '\t',
  '\r\n',
  '\u2003',
  '\ufeff',
  '\u00a0',
  ',',
  ';',
  ':',
  ': ',
  '(',
  ')',
  '"',
  '“',
  '”',
  '.',
  '-',
  "'",
  '’',
  '…',
  '*',
  '#',
  '---',
  '* * *',
  'Putin',
  'Xi',
  'Olaf Scholz',
  'the',
  'and',
  'also',
  'said',
  'stressed',
  'noted',
  'congratulated',
  'pointed',
  'President',
  'Prime Minister',
  'Émile',
  'Ça',
  'über',
  'Zelenskyy',
  'of',
  'Russia',
  'talks',
  'A',
  'b',
  '1',
  '2021',
  'É',
  'ß',
  '😀',
];
/** Strings of up to 40 pieces: the characters and words the scanners treat specially. */
const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));
const CASES = [
  '',
  ' ',
  'Putin: We agreed.',
  'said Putin',
  'Xi said',
  'Xi also said',
  'also said',
  ', Xi stressed',
  'XI also  noted that',
  '“Macron” noted',
  'Vladimir Putin:\u2026 yes',
  'end. Vladimir Putin: Good',
  'a:b',
  'ÉMILE: ok',
  'l’Élysée: yes',
  'x.): y',
  'Dear Sir,\n\n\n * * * \n\nNext   para\nline',
  '---\n\n###\n\n...',
  '  lead  \n\n  trail  ',
  'The leaders congratulated each other',
  'Scholz,pointed out',
  'Xi(said)',
  'Biden\u00a0said',
];
const RUNS = { numRuns: 3000 };
/** The scanner equals its reference on every hand-picked case and on random texts. */
function agrees<T>(scanner: (t: string) => T, reference: (t: string) => T, prepare = (t: string) => t) {
  for (const t of CASES.map(prepare)) expect(scanner(t), JSON.stringify(t)).toEqual(reference(t));
  fc.assert(
    fc.property(texts.map(prepare), (t) => {
      expect(scanner(t), JSON.stringify(t)).toEqual(reference(t));
    }),
    RUNS,
  );
}

describe('parser scanners give what the regexes they replace gave', () => {
  it('collapseParagraphs = split on blank lines, collapse whitespace, drop decoration', () => {
    const reference = (text: string) =>
      text
        .split(/\n\s*\n+/)
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter((p) => p && !/^[\s#*_\-=~.]+$/.test(p))
        .join('\n\n');
    agrees(collapseParagraphs, reference);
  });

  it("hasTurnColon = /\\p{Lu}[\\p{L}'’.)-]*:[\\s…]/u", () => {
    const reference = /\p{Lu}[\p{L}'’.)-]*:[\s…]/u;
    agrees(hasTurnColon, (t) => reference.test(t));
  });

  it("wordsAndPunctuation = the matches of /[\\p{L}][\\p{L}'’.\\-]*|[,;:()]/gu (BMP letters)", () => {
    const reference = (text: string) =>
      [...text.matchAll(/[\p{L}][\p{L}'’.-]*|[,;:()]/gu)].map((m) => ({ t: m[0], end: m.index + m[0].length }));
    // Letters outside the BMP (none in readouts) are the one documented difference: leave them out.
    agrees(wordsAndPunctuation, reference, (s) => s.replace(/😀/g, ''));
  });

  it('speechSubjects = capitalised words before a speech verb in text.split(/[\\s,;:()"“”]+/)', () => {
    const verbs = new Set(
      SPEECH_VERBS.replace(/emphasi\[sz\]ed/g, 'emphasised|emphasized')
        .split('|')
        .map((v) => v.split(' ')[0]!),
    );
    const reference = (text: string) => {
      const out: string[] = [];
      const words = text.split(/[\s,;:()"“”]+/);
      for (let i = 1; i < words.length; i++) {
        const w = verbs.has(words[i]!)
          ? words[i - 1]!
          : words[i] === 'also' && verbs.has(words[i + 1] ?? '')
            ? words[i - 1]!
            : '';
        if (w && /^\p{Lu}[\p{L}'’-]+$/u.test(w)) out.push(w);
      }
      return out;
    };
    agrees(speechSubjects, reference);
  });

  it('anchoredMatches = matchAll when the pattern can only start where the anchor matches', () => {
    const pattern = /\b(President|Prime Minister)\s+((?:[A-Z]\p{Ll}+\s?){1,3})/u;
    const global = new RegExp(pattern.source, 'gu');
    const sticky = new RegExp(pattern.source, 'uy');
    const anchor = /\b(?:President|Prime)\b/g;
    const scanner = (t: string) => anchoredMatches(t, anchor, sticky).map((m) => [m.index, ...m]);
    const reference = (t: string) => [...t.matchAll(global)].map((m) => [m.index, ...m]);
    agrees(scanner, reference);
    for (const t of [
      'President Xi and Prime Minister Olaf Scholz met President',
      'President President Putin',
      'Prime Minister',
    ])
      expect(scanner(t), t).toEqual(reference(t));
    expect(() => anchoredMatches('x', /x/, sticky)).toThrow(/global anchor/);
  });
});
