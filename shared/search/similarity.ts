/** Statement similarity for near-duplicate merging and cross-readout alignment. */
import { tokenize } from './tokenize.ts';

export const termSet = (text: string) => new Set(tokenize(text));

/** Jaccard similarity of two term sets. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}
