/**
 * What every route returns, as zod schemas: the OpenAPI document's response schemas are generated
 * from them (openapi.ts), and the API tests validate real responses against that document with
 * additional properties refused, so the two cannot drift apart.
 */
import { z } from 'zod';

const date = z.string().describe('YYYY-MM-DD');
const nullableString = z.string().nullable();
const kind = z.enum(['call', 'video_call', 'meeting', 'statement', 'other']);
const speakerRef = z.string().nullable().describe('participant id, "joint" (both/all sides), or null (narration)');
const counts = z.record(z.string(), z.int());

export const participantSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: nullableString,
  country: nullableString,
});

const sourceSchema = z.strictObject({
  bucket: z.string(),
  key: z.string(),
  etag: nullableString,
  versionId: nullableString.optional(),
  sequencer: nullableString.optional(),
  size: z.int().optional(),
  uploadedAt: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});

/** A readout's metadata, as search results, statuses and comparisons show it. */
export const readoutMetaSchema = z.strictObject({
  id: z.string(),
  title: nullableString,
  publisher: nullableString,
  publishedDate: date.nullable(),
  eventDate: date.nullable(),
  kind,
  location: nullableString,
  participants: z.array(participantSchema),
  topics: z.array(z.string()),
  source: sourceSchema,
});

const clipped = { text: z.string(), truncated: z.literal(true).optional().describe('the text was cut short') };

export const statementSchema = z.strictObject({
  speaker: speakerRef,
  speakerName: nullableString,
  ...clipped,
  sentenceIndex: z.int(),
  start: z.int().describe('offset of the sentence in the readout text'),
  end: z.int(),
  highlights: z.array(z.tuple([z.int(), z.int()])).describe('[start, end) offsets of matched words'),
});

export const searchResponse = z.strictObject({
  query: z
    .strictObject({
      q: z.string().optional(),
      topic: z.array(z.string()),
      speaker: z.string().optional(),
      speakerCountry: z.string().optional(),
      participant: z.array(z.string()).optional(),
      country: z.string().optional(),
      publisher: z.string().optional(),
      kind: kind.optional(),
      from: date.optional(),
      to: date.optional(),
      sort: z.enum(['relevance', 'date']).optional(),
      limit: z.int(),
      facetSize: z.int(),
      expansions: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .describe('query words that matched other vocabulary terms (prefixes, typos)'),
      related: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .describe(
          'query words for which related expressions from the thesaurus, or a country\'s other names, were searched too, with a lower weight ("truce": ["ceasefire", ...], "North Korea": ["DPRK"])',
        ),
    })
    .describe('the request as validated'),
  interpreted: z
    .strictObject({
      speaker: nullableString,
      speakerCountry: nullableString.describe(
        'a country named as the one speaking ("what did China say"): statements by anyone speaking for it',
      ),
      participants: z
        .array(z.string())
        .describe('people the question names as the parties to a conversation: all must have taken part'),
      from: date.nullable(),
      to: date.nullable(),
      kind: kind.nullable(),
      kinds: z
        .array(kind)
        .describe(
          'the readout kinds the interpreted kind finds: "calls" are phone and video calls, "phone calls" phone calls',
        ),
      publisher: nullableString,
      topics: z.array(z.string()),
      countries: z.array(z.string()),
      terms: z.string(),
      relaxed: z
        .array(z.enum(['speaker', 'speakerCountry', 'participants', 'kind', 'publisher']))
        .optional()
        .describe(
          'interpreted filters that were dropped because with them nothing matched (the results are those without them)',
        ),
    })
    .optional()
    .describe(
      'What the question in q was read as (absent with interpret=false or without q). speaker, speakerCountry, participants, from, to, kind and publisher were applied as filters (null when not found, or set explicitly; listed in relaxed when they left nothing and were dropped); topics and countries only describe the words; terms is what was searched for as words.',
    ),
  total: z.int(),
  offset: z.int(),
  results: z.array(
    z.strictObject({
      readout: readoutMetaSchema,
      score: z.number(),
      summary: z.strictObject({
        text: z.string().describe('up to three lines, one per speaker'),
        statements: z.array(statementSchema),
        bySpeaker: z.record(z.string(), z.array(z.int())).describe('sentence indices of the statements, per speaker'),
      }),
    }),
  ),
  facets: z
    .strictObject({ topics: counts, speakers: counts, publishers: counts, years: counts, kinds: counts })
    .describe('per facet, its facetSize most frequent values among all hits, most frequent first'),
  facetValues: z
    .partialRecord(z.enum(['topics', 'speakers', 'publishers', 'years', 'kinds']), z.int())
    .optional()
    .describe('for each facet that has more values than facets lists: how many distinct values it has'),
  facetsSampled: z.literal(true).optional().describe('facets were counted on an even sample of the hits and scaled'),
  nextCursor: nullableString,
  indexVersion: z.int(),
  tookMs: z.number(),
});

const sentenceSchema = z.strictObject({
  index: z.int(),
  ...clipped,
  start: z.int(),
  end: z.int(),
  speaker: speakerRef,
  attribution: z
    .strictObject({
      rule: z.string().describe('the attribution rule that decided the speaker (shared/readout/attribution-rules.ts)'),
      cue: z
        .strictObject({ start: z.int(), end: z.int() })
        .optional()
        .describe(
          'the words that decided the rule, as offsets into `text` like the sentence’s start/end; absent when the speaker carries over from an earlier sentence',
        ),
    })
    .optional(),
  topics: z.array(z.string()),
});

export const readoutResponse = z.strictObject({
  ...readoutMetaSchema.shape,
  participants: z.array(participantSchema.extend({ aliases: z.array(z.string()) })),
  requestedBy: nullableString,
  publishedDateSource: z
    .enum(['metadata', 'document', 'title', 'upload'])
    .nullable()
    .optional()
    .describe('where publishedDate came from'),
  format: z.enum(['txt', 'md', 'html']),
  parserVersion: z.int(),
  indexed: z.boolean().describe('this version of the readout is searchable'),
  counterparts: z
    .array(
      z.strictObject({ id: z.string(), title: nullableString, publisher: nullableString, eventDate: date.nullable() }),
    )
    .describe('likely other accounts of the same event'),
  sentences: z.array(sentenceSchema),
  sentenceCount: z.int(),
  sentenceOffset: z.int(),
  nextSentenceOffset: z.int().optional(),
  text: z.string(),
  textTruncated: z.literal(true).optional(),
});

export const readoutStatusResponse = z.strictObject({
  key: z.string(),
  status: z.enum(['pending', 'indexed', 'rejected', 'deleted', 'failed', 'ignored']),
  readoutId: z.string().optional(),
  previousReadoutId: z.string().nullable().optional().describe('the readout this key held before the rejected upload'),
  code: z.string().optional().describe('why it was rejected (TOO_LARGE, NO_SENTENCES, ...)'),
  reason: z.string().optional(),
  updatedAt: z.string().optional(),
  failures: z.int().optional(),
  lastError: z.string().optional(),
  lastErrorAt: z.string().optional(),
  note: z.string().optional(),
  readout: readoutMetaSchema.optional(),
});

export const topicsResponse = z.strictObject({
  total: z.int(),
  topics: z.array(
    z.strictObject({
      id: z.string(),
      label: z.string(),
      kind: z.string(),
      aliases: z.array(z.string()),
      readouts: z.int(),
      statements: z.int(),
    }),
  ),
});

const citation = {
  readoutId: z.string(),
  sentenceIndex: z.int(),
  date: date.nullable(),
  title: nullableString,
  publisher: nullableString,
  start: z.int(),
  end: z.int(),
};

export const digestResponse = z.strictObject({
  topic: z.array(z.string()),
  speaker: nullableString,
  speakerCountry: nullableString,
  from: date.nullable(),
  to: date.nullable(),
  readouts: z.int(),
  speakers: z.array(
    z.strictObject({
      speaker: z.string(),
      speakerName: z.string(),
      total: z.int(),
      statements: z.array(z.strictObject({ ...citation, ...clipped, repeatedIn: z.array(z.strictObject(citation)) })),
    }),
  ),
  tookMs: z.number(),
});

const compared = z.strictObject({
  sentenceIndex: z.int(),
  ...clipped,
  speaker: speakerRef,
  topics: z.array(z.string()),
});

export const compareResponse = z.strictObject({
  a: readoutMetaSchema,
  b: readoutMetaSchema,
  notCompared: z.strictObject({ a: z.int(), b: z.int() }).optional(),
  aligned: z.array(z.strictObject({ a: compared, b: compared, similarity: z.number() })),
  onlyInA: z.array(compared),
  onlyInB: z.array(compared),
  topics: z.strictObject({ both: z.array(z.string()), onlyInA: z.array(z.string()), onlyInB: z.array(z.string()) }),
  sharedParticipants: z.array(z.string()),
});

export const healthResponse = z.strictObject({
  ok: z.boolean(),
  indexVersion: z.int(),
  readouts: z.int(),
  indexLoaded: z
    .boolean()
    .describe(
      'The whole index is in memory (false while the base streams in after a cold start; search works meanwhile)',
    ),
});

export const uploadResponse = z.strictObject({
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  key: z.string(),
  maxBytes: z.int(),
  expiresAt: z.string(),
  status: z.string().describe('GET this to follow the upload through ingestion'),
});

export const errorResponse = z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string() }),
});
