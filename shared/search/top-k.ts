/** The hits of a search across segments, and the best k of them, without sorting them all. */

/** The hits of all segments, as parallel arrays (tens of thousands of them for broad queries). */
export class Hits {
  length = 0;
  seg = new Uint8Array(1024);
  n = new Uint32Array(1024);
  score = new Float64Array(1024);
  date = new Int32Array(1024);
  /** Room for `extra` more hits (callers reserve a segment's candidates up front). */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.n.length) return;
    const size = Math.max(need, this.n.length * 2);
    const grow = <T extends Uint8Array | Uint32Array | Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.seg = grow(this.seg);
    this.n = grow(this.n);
    this.score = grow(this.score);
    this.date = grow(this.date);
  }

  push(seg: number, n: number, score: number, date: number): number {
    this.reserve(1);
    const h = this.length++;
    this.seg[h] = seg;
    this.n[h] = n;
    this.score[h] = score;
    this.date[h] = date;
    if (this.best) this.keepBest(score);
    return h;
  }

  /** Hits counted but not kept: their score was below the k-th best when they were found. */
  skipped = 0;
  get total(): number {
    return this.length + this.skipped;
  }

  /** The k best scores so far (a min-heap), when ranking by relevance: what a hit must reach to make the page. */
  private best: Float64Array | null = null;
  private bestCount = 0;
  track(k: number): void {
    this.best = new Float64Array(k);
    this.bestCount = 0;
  }
  /** The k-th best score so far; -Infinity until k hits are in, or when not tracked. */
  get threshold(): number {
    return this.best && this.bestCount === this.best.length ? this.best[0]! : -Infinity;
  }

  private keepBest(score: number): void {
    const heap = this.best!;
    const k = heap.length;
    if (this.bestCount < k) {
      let i = this.bestCount++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heap[p]! <= score) break;
        heap[i] = heap[p]!;
        i = p;
      }
      heap[i] = score;
      return;
    }
    if (score <= heap[0]!) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let v = score;
      if (l < k && heap[l]! < v) {
        m = l;
        v = heap[l]!;
      }
      if (r < k && heap[r]! < v) m = r;
      if (m === i) break;
      heap[i] = heap[m]!;
      i = m;
    }
    heap[i] = score;
  }
}

/** Orders hits: relevance (score, then newer) or date (newer, then score); ties by arrival. */
function before(h: Hits, a: number, b: number, byDate: boolean): number {
  const s = h.score;
  const d = h.date;
  return (byDate ? d[b]! - d[a]! || s[b]! - s[a]! : s[b]! - s[a]! || d[b]! - d[a]!) || a - b;
}

/** Indices of the best k hits, in order; a bounded insertion keeps it O(count·log k). */
export function topK(h: Hits, k: number, byDate: boolean): number[] {
  const count = h.length;
  if (k <= 0) return [];
  if (count <= k * 4 || k > 2000)
    return Array.from({ length: count }, (_, i) => i)
      .sort((a, b) => before(h, a, b, byDate))
      .slice(0, k);
  const top: number[] = [];
  for (let x = 0; x < count; x++) {
    if (top.length === k && before(h, x, top[k - 1]!, byDate) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(h, top[mid]!, x, byDate) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, x);
    if (top.length > k) top.pop();
  }
  return top;
}
