/** Per-readout work arrays reused across searches (see WorkArrays). */

type WorkArray = Uint8Array | Uint16Array | Int32Array | Float64Array;
type WorkArrayOf<T extends WorkArray> = { new (length: number): T };

/**
 * Per-readout work arrays (flags, accumulators) for segments of one size, reused by the next search:
 * a fresh set for 100,000 readouts cost ≈ 0.2 ms and as much garbage per query, zeroing them ≈ 30 µs.
 * Taken and given back within one synchronous SegmentSearch.run; a run that finds them taken (none
 * should) gets fresh ones.
 */
export class WorkArrays {
  private static readonly bySize = new Map<number, WorkArrays>();
  private busy = false;
  private readonly arrays = new Map<string, WorkArray>();
  private constructor(private readonly slots: number) {}

  static take(slots: number): WorkArrays {
    let w = WorkArrays.bySize.get(slots);
    if (!w) {
      // The live segment changes size as readouts arrive: keep a few sizes only.
      if (WorkArrays.bySize.size >= 4) WorkArrays.bySize.clear();
      WorkArrays.bySize.set(slots, (w = new WorkArrays(slots)));
    }
    if (w.busy) return new WorkArrays(slots);
    w.busy = true;
    return w;
  }

  release(): void {
    this.busy = false;
  }

  /** A zeroed array of one entry per readout, by name. */
  zeroed<T extends WorkArray>(name: string, Type: WorkArrayOf<T>): T {
    let a = this.arrays.get(name) as T | undefined;
    if (a) a.fill(0);
    else this.arrays.set(name, (a = new Type(this.slots)));
    return a;
  }
}
