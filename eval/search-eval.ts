/**
 * Search quality on the analyst queries in ../shared/corpus/qrels.json, through the real HTTP API of
 * a local stack (bundled handlers, DynamoDB Local, s3rver) loaded with the whole corpus.
 */
import { readFileSync } from 'node:fs';
import { readoutFiles } from '../shared/corpus-path.ts';
import { join, relative } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalStack } from '../local/runtime.ts';
import { s3For } from '../local/upload-files.ts';
import { readoutIdFor } from '../shared/pipeline/readout-id.ts';

interface Qrel {
  id: string;
  keywords: string;
  speaker: string | null;
  from: string | null;
  to: string | null;
  q: string;
  relevant: Array<{ doc: string; grade: number; evidence: Array<{ speaker: string; text: string }> }>;
}

export interface QueryScore {
  id: string;
  keywords: string;
  ndcg10: number;
  p10: number;
  recall50: number;
  evidence: number;
  evidenceTotal: number;
  total: number;
  tookMs: number;
}
export interface ModeEval {
  queries: QueryScore[];
  ndcg10: number;
  p10: number;
  recall50: number;
  evidenceRecall: number;
}
/**
 * Two modes over the same loaded stack: `keywords` — the keywords with the speaker and dates set
 * as filters, as an expert types them; `question` — the question as typed (`q` of qrels.json),
 * no filters, read by the query interpreter; and the same questions with interpretation off
 * (`interpret=false`), the baseline the interpreter is measured against. `questionReworded`: each
 * question reworded two ways (eval/reworded-questions.json, written for this repository), as typed
 * and interpreted, scored against the original question's judgements: one row per rewording.
 */
export interface SearchEval {
  keywords: ModeEval;
  question: ModeEval;
  questionUninterpreted: ModeEval;
  questionReworded: ModeEval;
  loadSeconds: number;
  readouts: number;
}

const norm = (s: string) =>
  s
    .replace(/\\([*_#])/g, '$1')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .trim()
    .toLowerCase();

function dcg(gains: number[]): number {
  return gains.reduce((a, g, i) => a + (2 ** g - 1) / Math.log2(i + 2), 0);
}

type SearchResponse = {
  total: number;
  tookMs: number;
  results: Array<{ readout: { id: string }; summary: { statements: Array<{ text: string }> } }>;
};

/** nDCG@10, P@10, Recall@50 and evidence (the judged evidence sentences found in the summaries) of one answer. */
function scoreQuery(q: Qrel, res: SearchResponse, idOf: (doc: string) => string): QueryScore {
  const grade = new Map(q.relevant.map((r) => [idOf(r.doc), r.grade]));
  const ranked = res.results.map((r) => r.readout.id);
  const gains = ranked.slice(0, 10).map((id) => grade.get(id) ?? 0);
  const ideal = [...grade.values()].sort((a, b) => b - a).slice(0, 10);
  const found = ranked.filter((id) => grade.has(id)).length;
  let evidence = 0;
  let evidenceTotal = 0;
  for (const rel of q.relevant) {
    const hit = res.results.find((r) => r.readout.id === idOf(rel.doc));
    if (!hit) continue;
    const said = hit.summary.statements.map((s) => norm(s.text));
    for (const e of rel.evidence) {
      evidenceTotal++;
      const t = norm(e.text);
      if (said.some((s) => s.includes(t.slice(0, 120)) || t.includes(s))) evidence++;
    }
  }
  return {
    id: q.id,
    keywords: q.keywords,
    ndcg10: ideal.length ? dcg(gains) / dcg(ideal) : 1,
    p10: gains.filter((g) => g > 0).length / 10,
    recall50: q.relevant.length ? found / q.relevant.length : 1,
    evidence,
    evidenceTotal,
    total: res.total ?? 0,
    tookMs: res.tookMs ?? 0,
  };
}

export async function evaluateSearch(
  corpusDir: string,
  log: (s: string) => void = () => undefined,
): Promise<SearchEval> {
  const qrels = JSON.parse(readFileSync(join(corpusDir, 'qrels.json'), 'utf8')) as { queries: Qrel[] };
  const stack = await startLocalStack({
    apiPort: 0,
    s3Port: 0,
    dynamoPort: 0,
    dataDir: null,
    indexPollMs: 200,
    queue: { retryDelayMs: 200 },
  });
  try {
    const s3 = s3For(stack.s3Endpoint);
    const files = readoutFiles(corpusDir);
    const started = Date.now();
    for (const f of files) {
      await s3.send(
        new PutObjectCommand({
          Bucket: stack.inboxBucket,
          Key: `${stack.prefix}${relative(corpusDir, f)}`,
          Body: readFileSync(f),
        }),
      );
    }
    log(`uploaded ${files.length} readouts; waiting for ingestion and indexing...`);
    let readouts = 0;
    for (let stable = 0; Date.now() - started < 600_000; ) {
      await new Promise((r) => setTimeout(r, 1000));
      const h = (await (await fetch(`${stack.apiUrl}/health`)).json()) as { readouts: number };
      stable = h.readouts === readouts && stack.ingestQueue.depth === 0 ? stable + 1 : 0;
      readouts = h.readouts;
      if (stable >= 3 || readouts >= files.length) break;
    }
    const loadSeconds = (Date.now() - started) / 1000;
    log(`${readouts} readouts searchable after ${loadSeconds.toFixed(1)} s`);

    const idOf = (doc: string) => readoutIdFor(stack.inboxBucket, `${stack.prefix}${doc}`);
    const reworded = (
      JSON.parse(readFileSync(new URL('./reworded-questions.json', import.meta.url), 'utf8')) as {
        questions: Record<string, string[]>;
      }
    ).questions;
    const runMode = async (mode: keyof SearchEval & `${'keywords' | 'question'}${string}`): Promise<ModeEval> => {
      const scores: QueryScore[] = [];
      const asked =
        mode === 'questionReworded'
          ? qrels.queries.flatMap((q) => (reworded[q.id] ?? []).map((text) => ({ q, text })))
          : qrels.queries.map((q) => ({ q, text: mode === 'keywords' ? q.keywords : q.q }));
      for (const { q, text } of asked) {
        const params = new URLSearchParams({ q: text, limit: '50' });
        if (mode === 'questionUninterpreted') params.set('interpret', 'false');
        if (mode === 'keywords') {
          if (q.speaker) params.set('speaker', q.speaker);
          if (q.from) params.set('from', q.from);
          if (q.to) params.set('to', q.to);
        }
        const res = (await (await fetch(`${stack.apiUrl}/search?${params}`)).json()) as {
          total: number;
          tookMs: number;
          results: Array<{ readout: { id: string }; summary: { statements: Array<{ text: string }> } }>;
        };
        scores.push({ ...scoreQuery(q, res, idOf), ...(mode === 'questionReworded' ? { keywords: text } : {}) });
      }
      const mean = (f: (s: QueryScore) => number) => scores.reduce((a, s) => a + f(s), 0) / scores.length;
      const ev =
        scores.reduce((a, s) => a + s.evidence, 0) /
        Math.max(
          1,
          scores.reduce((a, s) => a + s.evidenceTotal, 0),
        );
      return {
        queries: scores,
        ndcg10: mean((s) => s.ndcg10),
        p10: mean((s) => s.p10),
        recall50: mean((s) => s.recall50),
        evidenceRecall: ev,
      };
    };
    return {
      keywords: await runMode('keywords'),
      question: await runMode('question'),
      questionUninterpreted: await runMode('questionUninterpreted'),
      questionReworded: await runMode('questionReworded'),
      loadSeconds,
      readouts,
    };
  } finally {
    await stack.stop();
  }
}
