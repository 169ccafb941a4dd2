/**
 * The index schema: what the search function holds per readout. Only what search, filters and
 * summaries need: metadata plus sentences (text, offsets, speaker, topics). Bodies stay in DynamoDB.
 */
import type { Participant, Readout, Speaker } from '../readout/types.ts';

export interface SearchSentence {
  text: string;
  start: number;
  end: number;
  speaker: Speaker;
  topics: string[];
}

export interface SearchDoc
  extends Pick<
    Readout,
    'id' | 'title' | 'publisher' | 'publishedDate' | 'eventDate' | 'kind' | 'location' | 'topics' | 'source'
  > {
  participants: Array<Omit<Participant, 'aliases'>>;
  /** The S3 sequencer (or version) of the object this doc was built from: tells stale from fresh. */
  version: string;
  sentences: SearchSentence[];
}

export function toSearchDoc(r: Readout, version: string): SearchDoc {
  return {
    id: r.id,
    title: r.title,
    publisher: r.publisher,
    publishedDate: r.publishedDate,
    eventDate: r.eventDate,
    kind: r.kind,
    location: r.location,
    participants: r.participants.map(({ id, name, role, country }) => ({ id, name, role, country })),
    topics: r.topics,
    source: r.source,
    version,
    sentences: r.sentences.map((s) => ({
      text: s.text,
      start: s.start,
      end: s.end,
      speaker: s.speaker,
      topics: s.topics,
    })),
  };
}

/** The searchable text of a doc: title then sentences. */
export const docText = (d: SearchDoc) => `${d.title ?? ''}\n${d.sentences.map((s) => s.text).join('\n')}`;
