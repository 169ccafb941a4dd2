/**
 * The parser's hand-written scanners replace regexes that were too slow; each must give exactly
 * what the regex it replaces gave. Checked on hand-picked cases and on many random strings built
 * from the characters the scanners care about (seeded, so a failure repeats).
 */
import { describe, expect, it } from 'vitest';
import { anchoredMatches } from '../../../shared/readout/anchored-matches.ts';
import { SPEECH_VERBS, speechSubjects, wordsAndPunctuation } from '../../../shared/readout/participants.ts';
import { collapseParagraphs, hasTurnColon } from '../../../shared/readout/sentences.ts';

/** Mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
function randomTexts(count: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    let s = '';
    const n = Math.floor(next() * 40);
    for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)]!;
    return s;
  });
}
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
const inputs = [...CASES, ...randomTexts(3000, 42)];

describe('parser scanners give what the regexes they replace gave', () => {
  it('collapseParagraphs = split on blank lines, collapse whitespace, drop decoration', () => {
    const reference = (text: string) =>
      text
        .split(/\n\s*\n+/)
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter((p) => p && !/^[\s#*_\-=~.]+$/.test(p))
        .join('\n\n');
    for (const t of inputs) expect(collapseParagraphs(t), JSON.stringify(t)).toBe(reference(t));
  });

  it("hasTurnColon = /\\p{Lu}[\\p{L}'’.)-]*:[\\s…]/u", () => {
    const reference = /\p{Lu}[\p{L}'’.)-]*:[\s…]/u;
    for (const t of inputs) expect(hasTurnColon(t), JSON.stringify(t)).toBe(reference.test(t));
  });

  it("wordsAndPunctuation = the matches of /[\\p{L}][\\p{L}'’.\\-]*|[,;:()]/gu (BMP letters)", () => {
    const reference = (text: string) =>
      [...text.matchAll(/[\p{L}][\p{L}'’.-]*|[,;:()]/gu)].map((m) => ({ t: m[0], end: m.index + m[0].length }));
    // Letters outside the BMP (none in readouts) are the one documented difference: leave them out.
    for (const t of inputs.map((s) => s.replace(/😀/g, '')))
      expect(wordsAndPunctuation(t), JSON.stringify(t)).toEqual(reference(t));
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
    for (const t of inputs) expect(speechSubjects(t), JSON.stringify(t)).toEqual(reference(t));
  });

  it('anchoredMatches = matchAll when the pattern can only start where the anchor matches', () => {
    const pattern = /\b(President|Prime Minister)\s+((?:[A-Z]\p{Ll}+\s?){1,3})/u;
    const global = new RegExp(pattern.source, 'gu');
    const sticky = new RegExp(pattern.source, 'uy');
    const anchor = /\b(?:President|Prime)\b/g;
    const texts = [
      ...inputs,
      'President Xi and Prime Minister Olaf Scholz met President',
      'President President Putin',
      'Prime Minister',
    ];
    for (const t of texts) {
      const got = anchoredMatches(t, anchor, sticky).map((m) => [m.index, ...m]);
      expect(got, JSON.stringify(t)).toEqual([...t.matchAll(global)].map((m) => [m.index, ...m]));
    }
    expect(() => anchoredMatches('x', /x/, sticky)).toThrow(/global anchor/);
  });
});
