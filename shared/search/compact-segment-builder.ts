/**
 * Writes a compact segment (the format: compact-segment-format.ts) from readouts: the index that
 * search loads, and the doc store that summaries decode one readout at a time.
 */
import { deflateRawSync } from 'node:zlib';
import { ByteWriter, packSections } from './binary.ts';
import type { SearchDoc } from './search-doc.ts';
import { dateKey } from './segment.ts';
import { tokenize } from './tokenize.ts';
import { COUNT, IN_DOC, type Header, type Narrow, SEGMENT_FORMAT, type SegmentMeta } from './compact-segment-format.ts';

/** The narrowest unsigned type that holds every value. */
const narrow = (xs: number[]): Narrow => {
  const max = xs.reduce((a, b) => (b > a ? b : a), 0);
  return max < 256 ? Uint8Array.from(xs) : max < 65536 ? Uint16Array.from(xs) : Uint32Array.from(xs);
};

interface TermAcc {
  df: number;
  count: number;
  last: number;
  post: ByteWriter;
  pos: ByteWriter;
}

/** Builds a segment from readouts: `index` is what search loads, `docs` the doc store. */
export function buildCompactSegment(
  input: Iterable<SearchDoc>,
  meta: SegmentMeta = { version: 0, createdAt: new Date().toISOString() },
): { index: Buffer; docs: Buffer } {
  const terms = new Map<string, TermAcc>();
  const dict = <T>() => {
    const ids = new Map<string, number>();
    const list: T[] = [];
    return {
      ids,
      list,
      id(key: string, value: T) {
        let i = ids.get(key);
        if (i === undefined) {
          i = list.length;
          ids.set(key, i);
          list.push(value);
        }
        return i;
      },
    };
  };
  const topics = dict<string>();
  const publishers = dict<string | null>();
  const kinds = dict<string>();
  const participants = dict<Header['participants'][number]>();
  const speakers = dict<string>();
  const cols = { date: [] as number[], publisher: [] as number[], kind: [] as number[], length: [] as number[] };
  const csr = () => ({ start: [0] as number[], values: [] as number[], counts: [] as number[] });
  const docTopics = csr();
  const docParts = csr();
  const docTitle = csr();
  const docSents = csr();
  const sentTopics = csr();
  const titleTermsByDoc: string[][] = [];
  const sentSpeaker: number[] = [];
  const topicInDoc: number[] = [];
  const ids: string[] = [];
  const store = new ByteWriter(1 << 16);
  const storeOff: number[] = [0];
  const enc = new TextEncoder();
  let lengthTotal = 0;

  let n = 0;
  for (const doc of input) {
    ids.push(doc.id);
    // Each record compressed on its own: one is inflated per result shown (≈ 50 µs), and the store
    // is 2.5-3× smaller to fetch and to hold.
    store.append(deflateRawSync(enc.encode(JSON.stringify(doc))));
    storeOff.push(store.length);
    cols.date.push(dateKey(doc.eventDate ?? doc.publishedDate));
    cols.publisher.push(publishers.id(String(doc.publisher), doc.publisher));
    cols.kind.push(kinds.id(doc.kind, doc.kind));

    const positions = new Map<string, number[]>();
    const counts = new Map<number, number>();
    let pos = 0;
    for (const s of doc.sentences) {
      docSents.values.push(pos);
      for (const t of tokenize(s.text)) {
        let l = positions.get(t);
        if (!l) positions.set(t, (l = []));
        l.push(pos++);
      }
      sentSpeaker.push(s.speaker === null ? 0 : s.speaker === 'joint' ? 1 : speakers.id(s.speaker, s.speaker) + 2);
      for (const t of s.topics) {
        const id = topics.id(t, t);
        sentTopics.values.push(id);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      sentTopics.start.push(sentTopics.values.length);
    }
    docSents.start.push(docSents.values.length);
    cols.length.push(pos);
    lengthTotal += pos;
    // Topics the readout carries (filters, facets) and topics of its sentences (statement counts): usually the same.
    const inDoc = new Set(doc.topics.map((t) => topics.id(t, t)));
    for (const id of new Set([...inDoc, ...counts.keys()])) {
      docTopics.values.push(id);
      docTopics.counts.push(counts.get(id) ?? 0);
      topicInDoc.push(inDoc.has(id) ? 1 : 0);
    }
    docTopics.start.push(docTopics.values.length);
    for (const p of doc.participants)
      docParts.values.push(
        participants.id(JSON.stringify([p.id, p.name, p.role, p.country]), {
          id: p.id,
          name: p.name,
          role: p.role ?? null,
          country: p.country ?? null,
        }),
      );
    docParts.start.push(docParts.values.length);

    const title = [...new Set(tokenize(doc.title ?? ''))];
    titleTermsByDoc.push(title);
    const acc = (t: string) => {
      let a = terms.get(t);
      if (!a) terms.set(t, (a = { df: 0, count: 0, last: -1, post: new ByteWriter(8), pos: new ByteWriter(8) }));
      return a;
    };
    for (const [t, list] of positions) {
      const a = acc(t);
      a.df++;
      a.count++;
      a.post.varint(n - a.last);
      a.post.varint(list.length);
      a.last = n;
      let prev = 0;
      for (const p of list) {
        a.pos.varint(p - prev);
        prev = p;
      }
    }
    for (const t of title) if (!positions.has(t)) acc(t).df++;
    n++;
  }

  const sorted = [...terms.keys()].sort();
  const termId = new Map(sorted.map((t, i) => [t, i]));
  const df = new Uint32Array(sorted.length);
  const postCount = new Uint32Array(sorted.length);
  const postOff = new Float64Array(sorted.length + 1);
  const posOff = new Float64Array(sorted.length + 1);
  const post = new ByteWriter(1 << 16);
  const posStream = new ByteWriter(1 << 16);
  sorted.forEach((t, i) => {
    const a = terms.get(t)!;
    df[i] = a.df;
    postCount[i] = a.count;
    postOff[i] = post.length;
    posOff[i] = posStream.length;
    post.append(a.post.view());
    posStream.append(a.pos.view());
  });
  postOff[sorted.length] = post.length;
  posOff[sorted.length] = posStream.length;
  for (const title of titleTermsByDoc) {
    docTitle.values.push(...title.map((t) => termId.get(t)!).sort((a, b) => a - b));
    docTitle.start.push(docTitle.values.length);
  }

  const header: Header = {
    format: SEGMENT_FORMAT,
    docs: n,
    topics: topics.list,
    publishers: publishers.list,
    kinds: kinds.list,
    participants: participants.list,
    speakers: speakers.list,
    lengthTotal,
    meta,
  };
  // Order matters for lazy loading: what every query needs first (one ranged read at cold start),
  // then the sentence table, then the postings (fetched per term until the whole segment is in).
  const index = packSections(header, {
    terms: enc.encode(sorted.join('\n')),
    df,
    postCount,
    postOff,
    posOff,
    ids: enc.encode(JSON.stringify(ids)),
    date: Int32Array.from(cols.date),
    publisher: narrow(cols.publisher),
    kind: narrow(cols.kind),
    length: Uint32Array.from(cols.length),
    // Per readout topic: sentence count (7 bits, saturating) and whether the readout carries it (high bit).
    topicStart: Uint32Array.from(docTopics.start),
    topicIds: narrow(docTopics.values),
    topicCounts: Uint8Array.from(docTopics.counts, (c, i) => Math.min(COUNT, c) | (topicInDoc[i] ? IN_DOC : 0)),
    partStart: Uint32Array.from(docParts.start),
    partIds: narrow(docParts.values),
    titleStart: Uint32Array.from(docTitle.start),
    titleTerms: narrow(docTitle.values),
    storeOff: Float64Array.from(storeOff),
    // The sentence table is the largest part after the postings: the narrowest type that holds each
    // column, and per-sentence topic counts (prefix sums are rebuilt when it is read in).
    sentStart: Uint32Array.from(docSents.start),
    sentPos: narrow(docSents.values),
    sentSpeaker: narrow(sentSpeaker),
    sentTopicCount: Uint8Array.from(sentTopics.start.slice(1), (end, i) => end - sentTopics.start[i]!),
    sentTopicIds: narrow(sentTopics.values),
    post: post.view(),
    pos: posStream.view(),
  });
  return { index, docs: Buffer.from(store.view()) };
}
