/**
 * Parse time of generated hostile inputs (test/support/pathological-inputs.ts) at 10 KB, 100 KB and
 * 1 MB: the total over all inputs and the slowest one, per size. Linear parsing shows as totals
 * that grow about 10× per step; the test suite asserts only a generous bound.
 */
import { parseReadout } from '../shared/readout/parse.ts';
import { pathologicalInputs } from '../test/support/pathological-inputs.ts';

export interface PathologicalRow {
  bytes: number;
  inputs: number;
  totalMs: number;
  worstMs: number;
  worst: string;
}

export function pathologicalParse(sizes = [10_000, 100_000, 1_000_000]): PathologicalRow[] {
  return sizes.map((bytes) => {
    const inputs = pathologicalInputs(bytes);
    let totalMs = 0;
    let worstMs = 0;
    let worst = '';
    for (const { name, format, text } of inputs) {
      const t = performance.now();
      parseReadout({ id: 'bench', text, format, source: { bucket: 'b', key: 'k', etag: null } });
      const ms = performance.now() - t;
      totalMs += ms;
      if (ms > worstMs) {
        worstMs = ms;
        worst = `${name} (${format})`;
      }
    }
    return { bytes, inputs: inputs.length, totalMs, worstMs, worst };
  });
}
