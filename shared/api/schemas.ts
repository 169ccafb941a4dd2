/**
 * Request schemas (zod): the single source for validation and for the OpenAPI document
 * (shared/api/openapi.ts turns these very objects into parameters).
 */
import { DEFAULT_FACET_SIZE } from '../search/facets.ts';
import { z } from 'zod';
import { badRequest } from './http-error.ts';
import { RESPONSE_LIMITS } from './response-limits.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a calendar date',
  )
  .refine((s) => s >= '1900-01-01' && s <= '2100-12-31', 'dates must lie between 1900-01-01 and 2100-12-31');

const dateRange = {
  from: isoDate.optional().describe('Earliest event date, inclusive (YYYY-MM-DD)'),
  to: isoDate.optional().describe('Latest event date, inclusive (YYYY-MM-DD)'),
};
const speaker = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .optional()
  .describe('Participant id (putin) or name (Vladimir Putin): only statements that speaker made count');
const speakerCountry = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .optional()
  .describe(
    'Only statements by participants speaking for this country (Russia, China): its leaders, ministers, envoys; not with speaker',
  );
const participantList = z
  .string()
  .max(300)
  .optional()
  .describe(
    'Participant id (putin) or name (Emmanuel Macron) who took part, whoever is quoted; repeat or comma-separate for several: all must have taken part',
  );
const topicList = z
  .string()
  .max(500)
  .optional()
  .describe('Topic id or alias (vaccines, covid-19); repeat or comma-separate for several: all must apply');
/** Integer query parameters, for the OpenAPI document: a query string is text, the value an integer. */
export const INTEGER_PARAMETERS = new WeakMap<
  z.ZodType,
  { minimum: number; maximum: number; default: number; description?: string }
>();

/** A whole decimal number within bounds: "0x10", "1e1", " 16" and "16.0" are refused, not coerced. */
function intParam(name: string, min: number, max: number, dflt: number, description?: string) {
  const schema = z
    .string()
    .regex(/^\d{1,7}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))
    .default(dflt);
  INTEGER_PARAMETERS.set(schema, {
    minimum: min,
    maximum: max,
    default: dflt,
    ...(description ? { description } : {}),
  });
  return schema;
}

const withDateOrder = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object(shape)
    .strict()
    .refine((v: { from?: string; to?: string }) => !v.from || !v.to || v.from <= v.to, {
      message: 'from must not be after to',
      path: ['from'],
    });

export const searchQuery = withDateOrder({
  q: z
    .string()
    .trim()
    .max(500, 'q is longer than 500 characters')
    .optional()
    .describe(
      'Free text: words (more matching words rank higher), "quoted phrases" (must appear), -exclusions, OR, prefix*; typo tolerant, plural-insensitive',
    ),
  topic: topicList,
  speaker,
  speakerCountry,
  participant: participantList,
  country: z.string().trim().min(2).max(60).optional().describe("A participant's country (Russia, United States)"),
  publisher: z.string().trim().min(2).max(80).optional().describe('White House, Kremlin, President of Ukraine, ...'),
  kind: z.enum(['call', 'video_call', 'meeting', 'statement', 'other']).optional(),
  ...dateRange,
  sort: z.enum(['relevance', 'date']).optional().describe('Default: relevance with a query, date without'),
  limit: intParam('limit', 1, 50, 10),
  facetSize: intParam(
    'facetSize',
    0,
    1000,
    DEFAULT_FACET_SIZE,
    'Values listed per facet, the most frequent first; a facet with more says how many it has in facetValues; 0 counts no facets',
  ),
  cursor: z
    .string()
    .max(400)
    .optional()
    .describe('nextCursor from the previous page (opaque, tamper-evident, bound to the query)'),
  interpret: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      'Read q as a question: the speaker (a person or a country), the parties to a conversation, dates, kinds and publishers it names become filters (default true; the response says what was interpreted)',
    ),
});

export const readoutByKeyQuery = z
  .object({
    // S3 keys are at most 1,024 bytes of UTF-8 (and the table's key, with its prefix, at most 2,048).
    key: z
      .string()
      .min(1, 'key must not be empty')
      .refine((k) => Buffer.byteLength(k, 'utf8') <= 1024, 'key is longer than 1,024 bytes (UTF-8), the S3 limit')
      .describe('S3 object key, e.g. readouts/2021-08-25_xi-putin-call.txt'),
  })
  .strict();

export const readoutPageQuery = z
  .object({
    sentenceOffset: intParam('sentenceOffset', 0, 9_999_999, 0),
    sentenceLimit: intParam('sentenceLimit', 1, RESPONSE_LIMITS.maxSentencePage, RESPONSE_LIMITS.sentencePage),
  })
  .strict();

export const readoutIdParam = z.string().regex(/^[0-9a-f]{16}$/, 'readout ids are 16 hexadecimal characters');

export const topicsQuery = withDateOrder({
  speaker,
  speakerCountry,
  ...dateRange,
  kind: z.enum(['all', 'issue', 'country']).default('all').describe('Which part of the vocabulary'),
});

export const digestQuery = withDateOrder({
  topic: topicList,
  speaker,
  speakerCountry,
  ...dateRange,
  limit: intParam('limit', 1, 200, 50),
}).refine(
  (v: { topic?: string; speaker?: string; speakerCountry?: string }) => !!v.topic || !!v.speaker || !!v.speakerCountry,
  {
    message: 'give a topic, a speaker, or both (speakerCountry counts as a speaker)',
    path: ['topic'],
  },
);

export const compareQuery = z
  .object({
    a: z
      .string()
      .regex(/^[0-9a-f]{16}$/, 'a: readout ids are 16 hexadecimal characters')
      .describe('A readout id'),
    b: z
      .string()
      .regex(/^[0-9a-f]{16}$/, 'b: readout ids are 16 hexadecimal characters')
      .describe("Another readout id (e.g. the other government's account)"),
  })
  .strict()
  .refine((v) => v.a !== v.b, { message: 'a and b must be different readouts', path: ['b'] });

export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown parameter(s): ${(issue as { keys: string[] }).keys.join(', ')}`
      : `${where}${issue.message}`;
  throw badRequest(message, 'INVALID_REQUEST');
}
