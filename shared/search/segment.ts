/**
 * What the search engine reads from an index segment. Two implementations: the immutable
 * `CompactSegment` (the published base: typed arrays and varint postings, used in place after load)
 * and the mutable `LiveSegment` (flexsearch plus per-readout statistics, for readouts published
 * since the base). Document numbers are segment-local, 0 ≤ n < slots.
 */
import { findPerson, PEOPLE } from '../readout/people.ts';
import type { FacetTally } from './facets.ts';
import type { SearchDoc } from './search-doc.ts';

export interface Postings {
  /** Readouts holding the term in a sentence, ascending. */
  docs: ArrayLike<number>;
  /** Occurrences per readout, aligned with `docs`. */
  tfs: ArrayLike<number>;
}

/** Postings with token positions: readout docs[j] has its positions in pos[posStart[j] .. posStart[j + 1]). */
export interface PositionalPostings extends Postings {
  posStart: ArrayLike<number>;
  pos: ArrayLike<number>;
}

/**
 * Readout n's sentences as slices of shared arrays: sentence i starts at token starts[from + i]
 * and has speaker code speakers[from + i] (0 none, 1 joint, else a participant: speakerOfCode); `end` is the
 * readout's length in tokens.
 */
export interface SentenceTable {
  starts: ArrayLike<number>;
  speakers: ArrayLike<number>;
  from: number;
  count: number;
  end: number;
}

export interface SpeakerSentences {
  eligible: Uint8Array;
  tokens: Uint32Array;
  /** Readout n's eligible sentences, by their index in it: list[listStart[n] .. listStart[n + 1]). */
  list: Uint16Array | Uint32Array;
  listStart: Uint32Array;
}

/** Facet counts as a response shows them: value → readouts. */
export interface FacetCounts {
  topics: Record<string, number>;
  speakers: Record<string, number>;
  publishers: Record<string, number>;
  years: Record<string, number>;
  kinds: Record<string, number>;
}

export interface Segment {
  readonly slots: number;
  isLive(n: number): boolean;
  lookup(id: string): number | undefined;
  id(n: number): string;
  doc(n: number): SearchDoc;

  /** Readouts with the term in their title or sentences (idf), dead slots included until compaction. */
  df(term: string): number;
  /** Sum of the live readouts' lengths in terms and their number (BM25 length normalisation). */
  lengthTotals(): { total: number; docs: number };
  sortedTerms(): readonly string[];
  postings(term: string): Postings | null;
  /** The same with token positions (counted from the readout's first sentence). */
  positional(term: string): PositionalPostings | null;
  /** Handles for query terms (titleHasAny): the segment's term ids of those it knows. */
  termIds(terms: string[]): Int32Array;
  /** Readout n has one of these terms in its title. */
  titleHasAny(n: number, ids: Int32Array): boolean;

  length(n: number): number;
  /** lengthNorm(length(n), avgLen) of every slot n (BM25's length normalisation, read per posting). */
  lengthNorms(avgLen: number): Float64Array;
  /** eventDate ?? publishedDate as YYYYMMDD (missing parts 0), 0 when unknown. */
  dateKey(n: number): number;
  publisher(n: number): string | null;
  kind(n: number): string;

  /** A segment-local handle for a topic id (-1: no readout here has it). */
  topicRef(topic: string): number;
  /** Readouts carrying the topic, ascending. */
  docsWithTopic(ref: number): ArrayLike<number>;
  /** The readouts with sentences tagged with the topic (ascending) and how many each. */
  topicSentences(ref: number): { docs: ArrayLike<number>; counts: ArrayLike<number> };
  hasCountry(n: number, countryLower: string): boolean;
  /** Participant ids of readout n that the speaker query names (see matchSpeaker). */
  speakerIds(n: number, query: string): readonly string[];
  /** Fills `out` with the sentence speaker codes of readout n's participants that the query names; returns how many participants it names. */
  speakerCodesFor(n: number, query: string, out: number[]): number;
  /** Readouts where a participant matches the speaker query, ascending. */
  docsWithSpeaker(query: string): ArrayLike<number>;

  /**
   * For a speaker query, over the whole segment: per sentence (at sentences(n).from + i) 1 when it
   * counts as the speaker's (their own or joint), and per readout the tokens of those sentences.
   * Null when the segment cannot say so cheaply (the engine then works it out per readout).
   */
  speakerSentences(query: string): SpeakerSentences | null;
  sentenceCount(n: number): number;
  sentences(n: number): SentenceTable;
  speakerOfCode(code: number): string | null;
  /** Sets out[i] to 1 when sentence i of readout n has a topic whose ref is set in `mask`, else 0; returns out. */
  markTopicSentences(n: number, mask: Uint8Array, out: Uint8Array): Uint8Array;

  /** Adds the facets of the given readouts, each counted `weight` times (sampling); speakers only for those not flagged in `speakersKnown`. */
  addFacets(ns: ArrayLike<number>, count: number, speakersKnown: Uint8Array, into: FacetTally, weight?: number): void;
}

/** YYYY-MM-DD (or a prefix of it) → YYYYMMDD with missing parts 0; ordering matches the ISO strings. */
export function dateKey(iso: string | null | undefined): number {
  if (!iso) return 0;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  return m ? Number(m[1]) * 10000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0) : 0;
}

/** The inverse of dateKey for display. */

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/**
 * A speaker query for whoever speaks for a country ("what did China say about"): its leaders,
 * ministers and envoys, by the participant's country, else the gazetteer's for the person.
 */
export const speakingFor = (country: string): string => `${SPEAKING_FOR}${country.toLowerCase()}`;
const SPEAKING_FOR = 'country:';
const GAZETTEER_COUNTRY = new Map(PEOPLE.map((p) => [p.id, p.country]));
const countryOf = (p: { id: string; name: string; country?: string | null }) =>
  p.country ?? GAZETTEER_COUNTRY.get(p.id) ?? findPerson(p.name)?.country ?? '';

/** "putin", "Putin", "Vladimir Putin" (or speakingFor("Russia")) → does this participant match? */
export function participantMatches(p: { id: string; name: string; country?: string | null }, query: string): boolean {
  if (p.id === query) return true;
  if (query.startsWith(SPEAKING_FOR)) {
    // "country:" alone names no country (not every participant without one).
    const country = query.slice(SPEAKING_FOR.length);
    return country !== '' && countryOf(p).toLowerCase() === country;
  }
  const q = query
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  const words = new Set([...fold(p.name.toLowerCase()).split(/[\s,.-]+/), ...p.id.split('-')]);
  return q.every((w) => words.has(fold(w)));
}
