/**
 * The HTTP API as plain functions: (request, deps) → JSON body. The search handler only adapts
 * API Gateway events to these; the local HTTP server and the tests use the very same code path.
 */
import type { IndexReader } from '../pipeline/index-reader.ts';
import type { SearchDoc } from '../search/search-doc.ts';
import type { ReadoutIndex, Hit } from '../search/readout-index.ts';
import { buildDigest } from '../search/digest.ts';
import { compareReadouts, counterparts } from '../search/compare.ts';
import { topicCounts } from '../search/topic-stats.ts';
import { topicVocabulary } from '../readout/topics.ts';
import { polityOf } from '../readout/countries.ts';
import { speakingFor } from '../search/segment.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { ReadoutTable } from '../store/readout-table.ts';
import { badRequest, HttpError, notFound } from './http-error.ts';
import {
  compareQuery,
  digestQuery,
  parseOrThrow,
  readoutByKeyQuery,
  readoutIdParam,
  readoutPageQuery,
  searchQuery,
  topicsQuery,
} from './schemas.ts';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor.ts';
import { openApiDocument } from './openapi.ts';
import { decodePathSegment } from './query-string.ts';
import { interpretQuery } from '../search/interpret-query.ts';
import { clipText, RESPONSE_LIMITS } from './response-limits.ts';
import { DEFAULTS } from '../defaults.ts';

export interface ApiDeps {
  table: ReadoutTable;
  reader: IndexReader;
  objects: ObjectStore;
  inboxBucket: string;
  cursorSecret: string;
  /** Keys outside it are never ingested. @default DEFAULTS.uploadPrefix */
  uploadPrefix?: string;
}
export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
}
export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Routes other than search read whole readouts: they wait until the index is fully in memory. */
async function wholeIndex(deps: ApiDeps): Promise<ReadoutIndex> {
  const index = await deps.reader.current();
  await index.complete();
  return index;
}

export function readoutMetadata(d: SearchDoc) {
  return {
    id: d.id,
    title: d.title,
    publisher: d.publisher,
    publishedDate: d.publishedDate,
    eventDate: d.eventDate,
    kind: d.kind,
    location: d.location,
    participants: d.participants,
    topics: d.topics,
    source: d.source,
  };
}

/** "vaccines,covid" → ["covid-19"]; an unknown topic is a 400 naming it. */
function resolveTopics(raw: string | undefined): string[] {
  if (!raw) return [];
  const out = new Set<string>();
  for (const name of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const id = topicVocabulary.resolve(name);
    if (!id) throw badRequest(`unknown topic "${name}" (GET /topics lists them)`, 'UNKNOWN_TOPIC');
    out.add(id);
  }
  return [...out];
}

const speakerName = (d: SearchDoc, id: string | null) =>
  id === 'joint' ? 'joint' : id ? (d.participants.find((p) => p.id === id)?.name ?? id) : null;

function summarise(h: Hit) {
  const statements = h.statements.map((s) => {
    const sent = h.doc.sentences[s.sentenceIndex]!;
    const clipped = clipText(sent.text);
    // Highlights beyond a cut are dropped with the text they pointed into.
    const highlights = clipped.truncated
      ? s.highlights.filter(([, e]) => e <= RESPONSE_LIMITS.statementChars)
      : s.highlights;
    return {
      speaker: sent.speaker,
      speakerName: speakerName(h.doc, sent.speaker),
      ...clipped,
      sentenceIndex: s.sentenceIndex,
      start: sent.start,
      end: sent.end,
      highlights,
    };
  });
  // Short text: per speaker, their best statement, in order of appearance.
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const s of [...h.statements].sort((a, b) => b.score - a.score)) {
    const sent = h.doc.sentences[s.sentenceIndex]!;
    const key = String(sent.speaker);
    if (seen.has(key) || lines.length >= 3) continue;
    seen.add(key);
    const who = speakerName(h.doc, sent.speaker);
    lines.push(
      `${who && who !== 'joint' ? `${who}: ` : who === 'joint' ? 'Both sides: ' : ''}${clipText(sent.text).text}`,
    );
  }
  const bySpeaker: Record<string, number[]> = {};
  for (const s of statements) (bySpeaker[String(s.speaker)] ??= []).push(s.sentenceIndex);
  return { text: lines.join(' '), statements, bySpeaker };
}

async function search(req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const started = performance.now();
  const p = parseOrThrow(searchQuery, req.query);
  const topics = resolveTopics(p.topic);
  const participants = [
    ...new Set(
      (p.participant ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  // Each participant is a pass over the index's participants and readouts: a readout has a few.
  if (participants.length > MAX_PARTICIPANTS)
    throw badRequest(`at most ${MAX_PARTICIPANTS} participants (got ${participants.length})`, 'INVALID_REQUEST');
  if (
    !p.q &&
    !topics.length &&
    !p.speaker &&
    !p.speakerCountry &&
    !participants.length &&
    !p.country &&
    !p.publisher &&
    !p.kind &&
    !p.from &&
    !p.to
  ) {
    throw badRequest(
      'give a query q or at least one filter (topic, speaker, speakerCountry, participant, country, publisher, kind, from, to)',
      'INVALID_REQUEST',
    );
  }
  // Explicitly or in the question, one speaker at most: a person, or whoever speaks for a country.
  const explicitSpeaker = speakerOf(p);
  const speakerSet = explicitSpeaker !== undefined;
  const fingerprint = queryFingerprint({
    ...p,
    topic: topics.join(','),
    participant: participants.join(',') || undefined,
  });
  const offset = p.cursor ? decodeCursor(deps.cursorSecret, p.cursor, fingerprint) : 0;
  const index = await deps.reader.current();
  // The question as typed: named speakers, parties, dates, kinds and publishers become filters unless set explicitly.
  const interpreted =
    p.q && p.interpret !== 'false'
      ? interpretQuery(p.q, {
          isSpeaker: (n) => index.knowsSpeaker(n),
          today: new Date().toISOString().slice(0, 10),
        })
      : null;
  // Words that were all question words ("what about?") are searched as typed rather than dropped.
  const interpretedFilter =
    !!interpreted &&
    !!(
      interpreted.speaker ||
      interpreted.speakerCountry ||
      interpreted.participants.length ||
      interpreted.from ||
      interpreted.to ||
      interpreted.kind ||
      interpreted.publisher
    );
  const q = interpreted ? interpreted.terms || (interpretedFilter ? undefined : p.q) : p.q;
  const speaker = speakerSet
    ? explicitSpeaker
    : (interpreted?.speaker ?? speakerOf({ speakerCountry: interpreted?.speakerCountry ?? undefined }));
  // The parties a question names join those set explicitly (all must take part).
  const withInterpreted = [...new Set([...participants, ...(interpreted?.participants ?? [])])];
  const from = p.from ?? interpreted?.from ?? undefined;
  const to = p.to ?? interpreted?.to ?? undefined;
  const kind = p.kind ?? (interpreted?.kind ? interpreted.kinds : undefined);
  const publisher = p.publisher ?? interpreted?.publisher ?? undefined;
  if (from && to && from > to)
    throw badRequest(`the question's period ends before it starts (${from} to ${to})`, 'INVALID_REQUEST');
  const request = {
    q,
    topics,
    speaker,
    participants: withInterpreted.length ? withInterpreted : undefined,
    country: p.country,
    publisher,
    kind,
    from,
    to,
    sort: p.sort,
    offset,
    limit: p.limit,
    facetSize: p.facetSize,
  };
  let r = await index.searchAsync(request);
  // A speaker, kind or publisher read from the question that leaves nothing is dropped rather than
  // answered with an empty page (the readouts may attribute the words to nobody, or call a call a
  // meeting); `interpreted.relaxed` says which. Dates and explicit parameters are never relaxed.
  // One at a time, the likeliest to be wrong first (a second party, then the kind, the source, the
  // speaker), keeping every filter that still leaves something.
  const relaxable = interpreted
    ? [
        ...(interpreted.participants.length ? (['participants'] as const) : []),
        ...(['kind', 'publisher'] as const).filter((f) => interpreted[f] && !p[f]),
        ...(['speaker', 'speakerCountry'] as const).filter((f) => interpreted[f] && !speakerSet),
      ]
    : [];
  let relaxed: string[] | undefined;
  for (let k = 1; !r.total && k <= relaxable.length; k++) {
    const dropped = relaxable.slice(0, k);
    const wider = await index.searchAsync({
      ...request,
      ...Object.fromEntries(dropped.map((f) => [f === 'speakerCountry' ? 'speaker' : f, undefined])),
      ...(dropped.includes('participants') && participants.length ? { participants } : {}),
    });
    if (wider.total) [r, relaxed] = [wider, [...dropped]];
  }
  const results = r.hits.map((h) => ({ readout: readoutMetadata(h.doc), score: h.score, summary: summarise(h) }));
  const next = offset + p.limit < r.total ? encodeCursor(deps.cursorSecret, offset + p.limit, fingerprint) : null;
  return {
    status: 200,
    body: {
      query: {
        ...p,
        topic: topics,
        participant: participants.length ? participants : undefined,
        cursor: undefined,
        interpret: undefined,
        expansions: Object.keys(r.expansions).length ? r.expansions : undefined,
        related: Object.keys(r.related).length ? r.related : undefined,
      },
      ...(interpreted
        ? {
            interpreted: {
              ...interpreted,
              speaker: speakerSet ? null : interpreted.speaker,
              speakerCountry: speakerSet ? null : interpreted.speakerCountry,
              from: p.from ? null : interpreted.from,
              to: p.to ? null : interpreted.to,
              kind: p.kind ? null : interpreted.kind,
              kinds: p.kind ? [] : interpreted.kinds,
              publisher: p.publisher ? null : interpreted.publisher,
              ...(relaxed ? { relaxed } : {}),
            },
          }
        : {}),
      total: r.total,
      offset,
      results,
      facets: r.facets,
      ...(Object.keys(r.facetValues).length ? { facetValues: r.facetValues } : {}),
      ...(r.facetsSampled ? { facetsSampled: true } : {}),
      nextCursor: next,
      indexVersion: index.version,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    },
  };
}

async function readoutById(id: string, req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  parseOrThrow(readoutIdParam, id);
  const page = parseOrThrow(readoutPageQuery, req.query);
  const r = await deps.table.getReadout(id);
  if (!r) throw notFound(`no readout with id ${id}`);
  const { sequencer, text, parserVersion, format, sentences, ...record } = r;
  const index = await wholeIndex(deps);
  const doc = index.get(id);
  // Long readouts come in pages of sentences; each sentence and the text are cut to a size a
  // response can carry (offsets still point into the whole text).
  const shown = sentences
    .slice(page.sentenceOffset, page.sentenceOffset + page.sentenceLimit)
    .map((s) => ({ ...s, ...clipText(s.text) }));
  const nextOffset = page.sentenceOffset + shown.length;
  const clippedText = clipText(text, RESPONSE_LIMITS.recordTextChars);
  return {
    status: 200,
    body: {
      ...record,
      format,
      parserVersion,
      indexed: doc?.version === sequencer,
      counterparts: doc
        ? counterparts(index, doc).map((d) => ({
            id: d.id,
            title: d.title,
            publisher: d.publisher,
            eventDate: d.eventDate,
          }))
        : [],
      sentences: shown,
      sentenceCount: sentences.length,
      sentenceOffset: page.sentenceOffset,
      ...(nextOffset < sentences.length ? { nextSentenceOffset: nextOffset } : {}),
      text: clippedText.text,
      ...(clippedText.truncated ? { textTruncated: true } : {}),
    },
  };
}

async function readoutByKey(req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const { key } = parseOrThrow(readoutByKeyQuery, req.query);
  const prefix = deps.uploadPrefix ?? DEFAULTS.uploadPrefix;
  const status = await deps.table.getStatus(key);
  const index = await wholeIndex(deps);
  if (!status) {
    const head = await deps.objects.head(deps.inboxBucket, key);
    if (!head) throw notFound(`no object and no ingestion record for key "${key}"`);
    if (!key.startsWith(prefix))
      return {
        status: 200,
        body: { key, status: 'ignored', reason: `only keys under ${prefix} are ingested; upload it there` },
      };
    return { status: 200, body: { key, status: 'pending', reason: 'uploaded, not yet ingested' } };
  }
  if (status.status === 'deleted')
    return { status: 200, body: { key, status: 'deleted', updatedAt: status.updatedAt } };
  if (status.status === 'failed') {
    return {
      status: 200,
      body: {
        key,
        status: 'failed',
        reason: status.lastError,
        failures: status.failures,
        lastErrorAt: status.lastErrorAt,
        note: 'processing failed; it is retried, then parked in the dead-letter queue',
      },
    };
  }
  if (status.status === 'rejected') {
    return {
      status: 200,
      body: {
        key,
        status: 'rejected',
        code: status.code,
        reason: status.reason,
        previousReadoutId: status.readoutId,
        updatedAt: status.updatedAt,
      },
    };
  }
  const doc = status.readoutId ? index.get(status.readoutId) : undefined;
  const indexed = !!doc && doc.version === status.sequencer;
  return {
    status: 200,
    body: {
      key,
      status: indexed ? 'indexed' : 'pending',
      readoutId: status.readoutId,
      updatedAt: status.updatedAt,
      ...(status.lastError ? { lastError: status.lastError, lastErrorAt: status.lastErrorAt } : {}),
      ...(indexed ? { readout: readoutMetadata(doc) } : { reason: 'ingested, waiting for the index to publish it' }),
    },
  };
}

const MAX_PARTICIPANTS = 10;

/**
 * The speaker a request names: a person (`speaker`), or whoever speaks for a country
 * (`speakerCountry`, as the engine's speakingFor query); both at once is a 400.
 */
function speakerOf(p: { speaker?: string; speakerCountry?: string }): string | undefined {
  if (p.speaker && p.speakerCountry)
    throw badRequest('give speaker or speakerCountry, not both (each names who is speaking)', 'INVALID_REQUEST');
  return p.speaker ?? (p.speakerCountry ? speakingFor(polityOf(p.speakerCountry) ?? p.speakerCountry) : undefined);
}

async function topics(req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const p = parseOrThrow(topicsQuery, req.query);
  const index = await wholeIndex(deps);
  const list = topicCounts(index, { speaker: speakerOf(p), from: p.from, to: p.to, kind: p.kind });
  return { status: 200, body: { total: list.length, topics: list } };
}

async function digest(req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const started = performance.now();
  const p = parseOrThrow(digestQuery, req.query);
  const topicIds = resolveTopics(p.topic);
  const index = await wholeIndex(deps);
  const d = buildDigest(index, { topics: topicIds, speaker: speakerOf(p), from: p.from, to: p.to, limit: p.limit });
  return {
    status: 200,
    body: {
      topic: topicIds,
      speaker: p.speaker ?? null,
      speakerCountry: p.speakerCountry ?? null,
      from: p.from ?? null,
      to: p.to ?? null,
      readouts: d.readouts,
      speakers: d.speakers,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    },
  };
}

function docOr404(index: ReadoutIndex, id: string): SearchDoc {
  const d = index.get(id);
  if (!d) throw notFound(`no indexed readout with id ${id}`);
  return d;
}

async function compare(req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const p = parseOrThrow(compareQuery, req.query);
  const index = await wholeIndex(deps);
  const a = docOr404(index, p.a);
  const b = docOr404(index, p.b);
  const c = compareReadouts(a, b);
  return { status: 200, body: { a: readoutMetadata(a), b: readoutMetadata(b), ...c } };
}

export async function route(req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  if (req.method !== 'GET')
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported on ${req.path}`);
  switch (req.path) {
    case '/health': {
      const index = await deps.reader.current();
      return {
        status: 200,
        body: { ok: true, indexVersion: index.version, readouts: index.size, indexLoaded: index.isComplete },
      };
    }
    case '/search':
      return search(req, deps);
    case '/readouts':
      return readoutByKey(req, deps);
    case '/topics':
      return topics(req, deps);
    case '/digest':
      return digest(req, deps);
    case '/compare':
      return compare(req, deps);
    case '/openapi.json':
      return { status: 200, body: openApiDocument() };
  }
  const m = /^\/readouts\/([^/]+)$/.exec(req.path);
  if (m) return readoutById(decodePathSegment(m[1]!), req, deps);
  throw notFound(`no route for ${req.method} ${req.path}`);
}

export { ROUTES } from './route-list.ts';
