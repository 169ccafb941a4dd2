/**
 * Facet counts: tallied per segment into maps (a broad query at 100,000 readouts meets thousands of
 * speakers), then each facet cut to its most frequent values for the response, the way search
 * services' term aggregations do: a client shows the top of a facet, and two thousand speaker
 * counts were most of a response's bytes and of its serialisation time.
 */
import type { FacetCounts } from './segment.ts';

export type FacetName = keyof FacetCounts;
export const FACET_NAMES: readonly FacetName[] = ['topics', 'speakers', 'publishers', 'years', 'kinds'];
/** Values per facet in a response unless the request asks otherwise (`facetSize`). */
export const DEFAULT_FACET_SIZE = 50;

/** Counts per facet value, as the segments add them up. */
export type FacetTally = Record<FacetName, Map<string, number>>;

export function emptyTally(): FacetTally {
  return { topics: new Map(), speakers: new Map(), publishers: new Map(), years: new Map(), kinds: new Map() };
}

/** Adds `v` to value `k` of a facet (nothing for an unknown value or a zero count). */
export function tallyAdd(m: Map<string, number>, k: string | null | undefined, v: number): void {
  if (k && v) m.set(k, (m.get(k) ?? 0) + v);
}

/**
 * Each facet's `size` most frequent values, most frequent first (equal counts by value, so the
 * answer does not depend on how the index is split into segments), and for each facet that had
 * more, how many distinct values it had (`cut`). Only the values at or above the size-th largest
 * count are sorted, not a broad query's two thousand speakers.
 */
export function topFacets(
  tally: FacetTally,
  size: number = DEFAULT_FACET_SIZE,
): { facets: FacetCounts; cut: Partial<Record<FacetName, number>> } {
  const facets = {} as FacetCounts;
  const cut: Partial<Record<FacetName, number>> = {};
  for (const name of FACET_NAMES) {
    const m = tally[name];
    let entries: Array<[string, number]>;
    if (m.size > size) {
      cut[name] = m.size;
      const counts = new Float64Array(m.size);
      let i = 0;
      for (const v of m.values()) counts[i++] = v;
      const bar = size ? nthLargest(counts, size) : Number.POSITIVE_INFINITY;
      const above: Array<[string, number]> = [];
      const at: Array<[string, number]> = [];
      m.forEach((v, k) => {
        if (v > bar) above.push([k, v]);
        else if (v === bar) at.push([k, v]);
      });
      entries = above.sort(byCountThenValue).concat(at.sort(byCountThenValue).slice(0, size - above.length));
    } else entries = [...m].sort(byCountThenValue);
    facets[name] = Object.fromEntries(entries);
  }
  return { facets, cut };
}

/** Most frequent first, equal counts by value: the same whichever segments the readouts are in. */
const byCountThenValue = (a: [string, number], b: [string, number]) =>
  b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** The k-th largest of `xs` (1-based; reorders xs): quickselect, linear on average. */
export function nthLargest(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  const target = xs.length - k; // its index in ascending order
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i++] = xs[j]!;
        xs[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return xs[target]!;
  }
  return xs[target]!;
}
