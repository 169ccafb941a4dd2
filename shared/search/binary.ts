/**
 * The byte-level pieces of the index format: LEB128 varints for postings and a section container
 * (magic, JSON header, 8-byte-aligned sections) whose typed-array sections are used in place after
 * load: nothing is parsed until a query needs it.
 */

/** A growable byte buffer for varint streams. */
export class ByteWriter {
  bytes: Uint8Array;
  length = 0;
  constructor(initial = 16) {
    this.bytes = new Uint8Array(initial);
  }

  private grow(need: number): void {
    if (this.length + need <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  varint(v: number): void {
    this.grow(5);
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  append(b: Uint8Array): void {
    this.grow(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/** Decodes `count` varints from `bytes` at `offset` into `out` (from `outAt`); returns the new offset. */
export function readVarints(bytes: Uint8Array, offset: number, count: number, out: Uint32Array, outAt = 0): number {
  let p = offset;
  for (let k = 0; k < count; k++) {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[p++]!;
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    out[outAt + k] = v;
  }
  return p;
}

type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
const KINDS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array, f64: Float64Array } as const;
type Kind = keyof typeof KINDS;
const kindOf = (a: Typed): Kind =>
  a instanceof Uint8Array
    ? 'u8'
    : a instanceof Uint16Array
      ? 'u16'
      : a instanceof Uint32Array
        ? 'u32'
        : a instanceof Int32Array
          ? 'i32'
          : 'f64';

const MAGIC = 'RSIX';

/** Writes a JSON header and named typed-array sections into one buffer. Little-endian, as every Lambda CPU. */
export function packSections(header: unknown, sections: Record<string, Typed>): Buffer {
  const table: Record<string, [Kind, number, number]> = {};
  let offset = 0;
  for (const [name, arr] of Object.entries(sections)) {
    table[name] = [kindOf(arr), offset, arr.length];
    offset += Math.ceil(arr.byteLength / 8) * 8;
  }
  const head = Buffer.from(JSON.stringify({ header, sections: table }), 'utf8');
  const headLen = Math.ceil((8 + head.length) / 8) * 8;
  const out = Buffer.alloc(headLen + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(head.length, 4);
  head.copy(out, 8);
  for (const [name, arr] of Object.entries(sections)) {
    const [, at] = table[name]!;
    Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).copy(out, headLen + at);
  }
  return out;
}

/** Where packed bytes come from when they are not all in memory: ranged reads (S3 Range GETs). */
export interface ByteSource {
  read(start: number, end: number): Promise<Uint8Array>;
}

/** The header and where each section lies (absolute byte offsets into the packed buffer). */
export interface Layout<H> {
  header: H;
  sections: Record<string, { kind: Kind; start: number; end: number; length: number }>;
  headerBytes: number;
}

/** Reads the layout from the first bytes of a packed buffer; `{ need }` when more bytes are needed. */
export function readLayout<H>(prefix: Uint8Array): Layout<H> | { need: number } {
  if (prefix.length < 8) return { need: 8 };
  if (Buffer.from(prefix.buffer, prefix.byteOffset, 4).toString('latin1') !== MAGIC)
    throw new Error('not a readout-search index segment');
  const headLen = new DataView(prefix.buffer, prefix.byteOffset, 8).getUint32(4, true);
  if (prefix.length < 8 + headLen) return { need: 8 + headLen };
  const meta = JSON.parse(Buffer.from(prefix.buffer, prefix.byteOffset + 8, headLen).toString('utf8')) as {
    header: H;
    sections: Record<string, [Kind, number, number]>;
  };
  const base = Math.ceil((8 + headLen) / 8) * 8;
  const sections: Layout<H>['sections'] = {};
  for (const [name, [kind, at, length]] of Object.entries(meta.sections)) {
    const start = base + at;
    sections[name] = { kind, start, end: start + length * KINDS[kind].BYTES_PER_ELEMENT, length };
  }
  return { header: meta.header, sections, headerBytes: base };
}

/**
 * A section as a typed array over `bytes`, which hold the packed buffer from absolute offset
 * `bytesAt`. Copied once when misaligned (buffers from the network usually are).
 */
export function sectionView<T extends Typed>(layout: Layout<unknown>, name: string, bytes: Uint8Array, bytesAt = 0): T {
  const s = layout.sections[name];
  if (!s) throw new Error(`index segment has no section ${name}`);
  const Ctor = KINDS[s.kind];
  const offset = bytes.byteOffset + s.start - bytesAt;
  if (offset % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(bytes.buffer as ArrayBuffer, offset, s.length) as T;
  return new Ctor(bytes.slice(s.start - bytesAt, s.end - bytesAt).buffer as ArrayBuffer, 0, s.length) as T;
}
