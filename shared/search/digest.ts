/**
 * The digest: across readouts, what each speaker said on a topic over time. Near-duplicate
 * statements (the same line repeated call after call) are merged into one entry that cites every
 * readout it appeared in; every entry cites its readout and sentence.
 */
import type { ReadoutIndex } from './readout-index.ts';
import { matchSpeaker } from './readout-index.ts';
import type { SearchDoc } from './search-doc.ts';
import { jaccard, termSet } from './similarity.ts';
import { clipText } from '../clip-text.ts';

export interface DigestCitation {
  readoutId: string;
  sentenceIndex: number;
  date: string | null;
  title: string | null;
  publisher: string | null;
  start: number;
  end: number;
}
export interface DigestEntry extends DigestCitation {
  text: string;
  truncated?: true;
  repeatedIn: DigestCitation[];
}
export interface DigestSpeaker {
  speaker: string;
  speakerName: string;
  statements: DigestEntry[];
  total: number;
}

export interface DigestRequest {
  topics: string[];
  speaker?: string;
  from?: string;
  to?: string;
  limit: number;
}

/** Statements at least this similar are the same line said again. */
const DUPLICATE_AT = 0.6;

export function buildDigest(index: ReadoutIndex, req: DigestRequest): { speakers: DigestSpeaker[]; readouts: number } {
  const bySpeaker = new Map<string, { name: string; entries: Array<DigestEntry & { terms: Set<string> }> }>();
  let readouts = 0;
  const docs = [...index.all()]
    .filter((d) => {
      const date = d.eventDate ?? d.publishedDate;
      return (
        (!req.from || (date && date >= req.from)) &&
        (!req.to || (date && date <= req.to)) &&
        req.topics.every((t) => d.topics.includes(t))
      );
    })
    .sort((a, b) => (a.eventDate ?? a.publishedDate ?? '').localeCompare(b.eventDate ?? b.publishedDate ?? ''));
  for (const doc of docs) {
    const wanted = req.speaker ? new Set(matchSpeaker(doc, req.speaker.toLowerCase())) : null;
    if (wanted && !wanted.size) continue;
    let used = false;
    doc.sentences.forEach((s, i) => {
      if (!s.speaker || s.speaker === 'joint') return;
      if (wanted && !wanted.has(s.speaker)) return;
      if (req.topics.length && !req.topics.some((t) => s.topics.includes(t))) return;
      used = true;
      const p = doc.participants.find((x) => x.id === s.speaker);
      // Speakers are identified across readouts by participant id (the surname).
      const key = s.speaker;
      const bucket = bySpeaker.get(key) ?? { name: p?.name ?? key, entries: [] };
      bySpeaker.set(key, bucket);
      const citation = cite(doc, i);
      const terms = termSet(s.text);
      const dup = bucket.entries.find((e) => jaccard(e.terms, terms) >= DUPLICATE_AT);
      if (dup) dup.repeatedIn.push(citation);
      else bucket.entries.push({ ...citation, ...clipText(s.text), repeatedIn: [], terms });
    });
    if (used) readouts++;
  }
  const speakers: DigestSpeaker[] = [...bySpeaker.entries()]
    .map(([speaker, b]) => ({
      speaker,
      speakerName: b.name,
      total: b.entries.length,
      statements: b.entries.slice(0, req.limit).map(({ terms: _terms, ...e }) => e),
    }))
    .sort((a, b) => b.total - a.total);
  return { speakers, readouts };
}

function cite(doc: SearchDoc, i: number): DigestCitation {
  const s = doc.sentences[i]!;
  return {
    readoutId: doc.id,
    sentenceIndex: i,
    date: doc.eventDate ?? doc.publishedDate,
    title: doc.title,
    publisher: doc.publisher,
    start: s.start,
    end: s.end,
  };
}
