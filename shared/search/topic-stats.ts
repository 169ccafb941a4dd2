/** The topic vocabulary with how many readouts (or a speaker's statements) carry each topic. */
import type { ReadoutIndex } from './readout-index.ts';
import { matchSpeaker } from './readout-index.ts';
import { topicVocabulary } from '../readout/topics.ts';

export interface TopicCount {
  id: string;
  label: string;
  kind: string;
  aliases: string[];
  readouts: number;
  statements: number;
}

export function topicCounts(
  index: ReadoutIndex,
  f: { speaker?: string; from?: string; to?: string; kind: 'all' | 'issue' | 'country' },
): TopicCount[] {
  const readouts = new Map<string, number>();
  const statements = new Map<string, number>();
  for (const d of index.all()) {
    const date = d.eventDate ?? d.publishedDate;
    if (f.from && (!date || date < f.from)) continue;
    if (f.to && (!date || date > f.to)) continue;
    const speakers = f.speaker ? new Set(matchSpeaker(d, f.speaker.toLowerCase())) : null;
    if (speakers && !speakers.size) continue;
    const inDoc = new Set<string>();
    for (const s of d.sentences) {
      if (speakers && !speakers.has(String(s.speaker))) continue;
      for (const t of s.topics) {
        statements.set(t, (statements.get(t) ?? 0) + 1);
        inDoc.add(t);
      }
    }
    if (!speakers) for (const t of d.topics) inDoc.add(t);
    for (const t of inDoc) readouts.set(t, (readouts.get(t) ?? 0) + 1);
  }
  return topicVocabulary.topics
    .filter((t) => f.kind === 'all' || (f.kind === 'country' ? t.kind === 'country' : t.kind !== 'country'))
    .map((t) => ({
      id: t.id,
      label: t.label,
      kind: t.kind,
      aliases: t.aliases,
      readouts: readouts.get(t.id) ?? 0,
      statements: statements.get(t.id) ?? 0,
    }))
    .sort((a, b) => b.readouts - a.readouts || a.id.localeCompare(b.id));
}
