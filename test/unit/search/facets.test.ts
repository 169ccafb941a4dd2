/** Facet counts are cut to each facet's most frequent values (shared/search/facets.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyTally, nthLargest, tallyAdd, topFacets } from '../../../shared/search/facets.ts';
import { ReadoutIndex } from '../../../shared/search/readout-index.ts';
import { callDoc } from '../../support/readout-docs.ts';

const byCountThenValue = (a: [string, number], b: [string, number]) =>
  b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

describe('facets', () => {
  it('nthLargest is the k-th value of a descending sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 300 }), fc.nat(), (xs, k0) => {
        const k = 1 + (k0 % xs.length);
        const sorted = [...xs].sort((a, b) => b - a);
        expect(nthLargest(Float64Array.from(xs), k)).toBe(sorted[k - 1]);
      }),
    );
  });

  it('a facet is its `size` most frequent values, equal counts by value, whatever order they were counted in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), fc.integer({ min: 1, max: 4 }))),
        fc.integer({ min: 0, max: 10 }),
        (adds, size) => {
          const forward = emptyTally();
          const backward = emptyTally();
          for (const [k, v] of adds) tallyAdd(forward.speakers, k, v);
          for (const [k, v] of [...adds].reverse()) tallyAdd(backward.speakers, k, v);
          const all = [...forward.speakers].sort(byCountThenValue);
          const { facets, cut } = topFacets(forward, size);
          expect(Object.entries(facets.speakers)).toEqual(all.slice(0, size));
          expect(cut.speakers).toBe(all.length > size ? all.length : undefined);
          expect(topFacets(backward, size)).toEqual({ facets, cut });
        },
      ),
    );
  });

  it('unknown values and zero counts are not counted', () => {
    const t = emptyTally();
    tallyAdd(t.kinds, null, 3);
    tallyAdd(t.kinds, 'call', 0);
    tallyAdd(t.kinds, 'call', 2);
    expect(topFacets(t).facets.kinds).toEqual({ call: 2 });
  });

  it('facetSize 0 counts no facets and changes nothing else', () => {
    const live = new ReadoutIndex();
    for (let i = 0; i < 30; i++)
      live.upsert(callDoc(`d${i}`, `They discussed ${['grain', 'ports', 'visas'][i % 3]} and trade.`));
    for (const index of [live, ReadoutIndex.fromArtifact(live.toArtifact(1))]) {
      const all = index.search({ q: 'trade grain' });
      const none = index.search({ q: 'trade grain', facetSize: 0 });
      expect(Object.keys(all.facets.topics).length).toBeGreaterThan(0);
      expect(none.facets).toEqual({ topics: {}, speakers: {}, publishers: {}, years: {}, kinds: {} });
      expect(none.facetValues).toEqual({});
      expect(none.total).toBe(all.total);
      expect(none.hits).toEqual(all.hits);
    }
  });
});
