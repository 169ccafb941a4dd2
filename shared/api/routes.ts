/**
 * The HTTP API as plain functions: (request, deps) → JSON body. The search handler only adapts
 * API Gateway events to these; the local HTTP server and the tests use the very same code path.
 */
import type { IndexReader } from '../pipeline/index-reader.ts';
import type { SearchDoc } from '../search/search-doc.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { ReadoutTable } from '../store/readout-table.ts';
import { HttpError, notFound } from './http-error.ts';
import { parseOrThrow, readoutByKeyQuery, readoutIdParam, searchQuery } from './schemas.ts';

export interface ApiDeps { table: ReadoutTable; reader: IndexReader; objects: ObjectStore; inboxBucket: string }
export interface ApiRequest { method: string; path: string; query: Record<string, string | undefined> }
export interface ApiResponse { status: number; body: unknown; headers?: Record<string, string> }

export function readoutMetadata(d: SearchDoc) {
  return {
    id: d.id, title: d.title, publisher: d.publisher, publishedDate: d.publishedDate, eventDate: d.eventDate,
    kind: d.kind, location: d.location, participants: d.participants, topics: d.topics, source: d.source,
  };
}

async function search(req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const started = performance.now();
  const { q, limit } = parseOrThrow(searchQuery, req.query);
  const index = await deps.reader.current();
  const { total, hits } = index.search(q, limit);
  const results = hits.map((h) => {
    const names = new Map(h.doc.participants.map((p) => [p.id, p.name]));
    const statements = h.sentences.slice(0, 8).map(({ index: i, highlights }) => {
      const s = h.doc.sentences[i]!;
      return {
        speaker: s.speaker, speakerName: s.speaker === 'joint' ? 'joint' : s.speaker ? names.get(s.speaker) ?? s.speaker : null,
        text: s.text, sentenceIndex: i, start: s.start, end: s.end, highlights,
      };
    });
    return {
      readout: readoutMetadata(h.doc),
      score: h.score,
      summary: { text: statements.slice(0, 3).map((s) => (s.speakerName && s.speakerName !== 'joint' ? `${s.speakerName}: ${s.text}` : s.text)).join(' '), statements },
    };
  });
  return { status: 200, body: { query: q, total, results, indexVersion: index.version, tookMs: Math.round((performance.now() - started) * 100) / 100 } };
}

async function readoutById(id: string, deps: ApiDeps): Promise<ApiResponse> {
  parseOrThrow(readoutIdParam, id);
  const r = await deps.table.getReadout(id);
  if (!r) throw notFound(`no readout with id ${id}`);
  const { sequencer, text, parserVersion, format, ...record } = r;
  const index = await deps.reader.current();
  return { status: 200, body: { ...record, format, parserVersion, indexed: index.get(id)?.version === sequencer, text } };
}

async function readoutByKey(req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const { key } = parseOrThrow(readoutByKeyQuery, req.query);
  const status = await deps.table.getStatus(key);
  const index = await deps.reader.current();
  if (!status) {
    const head = await deps.objects.head(deps.inboxBucket, key);
    if (!head) throw notFound(`no object and no ingestion record for key "${key}"`);
    return { status: 200, body: { key, status: 'pending', reason: 'uploaded, not yet ingested' } };
  }
  if (status.status === 'deleted') return { status: 200, body: { key, status: 'deleted', updatedAt: status.updatedAt } };
  if (status.status === 'rejected') {
    return { status: 200, body: { key, status: 'rejected', code: status.code, reason: status.reason, previousReadoutId: status.readoutId, updatedAt: status.updatedAt } };
  }
  const doc = status.readoutId ? index.get(status.readoutId) : undefined;
  const indexed = !!doc && doc.version === status.sequencer;
  return {
    status: 200,
    body: {
      key, status: indexed ? 'indexed' : 'pending', readoutId: status.readoutId, updatedAt: status.updatedAt,
      ...(indexed ? { readout: readoutMetadata(doc) } : { reason: 'ingested, waiting for the index to publish it' }),
    },
  };
}

export async function route(req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  if (req.method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported on ${req.path}`);
  if (req.path === '/health') {
    const index = await deps.reader.current();
    return { status: 200, body: { ok: true, indexVersion: index.version, readouts: index.size } };
  }
  if (req.path === '/search') return search(req, deps);
  if (req.path === '/readouts') return readoutByKey(req, deps);
  const m = /^\/readouts\/([^/]+)$/.exec(req.path);
  if (m) return readoutById(decodeURIComponent(m[1]!), deps);
  throw notFound(`no route for ${req.method} ${req.path}`);
}
