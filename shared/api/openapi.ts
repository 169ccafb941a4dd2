/**
 * OpenAPI 3.1, generated from the zod schemas that validate requests (one source of truth):
 * every query parameter below is the JSON Schema of the field that checks it.
 */
import { z } from 'zod';
import { uploadRequest } from './uploads.ts';
import {
  compareQuery,
  digestQuery,
  INTEGER_PARAMETERS,
  readoutByKeyQuery,
  readoutIdParam,
  readoutPageQuery,
  searchQuery,
  topicsQuery,
} from './schemas.ts';

type Shape = Record<string, z.ZodType>;

function parameters(shape: Shape) {
  return Object.entries(shape).map(([name, schema]) => {
    const integer = INTEGER_PARAMETERS.get(schema);
    const json = (
      integer ? { type: 'integer', ...integer } : z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })
    ) as Record<string, unknown>;
    const { $schema: _s, description, ...rest } = json;
    const optional = schema.safeParse(undefined).success;
    return {
      name,
      in: 'query',
      required: !optional,
      description,
      schema: rest,
      ...(name === 'topic' ? { style: 'form', explode: true } : {}),
    };
  });
}

const shapeOf = (s: unknown) => (s as { shape: Shape }).shape;

const participant = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role: { type: ['string', 'null'] },
    country: { type: ['string', 'null'] },
  },
  required: ['id', 'name'],
};
const source = {
  type: 'object',
  properties: { bucket: { type: 'string' }, key: { type: 'string' }, etag: { type: ['string', 'null'] } },
  required: ['bucket', 'key'],
};
const readoutMeta = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: ['string', 'null'] },
    publisher: { type: ['string', 'null'] },
    publishedDate: { type: ['string', 'null'], format: 'date' },
    eventDate: { type: ['string', 'null'], format: 'date' },
    kind: { enum: ['call', 'video_call', 'meeting', 'statement', 'other'] },
    location: { type: ['string', 'null'] },
    participants: { type: 'array', items: participant },
    topics: { type: 'array', items: { type: 'string' } },
    source,
  },
  required: ['id', 'kind', 'participants', 'topics', 'source'],
};
const speakerRef = {
  type: ['string', 'null'],
  description: 'participant id, "joint" (both/all sides), or null (narration)',
};
const statement = {
  type: 'object',
  properties: {
    speaker: speakerRef,
    speakerName: { type: ['string', 'null'] },
    text: { type: 'string' },
    sentenceIndex: { type: 'integer' },
    start: { type: 'integer' },
    end: { type: 'integer' },
    highlights: { type: 'array', items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 } },
  },
  required: ['speaker', 'text', 'sentenceIndex', 'start', 'end', 'highlights'],
};
const counts = { type: 'object', additionalProperties: { type: 'integer' } };
const error = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const errors = {
  400: json({ $ref: '#/components/schemas/Error' }, 'Invalid request'),
  404: json({ $ref: '#/components/schemas/Error' }, 'Not found'),
  500: json({ $ref: '#/components/schemas/Error' }, 'Server error'),
};

let cached: unknown;

export function openApiDocument(): unknown {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Readout Search API',
      version: '1.0.0',
      description:
        'Search and summarise diplomatic readouts: ranked, filtered search with speaker-attributed statements that cite their source sentences.',
    },
    security: [{ sigv4: [] }],
    components: {
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'AWS Signature Version 4 (IAM). Absent when deployed with -c apiAuth=none.',
        },
      },
      schemas: { Readout: readoutMeta, Statement: statement, Error: error },
    },
    paths: {
      '/search': {
        get: {
          summary: 'Ranked, filtered search with topic- and speaker-filtered summaries',
          parameters: parameters(shapeOf(searchQuery)),
          responses: {
            200: json({
              type: 'object',
              properties: {
                total: { type: 'integer' },
                offset: { type: 'integer' },
                nextCursor: { type: ['string', 'null'] },
                tookMs: { type: 'number' },
                indexVersion: { type: 'integer' },
                facets: {
                  type: 'object',
                  properties: { topics: counts, speakers: counts, publishers: counts, years: counts, kinds: counts },
                },
                interpreted: {
                  type: 'object',
                  description:
                    'What the question in q was read as (absent with interpret=false or without q). speaker, from, to and kind were applied as filters (null when not found, or set explicitly); topics only describe the words; terms is what was searched for as words.',
                  properties: {
                    speaker: { type: ['string', 'null'] },
                    from: { type: ['string', 'null'], format: 'date' },
                    to: { type: ['string', 'null'], format: 'date' },
                    kind: { type: ['string', 'null'] },
                    topics: { type: 'array', items: { type: 'string' } },
                    terms: { type: 'string' },
                  },
                },
                results: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      readout: { $ref: '#/components/schemas/Readout' },
                      score: { type: 'number' },
                      summary: {
                        type: 'object',
                        properties: {
                          text: { type: 'string' },
                          statements: { type: 'array', items: { $ref: '#/components/schemas/Statement' } },
                        },
                      },
                    },
                  },
                },
              },
              required: ['total', 'results', 'facets', 'nextCursor', 'tookMs'],
            }),
            ...errors,
          },
        },
      },
      '/readouts/{id}': {
        get: {
          summary:
            'The full structured record of a readout, with likely counterpart readouts of the same event; sentences in pages',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: z.toJSONSchema(readoutIdParam) },
            ...parameters(shapeOf(readoutPageQuery)),
          ],
          responses: {
            200: json({
              allOf: [
                { $ref: '#/components/schemas/Readout' },
                {
                  type: 'object',
                  properties: {
                    requestedBy: { type: ['string', 'null'] },
                    text: { type: 'string' },
                    textTruncated: { type: 'boolean' },
                    publishedDateSource: {
                      enum: ['metadata', 'document', 'title', 'upload', null],
                      description: 'where publishedDate came from',
                    },
                    sentenceCount: { type: 'integer' },
                    sentenceOffset: { type: 'integer' },
                    nextSentenceOffset: { type: 'integer' },
                    sentences: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          index: { type: 'integer' },
                          text: { type: 'string' },
                          truncated: { type: 'boolean' },
                          start: { type: 'integer' },
                          end: { type: 'integer' },
                          speaker: speakerRef,
                          attribution: {
                            type: 'object',
                            properties: {
                              rule: {
                                type: 'string',
                                description:
                                  'the attribution rule that decided the speaker (shared/readout/attribution-rules.ts)',
                              },
                              cue: {
                                type: 'object',
                                description:
                                  'the words that decided the rule, as offsets into `text` like the sentence’s start/end; absent when the speaker carries over from an earlier sentence',
                                properties: { start: { type: 'integer' }, end: { type: 'integer' } },
                                required: ['start', 'end'],
                              },
                            },
                          },
                          topics: { type: 'array', items: { type: 'string' } },
                        },
                      },
                    },
                    counterparts: { type: 'array', items: { type: 'object' } },
                  },
                },
              ],
            }),
            ...errors,
          },
        },
      },
      '/readouts': {
        get: {
          summary:
            'The readout ingested from an S3 object, or its ingestion status (pending, indexed, rejected with the reason, deleted)',
          parameters: parameters(shapeOf(readoutByKeyQuery)),
          responses: {
            200: json({
              type: 'object',
              properties: {
                key: { type: 'string' },
                status: { enum: ['pending', 'indexed', 'rejected', 'deleted', 'failed'] },
                readoutId: { type: 'string' },
                code: { type: 'string' },
                reason: { type: 'string' },
                readout: { $ref: '#/components/schemas/Readout' },
              },
              required: ['key', 'status'],
            }),
            ...errors,
          },
        },
      },
      '/topics': {
        get: {
          summary: 'The topic vocabulary with counts, filterable by date and speaker',
          parameters: parameters(shapeOf(topicsQuery)),
          responses: {
            200: json({
              type: 'object',
              properties: {
                total: { type: 'integer' },
                topics: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: { type: 'string' },
                      label: { type: 'string' },
                      kind: { type: 'string' },
                      aliases: { type: 'array', items: { type: 'string' } },
                      readouts: { type: 'integer' },
                      statements: { type: 'integer' },
                    },
                  },
                },
              },
            }),
            ...errors,
          },
        },
      },
      '/digest': {
        get: {
          summary:
            'What each speaker said on a topic over time, near-duplicates merged, every line citing its readout and sentence',
          parameters: parameters(shapeOf(digestQuery)),
          responses: {
            200: json({
              type: 'object',
              properties: {
                readouts: { type: 'integer' },
                speakers: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      speaker: { type: 'string' },
                      speakerName: { type: 'string' },
                      total: { type: 'integer' },
                      statements: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            text: { type: 'string' },
                            readoutId: { type: 'string' },
                            sentenceIndex: { type: 'integer' },
                            date: { type: ['string', 'null'] },
                            start: { type: 'integer' },
                            end: { type: 'integer' },
                            repeatedIn: { type: 'array', items: { type: 'object' } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            }),
            ...errors,
          },
        },
      },
      '/compare': {
        get: {
          summary: 'Two accounts of the same event: aligned statements, and what each reported that the other did not',
          parameters: parameters(shapeOf(compareQuery)),
          responses: {
            200: json({
              type: 'object',
              properties: {
                a: { $ref: '#/components/schemas/Readout' },
                b: { $ref: '#/components/schemas/Readout' },
                aligned: { type: 'array', items: { type: 'object' } },
                onlyInA: { type: 'array', items: { type: 'object' } },
                onlyInB: { type: 'array', items: { type: 'object' } },
                topics: { type: 'object' },
              },
            }),
            ...errors,
          },
        },
      },
      '/uploads': {
        post: {
          summary: 'A short-lived presigned POST to upload one readout (limited in size, key and content type)',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: (() => {
                  const { $schema: _s, ...rest } = z.toJSONSchema(uploadRequest, { io: 'input' }) as Record<
                    string,
                    unknown
                  >;
                  return rest;
                })(),
              },
            },
          },
          responses: {
            201: json(
              {
                type: 'object',
                properties: {
                  url: { type: 'string' },
                  fields: { type: 'object', additionalProperties: { type: 'string' } },
                  key: { type: 'string' },
                  maxBytes: { type: 'integer' },
                  expiresAt: { type: 'string' },
                  status: { type: 'string' },
                },
                required: ['url', 'fields', 'key'],
              },
              'Created: POST the file as multipart/form-data to url with these fields, then the file',
            ),
            ...errors,
          },
        },
      },
      '/health': {
        get: {
          summary: 'Index version and size',
          responses: {
            200: json({
              type: 'object',
              properties: {
                ok: { type: 'boolean' },
                indexVersion: { type: 'integer' },
                readouts: { type: 'integer' },
                indexLoaded: {
                  type: 'boolean',
                  description:
                    'The whole index is in memory (false while the base streams in after a cold start; search works meanwhile)',
                },
              },
            }),
          },
        },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: json({ type: 'object' }) } } },
    },
  };
  return cached;
}
