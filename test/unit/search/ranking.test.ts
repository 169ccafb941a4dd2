/** The scoring functions (shared/search/ranking.ts) behave as BM25 says. */
import { describe, expect, it } from 'vitest';
import { bm25, idf, lengthNorm, RANKING } from '../../../shared/search/ranking.ts';

describe('ranking', () => {
  it('idf: rarer terms weigh more, and never below zero', () => {
    expect(idf(1000, 1)).toBeGreaterThan(idf(1000, 100));
    expect(idf(1000, 1000)).toBeGreaterThan(0);
  });

  it('bm25 saturates with term frequency towards (k1 + 1) × idf', () => {
    const norm = lengthNorm(30, 30);
    const scores = [1, 2, 4, 8, 1000].map((tf) => bm25(2, tf, norm));
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeGreaterThan(scores[i - 1]!);
    expect(scores.at(-1)!).toBeLessThan(2 * (RANKING.k1 + 1));
    expect(scores[1]! - scores[0]!).toBeGreaterThan(scores[4]! - scores[3]!);
  });

  it('a longer readout scores a term lower than an average one; an average one is k1 itself', () => {
    expect(lengthNorm(30, 30)).toBeCloseTo(RANKING.k1);
    expect(bm25(1, 1, lengthNorm(300, 30))).toBeLessThan(bm25(1, 1, lengthNorm(30, 30)));
  });
});
