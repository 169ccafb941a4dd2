/**
 * The front-matter fast path (quotedYaml) against the `yaml` package it stands in for: on any input
 * it either declines (null: the full parser takes over) or reads exactly what `yaml` reads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { quotedYaml } from '../../../shared/readout/extract.ts';

const word = fc.constantFrom(
  'Readout',
  'of',
  'the',
  'Call',
  'Élysée',
  'Zelenskyy’s',
  '2022-05-06',
  '12',
  'a#b',
  'x:y',
  '#',
  ':',
  '-',
  "'",
  '"',
  '\\',
  'é',
  '—',
  '&',
  '*',
  '!',
  '%',
  '@',
  '`',
  '|',
  '>',
  '[',
  '{',
  ',',
  '?',
);
const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const escapeSequence = fc.constantFrom('\\"', '\\\\', '\\n', '\\t', '\\/', '\\u00e9', '\\x41', '\\ ', '\\q');
const value = fc.oneof(
  phrase, // plain
  phrase.map((p) => `'${p.replace(/'/g, "''")}'`), // single-quoted
  fc
    .array(
      fc.oneof(
        phrase.map((p) => p.replace(/["\\]/g, '')),
        escapeSequence,
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((parts) => `"${parts.join('')}"`), // double-quoted
  fc.tuple(phrase, phrase).map(([a, b]) => `"${a.replace(/["\\]/g, '')}\n  ${b.replace(/["\\]/g, '')}"`), // folded
);
const key = fc.constantFrom('title', 'date', 'source_url', 'publisher', 'tags');
const frontMatter = fc
  .uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, minLength: 1, maxLength: 5 })
  .map((entries) => entries.map(([k, v]) => `${k}: ${v}`).join('\n'));

/** What the parser reads from a value: text (a number or date written plainly is read as its text). */
const asText = (data: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v === null ? '' : String(v)]));

describe('front matter fast path', () => {
  it('reads what yaml reads, or declines', () => {
    fc.assert(
      fc.property(frontMatter, (text) => {
        const fast = quotedYaml(text);
        if (fast === null) return;
        let full: Record<string, unknown>;
        try {
          full = parseYaml(text) as Record<string, unknown>;
        } catch {
          throw new Error(`the fast path read what yaml rejects: ${JSON.stringify(text)}`);
        }
        expect(fast, JSON.stringify(text)).toEqual(asText(full));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the fast path for the forms publishers write', () => {
    expect(
      quotedYaml(`title: "Readout of President Biden\\u2019s Call"\ndate: '2022-05-06'\nsource_url: https://x.gov/a`),
    ).toEqual({
      title: 'Readout of President Biden’s Call',
      date: '2022-05-06',
      source_url: 'https://x.gov/a',
    });
  });
});
