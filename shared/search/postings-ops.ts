/** Operations on sorted readout-number lists (postings): intersection, union, an even sample. */

export const NONE: readonly string[] = [];
export const EMPTY = new Uint32Array(0);

/** Sorted ∩ sorted (null = everything). */
export function intersect(a: Uint32Array | null, b: ArrayLike<number>): Uint32Array {
  if (!a) return Uint32Array.from(b);
  const out = new Uint32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let c = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[c++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, c);
}

/** Sorted ∪ sorted, ascending (`scratch`: a zeroed flag per slot, left zeroed). */
export function union(a: ArrayLike<number>, b: ArrayLike<number>, scratch: Uint8Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let c = 0;
  for (const l of [a, b])
    for (let j = 0; j < l.length; j++) {
      const n = l[j]!;
      if (!scratch[n]) {
        scratch[n] = 1;
        out[c++] = n;
      }
    }
  for (let j = 0; j < c; j++) scratch[out[j]!] = 0;
  return out.subarray(0, c).sort();
}

/** An even sample of `size` of the first `count` entries (all of them when count ≤ size). */
export function sample(xs: Uint32Array, count: number, size: number): Uint32Array {
  if (count <= size) return xs.subarray(0, count);
  const out = new Uint32Array(size);
  const step = count / size;
  for (let i = 0; i < size; i++) out[i] = xs[Math.floor(i * step)]!;
  return out;
}
