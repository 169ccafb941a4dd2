/** The structured record a readout becomes. Shape is part of the public API (GET /readouts/{id}). */
export type ReadoutKind = 'call' | 'video_call' | 'meeting' | 'statement' | 'other';
export type SourceFormat = 'txt' | 'md' | 'html';

export interface Participant {
  /** Short stable id: the lower-case surname (`xi`, `putin`, `von-der-leyen`). */
  id: string;
  name: string;
  role: string | null;
  country: string | null;
  /** Every way the text refers to this participant ("the President", "his Russian counterpart"). */
  aliases: string[];
}

/** `joint` = both/all leaders together; null = narration or a non-participant. */
export type Speaker = string | 'joint' | null;

export interface Sentence {
  index: number;
  text: string;
  /** Character offsets into `Readout.text` (the normalised body). */
  start: number;
  end: number;
  speaker: Speaker;
  /**
   * Which attribution rule decided `speaker` (shared/readout/attribution-rules.ts), and the words that
   * decided it (`cue`, offsets into the record's text like `start`/`end`; absent when the speaker
   * carries over from an earlier sentence).
   */
  attribution?: { rule: string; cue?: { start: number; end: number } };
  topics: string[];
}

export interface SourceRef {
  bucket: string;
  key: string;
  etag: string | null;
  versionId?: string | null;
  sequencer?: string | null;
  size?: number;
}

export interface Readout {
  id: string;
  title: string | null;
  publisher: string | null;
  publishedDate: string | null;
  eventDate: string | null;
  kind: ReadoutKind;
  location: string | null;
  requestedBy: string | null;
  participants: Participant[];
  topics: string[];
  /** Normalised body text: sentence offsets point into it. */
  text: string;
  sentences: Sentence[];
  format: SourceFormat;
  source: SourceRef;
  parserVersion: number;
  /**
   * Where `publishedDate` came from: the uploader's object metadata, the document (header, front
   * matter, a date line), its title, or the upload date when the text holds no date at all.
   */
  publishedDateSource?: 'metadata' | 'document' | 'title' | 'upload' | null;
}

/** What the parser needs besides the bytes: where they came from. */
export interface ParseInput {
  id: string;
  text: string;
  format: SourceFormat;
  source: SourceRef;
  /**
   * What the uploader said about the document (S3 object metadata `publisher`, `published`,
   * `source-url`; explicit, so it wins over what the text suggests) and when it was uploaded (the
   * publication date of last resort).
   */
  metadata?: { publisher?: string; published?: string; sourceUrl?: string; uploadedAt?: string };
}
