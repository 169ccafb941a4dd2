/**
 * Two accounts of the same event (the Kremlin's and the White House's readouts of one call):
 * statements aligned where they say the same thing, and what each side reported that the other
 * did not; topics likewise. Also finds likely counterpart readouts of a readout.
 */
import type { ReadoutIndex } from './readout-index.ts';
import type { SearchDoc } from './search-doc.ts';
import { jaccard, termSet } from './similarity.ts';
import { addDays } from '../readout/dates.ts';
import { clipText } from '../clip-text.ts';

export interface ComparedStatement {
  sentenceIndex: number;
  text: string;
  truncated?: true;
  speaker: string | null;
  topics: string[];
}
export interface Comparison {
  /** Sentences of each readout beyond COMPARE_LIMITS.sentences, not compared (only when some were left out). */
  notCompared?: { a: number; b: number };
  aligned: Array<{ a: ComparedStatement; b: ComparedStatement; similarity: number }>;
  onlyInA: ComparedStatement[];
  onlyInB: ComparedStatement[];
  topics: { both: string[]; onlyInA: string[]; onlyInB: string[] };
  sharedParticipants: string[];
}

/** Two sentences report the same thing at or above this similarity (topic overlap helps). */
const ALIGN_AT = 0.2;
/**
 * Bounds that keep a comparison's cost fixed whatever the caller sends: at most this many
 * sentences of each readout are compared (a real readout has well under 100), and each by at most
 * this many distinct terms (a real sentence has well under 60). Pairs cost ≤ 300 × 300 × 200.
 */
export const COMPARE_LIMITS = { sentences: 300, termsPerSentence: 200 } as const;

const cappedTermSet = (text: string) => {
  const all = termSet(text);
  return all.size <= COMPARE_LIMITS.termsPerSentence
    ? all
    : new Set([...all].slice(0, COMPARE_LIMITS.termsPerSentence));
};

const statement = (d: SearchDoc, i: number): ComparedStatement => ({
  sentenceIndex: i,
  ...clipText(d.sentences[i]!.text),
  speaker: d.sentences[i]!.speaker,
  topics: d.sentences[i]!.topics,
});

export function compareReadouts(a: SearchDoc, b: SearchDoc): Comparison {
  const na = Math.min(a.sentences.length, COMPARE_LIMITS.sentences);
  const nb = Math.min(b.sentences.length, COMPARE_LIMITS.sentences);
  const ta = a.sentences.slice(0, na).map((s) => cappedTermSet(s.text));
  const tb = b.sentences.slice(0, nb).map((s) => cappedTermSet(s.text));
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
    usedA.add(i);
    usedB.add(j);
    aligned.push({ a: statement(a, i), b: statement(b, j), similarity: Math.round(sim * 1000) / 1000 });
  }
  aligned.sort((x, y) => x.a.sentenceIndex - y.a.sentenceIndex);
  const topicsA = new Set(a.topics);
  const topicsB = new Set(b.topics);
  return {
    aligned,
    onlyInA: ta
      .map((_, i) => i)
      .filter((i) => !usedA.has(i))
      .map((i) => statement(a, i)),
    onlyInB: tb
      .map((_, i) => i)
      .filter((i) => !usedB.has(i))
      .map((i) => statement(b, i)),
    ...(a.sentences.length > na || b.sentences.length > nb
      ? { notCompared: { a: a.sentences.length - na, b: b.sentences.length - nb } }
      : {}),
    topics: {
      both: a.topics.filter((t) => topicsB.has(t)),
      onlyInA: a.topics.filter((t) => !topicsB.has(t)),
      onlyInB: b.topics.filter((t) => !topicsA.has(t)),
    },
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
  return out
    .sort(
      (x, y) =>
        y.shared - x.shared || (x.d.publisher === doc.publisher ? 1 : 0) - (y.d.publisher === doc.publisher ? 1 : 0),
    )
    .slice(0, limit)
    .map((x) => x.d);
}
