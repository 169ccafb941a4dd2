/** The period grammar of questions (shared/search/question-periods.ts), as properties over generated phrases. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodIn } from '../../../shared/search/question-periods.ts';

const MONTHS = ['January', 'Feb', 'March', 'apr', 'May', 'June', 'Jul', 'August', 'sept', 'October', 'Nov', 'December'];
const valid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** Phrases built from the grammar's parts: days, months, years, parts of months and years, ranges, relative periods. */
const phrase = fc.oneof(
  fc
    .tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1990, max: 2035 }))
    .map(([m, d, y]) => `on ${m} ${d}, ${y}`),
  fc
    .tuple(
      fc.constantFrom('since', 'after', 'before', 'until', ''),
      fc.integer({ min: 1, max: 31 }),
      fc.constantFrom(...MONTHS),
      fc.integer({ min: 1990, max: 2035 }),
    )
    .map(([w, d, m, y]) => `${w} ${d} ${m} ${y}`),
  fc
    .tuple(
      fc.constantFrom('early', 'mid-', 'late', 'the end of', 'the first half of', 'Q1', 'Q4', 'summer', 'fall'),
      fc.integer({ min: 1990, max: 2035 }),
    )
    .map(([p, y]) => `${p} ${y}`),
  fc
    .tuple(fc.constantFrom('early', 'mid-', 'late'), fc.constantFrom(...MONTHS), fc.integer({ min: 1990, max: 2035 }))
    .map(([p, m, y]) => `${p} ${m} ${y}`),
  fc
    .tuple(fc.constantFrom(...MONTHS), fc.constantFrom(...MONTHS), fc.integer({ min: 1990, max: 2035 }))
    .map(([a, b, y]) => `${a}-${b} ${y}`),
  fc.integer({ min: 1990, max: 2035 }).map((y) => `the winter of ${y}-${String((y + 1) % 100).padStart(2, '0')}`),
  fc.tuple(fc.constantFrom('last', 'this'), fc.constantFrom('week', 'month', 'year')).map(([w, u]) => `${w} ${u}`),
  fc
    .tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('days', 'weeks', 'months', 'years'))
    .map(([n, u]) => `in the past ${n} ${u}`),
);
const today = fc
  .date({ min: new Date('1995-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('question periods', () => {
  it('every period found is made of real days, in order, and its words leave the question', () => {
    fc.assert(
      fc.property(phrase, today, (p, t) => {
        const q = `grain exports ${p} please`;
        const { from, to, rest } = periodIn(q, t);
        expect(from ?? to).not.toBeNull();
        if (from) expect(valid(from)).toBe(true);
        if (to) expect(valid(to)).toBe(true);
        if (from && to) expect(from <= to).toBe(true);
        expect(rest).toMatch(/^grain exports\s+please$/);
      }),
      { numRuns: 500 },
    );
  });

  it('numbers that are no day or month give no impossible date ("March 0, 2022", "2022-13-45")', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom(...MONTHS),
        fc.integer({ min: 1990, max: 2035 }),
        (a, b, month, y) => {
          const pad2 = (n: number) => String(n).padStart(2, '0');
          for (const q of [
            `grain on ${month} ${a}, ${y}`,
            `grain ${a} ${month} ${y}`,
            `grain ${y}-${pad2(a)}-${pad2(b)}`,
          ]) {
            const { from, to } = periodIn(q);
            for (const d of [from, to]) if (d) expect(valid(d)).toBe(true);
            if (from && to) expect(from <= to).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a range of months that crosses the new year starts in the year before', () => {
    expect(periodIn('grain November-February 2022')).toMatchObject({ from: '2021-11-01', to: '2022-02-28' });
  });

  it('a question without a period is left as it is', () => {
    expect(periodIn('grain exports from Odesa', '2026-12-02')).toEqual({
      from: null,
      to: null,
      rest: 'grain exports from Odesa',
    });
  });
});
