/**
 * Parser evaluation against the hand-made gold labels in ../shared/corpus/gold (never copied into
 * the repo). Pure functions: `npm run eval` prints them, tests can assert floors on them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { decodeReadout } from '../shared/readout/decode.ts';
import { parseReadout } from '../shared/readout/parse.ts';
import { topicVocabulary } from '../shared/readout/topics.ts';
import { stem } from '../shared/search/tokenize.ts';
import type { Readout } from '../shared/readout/types.ts';

export interface GoldDoc {
  doc: string;
  title: string | null;
  publisher: string;
  published: string | null;
  event_date: string | null;
  kind: string;
  location: string | null;
  requested_by: string | null;
  participants: Array<{ id: string; name: string; role: string; country: string }>;
  topics: string[];
  sentences: Array<{ i: number; text: string; speaker: string }>;
}

export function loadGold(corpusDir: string): GoldDoc[] {
  const out: GoldDoc[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.json')) out.push(JSON.parse(readFileSync(p, 'utf8')) as GoldDoc);
    }
  };
  walk(join(corpusDir, 'gold'));
  return out;
}

export function parseCorpusDoc(corpusDir: string, rel: string): Readout {
  const d = decodeReadout(rel, readFileSync(join(corpusDir, rel)));
  if (!d.ok) throw new Error(`${rel}: ${d.reason}`);
  return parseReadout({
    id: 'eval',
    text: d.text,
    format: d.format,
    source: { bucket: 'corpus', key: rel, etag: null },
  });
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
const words = (s: string) =>
  fold(s)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const collapse = (s: string) =>
  s
    .replace(/\\([*_#\\])/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Predicted participant id → gold participant id (ids are hand-made: match on name tokens too). */
export function matchParticipants(pred: Readout['participants'], gold: GoldDoc['participants']): Map<string, string> {
  const map = new Map<string, string>();
  const used = new Set<string>();
  for (const p of pred) {
    const pw = new Set([...words(p.name), ...p.id.split('-')]);
    const g = gold.find(
      (g) =>
        !used.has(g.id) &&
        (g.id === p.id ||
          g.id.split('-').every((t) => pw.has(t)) ||
          words(g.name).includes(p.id) ||
          (words(g.name).length > 1 && words(g.name).filter((w) => pw.has(w)).length >= 2)),
    );
    if (g) {
      map.set(p.id, g.id);
      used.add(g.id);
    }
  }
  return map;
}

const PRONOUN = /^(?:[^,]{0,60},\s*)?(?:he|she)\b|,\s*(?:he|she)\s+(?:said|added|noted|stressed)\b/i;

export interface DocScore {
  doc: string;
  participants: { tp: number; predicted: number; gold: number };
  eventDate: boolean;
  kind: boolean;
  sentences: {
    total: number;
    correct: number;
    pronoun: number;
    pronounCorrect: number;
    joint: number;
    jointFound: number;
    attributed: number;
    attributedCorrect: number;
    unaligned: number;
  };
  topics: { gold: number; recalled: number };
  errors: Array<{ text: string; gold: string; predicted: string; rule: string }>;
  /** Gold class (participant / joint / none) → predicted class (same / other participant / joint / none) → sentences. */
  confusion: Confusion;
}

export type GoldClass = 'participant' | 'joint' | 'none';
export type PredictedClass = 'same' | 'other' | 'joint' | 'none';
export type Confusion = Record<GoldClass, Record<PredictedClass, number>>;
const emptyConfusion = (): Confusion => ({
  participant: { same: 0, other: 0, joint: 0, none: 0 },
  joint: { same: 0, other: 0, joint: 0, none: 0 },
  none: { same: 0, other: 0, joint: 0, none: 0 },
});

/**
 * The fixed split of the labels into two halves, by a hash of the document's path: rules are
 * written from failures in one half and checked on the other.
 */
export function halfOf(doc: string): 'A' | 'B' {
  return createHash('sha1').update(doc).digest()[0]! < 128 ? 'A' : 'B';
}

export function topicMatches(phrase: string, readoutTopics: string[]): boolean {
  const g = new Set(words(phrase).map(stem));
  for (const id of readoutTopics.slice(0, 10)) {
    const t = topicVocabulary.get(id);
    const names = t ? [t.id, t.label, ...t.aliases] : [id];
    for (const n of names) {
      const w = words(n).map(stem);
      if (w.length && w.every((x) => g.has(x))) return true;
    }
  }
  return false;
}

export function scoreDoc(gold: GoldDoc, r: Readout): DocScore {
  const map = matchParticipants(r.participants, gold.participants);
  const toGold = (s: string | null) => (s === null ? 'none' : s === 'joint' ? 'joint' : (map.get(s) ?? `?${s}`));
  // Align gold sentences to predicted ones through the normalised text.
  const predText = r.sentences.map((s) => collapse(s.text));
  const joined: Array<{ from: number; to: number; i: number }> = [];
  let buf = '';
  predText.forEach((t, i) => {
    joined.push({ from: buf.length, to: buf.length + t.length, i });
    buf += `${t} `;
  });
  let cursor = 0;
  const sc: DocScore['sentences'] = {
    total: 0,
    correct: 0,
    pronoun: 0,
    pronounCorrect: 0,
    joint: 0,
    jointFound: 0,
    attributed: 0,
    attributedCorrect: 0,
    unaligned: 0,
  };
  const errors: DocScore['errors'] = [];
  const confusion = emptyConfusion();
  for (const g of gold.sentences) {
    const gt = collapse(g.text);
    let at = buf.indexOf(gt, cursor);
    if (at < 0) at = buf.indexOf(gt.slice(0, Math.min(40, gt.length)), cursor);
    let predicted = 'none';
    let rule = 'unaligned';
    if (at < 0) sc.unaligned++;
    else {
      cursor = at + 1;
      const mid = at + Math.floor(Math.min(gt.length, 80) / 2);
      const span = joined.find((j) => mid >= j.from && mid <= j.to);
      predicted = span ? toGold(r.sentences[span.i]!.speaker) : 'none';
      rule = span ? (r.sentences[span.i]!.attribution?.rule ?? 'narration') : 'unaligned';
    }
    sc.total++;
    const ok = predicted === g.speaker;
    if (ok) sc.correct++;
    else errors.push({ text: g.text.slice(0, 140), gold: g.speaker, predicted, rule });
    const goldClass: GoldClass = g.speaker === 'joint' ? 'joint' : g.speaker === 'none' ? 'none' : 'participant';
    const predictedClass: PredictedClass =
      predicted === 'joint' ? 'joint' : predicted === 'none' ? 'none' : ok ? 'same' : 'other';
    confusion[goldClass][predictedClass]++;
    if (PRONOUN.test(g.text)) {
      sc.pronoun++;
      if (ok) sc.pronounCorrect++;
    }
    if (g.speaker === 'joint') {
      sc.joint++;
      if (predicted === 'joint') sc.jointFound++;
    }
    if (predicted !== 'none') {
      sc.attributed++;
      if (ok) sc.attributedCorrect++;
    }
  }
  const recalled = gold.topics.filter((t) => topicMatches(t, r.topics)).length;
  return {
    doc: gold.doc,
    participants: { tp: map.size, predicted: r.participants.length, gold: gold.participants.length },
    eventDate: r.eventDate === gold.event_date,
    kind: r.kind === gold.kind,
    sentences: sc,
    topics: { gold: gold.topics.length, recalled },
    errors,
    confusion,
  };
}

export interface EvalSummary {
  docs: number;
  participantPrecision: number;
  participantRecall: number;
  participantF1: number;
  eventDate: number;
  kind: number;
  speaker: number;
  pronoun: number;
  joint: number;
  attributedPrecision: number;
  topicRecall: number;
  sentences: number;
  unaligned: number;
}

export function summarise(scores: DocScore[]): EvalSummary {
  const sum = (f: (d: DocScore) => number) => scores.reduce((a, d) => a + f(d), 0);
  const ratio = (a: number, b: number) => (b ? a / b : 1);
  const p = ratio(
    sum((d) => d.participants.tp),
    sum((d) => d.participants.predicted),
  );
  const r = ratio(
    sum((d) => d.participants.tp),
    sum((d) => d.participants.gold),
  );
  return {
    docs: scores.length,
    participantPrecision: p,
    participantRecall: r,
    participantF1: p + r ? (2 * p * r) / (p + r) : 0,
    eventDate: ratio(
      sum((d) => +d.eventDate),
      scores.length,
    ),
    kind: ratio(
      sum((d) => +d.kind),
      scores.length,
    ),
    speaker: ratio(
      sum((d) => d.sentences.correct),
      sum((d) => d.sentences.total),
    ),
    pronoun: ratio(
      sum((d) => d.sentences.pronounCorrect),
      sum((d) => d.sentences.pronoun),
    ),
    joint: ratio(
      sum((d) => d.sentences.jointFound),
      sum((d) => d.sentences.joint),
    ),
    attributedPrecision: ratio(
      sum((d) => d.sentences.attributedCorrect),
      sum((d) => d.sentences.attributed),
    ),
    topicRecall: ratio(
      sum((d) => d.topics.recalled),
      sum((d) => d.topics.gold),
    ),
    sentences: sum((d) => d.sentences.total),
    unaligned: sum((d) => d.sentences.unaligned),
  };
}

export const PARSER_TARGETS: Array<[keyof EvalSummary, string, number]> = [
  ['participantF1', 'participants F1', 0.95],
  ['participantPrecision', 'participants precision', 0],
  ['participantRecall', 'participants recall', 0],
  ['eventDate', 'event date accuracy', 0.97],
  ['kind', 'kind accuracy', 0.95],
  ['speaker', 'speaker accuracy (all sentences)', 0.95],
  ['pronoun', 'speaker accuracy (pronoun sentences)', 0],
  ['joint', 'joint recall', 0.92],
  ['attributedPrecision', 'precision on attributed sentences', 0],
  ['topicRecall', 'gold-topic recall', 0.8],
];

export function confusionOf(scores: DocScore[]): Confusion {
  const out = emptyConfusion();
  for (const d of scores)
    for (const g of Object.keys(out) as GoldClass[])
      for (const p of Object.keys(out[g]) as PredictedClass[]) out[g][p] += d.confusion[g][p];
  return out;
}

export function evaluateGold(corpusDir: string): {
  summary: EvalSummary;
  scores: DocScore[];
  relPaths: string[];
  publishers: string[];
} {
  const gold = loadGold(corpusDir);
  const scores = gold.map((g) => scoreDoc(g, parseCorpusDoc(corpusDir, g.doc)));
  return {
    summary: summarise(scores),
    scores,
    relPaths: gold.map((g) => relative(corpusDir, join(corpusDir, g.doc))),
    publishers: gold.map((g) => g.publisher),
  };
}
