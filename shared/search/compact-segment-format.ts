/**
 * The compact segment's binary format, shared by its builder (compact-segment-builder.ts) and its
 * reader (compact-segment.ts): the format tag, the JSON header, and the flags packed into counts.
 */
export const SEGMENT_FORMAT = 'readout-search-segment/2';

export interface Header {
  format: typeof SEGMENT_FORMAT;
  docs: number;
  topics: string[];
  publishers: Array<string | null>;
  kinds: string[];
  participants: Array<{ id: string; name: string; role: string | null; country: string | null }>;
  /** Sentence speakers: code 0 = none, 1 = joint, k + 2 = speakers[k]. */
  speakers: string[];
  lengthTotal: number;
  /** Who built it, for which version. */
  meta: SegmentMeta;
}

export interface SegmentMeta {
  version: number;
  createdAt: string;
}

export const COUNT = 127;
export const IN_DOC = 128;

/** The narrowest unsigned type that holds every value (columns are stored in it). */
export type Narrow = Uint8Array | Uint16Array | Uint32Array;
