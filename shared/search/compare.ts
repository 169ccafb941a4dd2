/**
 * Two accounts of the same event (the Kremlin's and the White House's readouts of one call):
 * statements aligned where they say the same thing, and what each side reported that the other
 * did not; topics likewise. Also finds likely counterpart readouts of a readout.
 */
import type { ReadoutIndex } from './readout-index.ts';
import type { SearchDoc } from './search-doc.ts';
import { jaccard, termSet } from './similarity.ts';
import { addDays } from '../readout/dates.ts';

export interface ComparedStatement { sentenceIndex: number; text: string; speaker: string | null; topics: string[] }
export interface Comparison {
  aligned: Array<{ a: ComparedStatement; b: ComparedStatement; similarity: number }>;
  onlyInA: ComparedStatement[];
  onlyInB: ComparedStatement[];
  topics: { both: string[]; onlyInA: string[]; onlyInB: string[] };
  sharedParticipants: string[];
}

/** Two sentences report the same thing at or above this similarity (topic overlap helps). */
const ALIGN_AT = 0.2;

const statement = (d: SearchDoc, i: number): ComparedStatement => ({ sentenceIndex: i, text: d.sentences[i]!.text, speaker: d.sentences[i]!.speaker, topics: d.sentences[i]!.topics });

export function compareReadouts(a: SearchDoc, b: SearchDoc): Comparison {
  const ta = a.sentences.map((s) => termSet(s.text));
  const tb = b.sentences.map((s) => termSet(s.text));
  // Greedy one-to-one alignment, best pairs first.
  const pairs: Array<[number, number, number]> = [];
  for (let i = 0; i < ta.length; i++) {
    for (let j = 0; j < tb.length; j++) {
      let sim = jaccard(ta[i]!, tb[j]!);
      const shared = a.sentences[i]!.topics.filter((t) => b.sentences[j]!.topics.includes(t)).length;
      if (shared) sim += 0.05 * shared;
      if (sim >= ALIGN_AT) pairs.push([i, j, sim]);
    }
  }
  pairs.sort((x, y) => y[2] - x[2]);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const aligned: Comparison['aligned'] = [];
  for (const [i, j, sim] of pairs) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i); usedB.add(j);
    aligned.push({ a: statement(a, i), b: statement(b, j), similarity: Math.round(sim * 1000) / 1000 });
  }
  aligned.sort((x, y) => x.a.sentenceIndex - y.a.sentenceIndex);
  const topicsA = new Set(a.topics);
  const topicsB = new Set(b.topics);
  return {
    aligned,
    onlyInA: a.sentences.map((_, i) => i).filter((i) => !usedA.has(i)).map((i) => statement(a, i)),
    onlyInB: b.sentences.map((_, i) => i).filter((i) => !usedB.has(i)).map((i) => statement(b, i)),
    topics: { both: a.topics.filter((t) => topicsB.has(t)), onlyInA: a.topics.filter((t) => !topicsB.has(t)), onlyInB: b.topics.filter((t) => !topicsA.has(t)) },
    sharedParticipants: a.participants.filter((p) => b.participants.some((q) => q.id === p.id)).map((p) => p.id),
  };
}

/** Readouts of the same event: event date within a day and at least two shared participants. */
export function counterparts(index: ReadoutIndex, doc: SearchDoc, limit = 5): SearchDoc[] {
  const date = doc.eventDate ?? doc.publishedDate;
  if (!date || doc.participants.length < 2) return [];
  const lo = addDays(date, -1);
  const hi = addDays(date, 1);
  const ids = new Set(doc.participants.map((p) => p.id));
  const out: Array<{ d: SearchDoc; shared: number }> = [];
  for (const d of index.all()) {
    if (d.id === doc.id) continue;
    const dd = d.eventDate ?? d.publishedDate;
    if (!dd || dd < lo || dd > hi) continue;
    const shared = d.participants.filter((p) => ids.has(p.id)).length;
    if (shared >= 2) out.push({ d, shared });
  }
  return out.sort((x, y) => y.shared - x.shared || (x.d.publisher === doc.publisher ? 1 : 0) - (y.d.publisher === doc.publisher ? 1 : 0)).slice(0, limit).map((x) => x.d);
}

