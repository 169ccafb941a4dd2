/**
 * The full-text index: flexsearch finds candidates, our code scores (BM25 over the candidate
 * readouts) and picks the matching sentences. Serialises to one self-contained artifact.
 */
import { Index } from 'flexsearch';
import { docText, type SearchDoc } from './search-doc.ts';
import { tokenize, tokenizeWithOffsets } from './tokenize.ts';

/**
 * flexsearch options. They must be identical at export and import time (flexsearch does not store
 * them), hence one constant. `encode` hands flexsearch our own tokens: the index and the sentence
 * matcher can never disagree. `strict` + no context keeps the artifact small (see PITFALLS.md).
 */
const FLEX_OPTIONS = { tokenize: 'strict', encode: (s: string) => tokenize(s), resolution: 9, fastupdate: false } as const;

export const ARTIFACT_FORMAT = 'readout-search-index/1';

export interface IndexArtifact {
  format: typeof ARTIFACT_FORMAT;
  version: number;
  createdAt: string;
  nextNum: number;
  docs: Array<[number, SearchDoc]>;
  flex: Record<string, string>;
}

export interface Hit { doc: SearchDoc; score: number; sentences: Array<{ index: number; highlights: Array<[number, number]> }> }

export class ReadoutIndex {
  private flex = new Index(FLEX_OPTIONS as never);
  private readonly docs = new Map<number, SearchDoc>();
  private readonly numById = new Map<string, number>();
  private nextNum = 1;
  version = 0;

  get size(): number { return this.docs.size; }
  has(id: string): boolean { return this.numById.has(id); }
  get(id: string): SearchDoc | undefined { const n = this.numById.get(id); return n === undefined ? undefined : this.docs.get(n); }
  all(): IterableIterator<SearchDoc> { return this.docs.values(); }

  upsert(doc: SearchDoc): void {
    let n = this.numById.get(doc.id);
    if (n !== undefined) this.flex.remove(n);
    else { n = this.nextNum++; this.numById.set(doc.id, n); }
    this.docs.set(n, doc);
    this.flex.add(n, docText(doc));
  }

  remove(id: string): boolean {
    const n = this.numById.get(id);
    if (n === undefined) return false;
    this.flex.remove(n);
    this.docs.delete(n);
    this.numById.delete(id);
    return true;
  }

  search(query: string, limit = 10): { total: number; hits: Hit[] } {
    const terms = [...new Set(tokenize(query))];
    if (!terms.length) return { total: 0, hits: [] };
    const ids = this.flex.search(terms.join(' '), { limit: 10_000 }) as number[];
    const N = Math.max(1, this.docs.size);
    const df = new Map(terms.map((t) => [t, 0]));
    const scored: Hit[] = [];
    const perDoc: Array<{ doc: SearchDoc; tf: Map<string, number>; len: number }> = [];
    for (const n of ids) {
      const doc = this.docs.get(n);
      if (!doc) continue;
      const tokens = tokenize(docText(doc));
      const tf = new Map<string, number>();
      for (const t of tokens) if (df.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) df.set(t, df.get(t)! + 1);
      perDoc.push({ doc, tf, len: tokens.length });
    }
    const avgLen = perDoc.reduce((a, d) => a + d.len, 0) / Math.max(1, perDoc.length);
    for (const { doc, tf, len } of perDoc) {
      let score = 0;
      for (const [t, f] of tf) {
        const idf = Math.log(1 + (N - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
        score += idf * ((f * 2.2) / (f + 1.2 * (0.25 + 0.75 * (len / avgLen))));
      }
      if (doc.title && tokenize(doc.title).some((t) => df.has(t))) score *= 1.25;
      scored.push({ doc, score: Math.round(score * 1000) / 1000, sentences: matchingSentences(doc, new Set(terms)) });
    }
    scored.sort((a, b) => b.score - a.score || (b.doc.eventDate ?? '').localeCompare(a.doc.eventDate ?? ''));
    return { total: scored.length, hits: scored.slice(0, limit) };
  }

  toArtifact(version: number): IndexArtifact {
    const flex: Record<string, string> = {};
    // A synchronous callback makes export run in one go (see PITFALLS.md).
    this.flex.export((key: string, data: string) => { flex[key] = data; });
    return { format: ARTIFACT_FORMAT, version, createdAt: new Date().toISOString(), nextNum: this.nextNum, docs: [...this.docs.entries()], flex };
  }

  static fromArtifact(a: IndexArtifact): ReadoutIndex {
    if (a.format !== ARTIFACT_FORMAT) throw new Error(`unsupported index artifact format ${String(a.format)}`);
    const idx = new ReadoutIndex();
    for (const [key, data] of Object.entries(a.flex)) idx.flex.import(key, data);
    for (const [n, doc] of a.docs) { idx.docs.set(n, doc); idx.numById.set(doc.id, n); }
    idx.nextNum = a.nextNum;
    idx.version = a.version;
    return idx;
  }
}

export function matchingSentences(doc: SearchDoc, terms: Set<string>): Hit['sentences'] {
  const out: Hit['sentences'] = [];
  doc.sentences.forEach((s, index) => {
    const highlights: Array<[number, number]> = [];
    for (const t of tokenizeWithOffsets(s.text)) if (terms.has(t.term)) highlights.push([s.start + t.start, s.start + t.end]);
    if (highlights.length) out.push({ index, highlights });
  });
  return out;
}
