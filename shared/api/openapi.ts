/**
 * OpenAPI 3.1, generated from the zod schemas that validate requests (one source of truth):
 * every query parameter below is the JSON Schema of the field that checks it.
 */
import { z } from 'zod';
import {
  compareResponse,
  digestResponse,
  errorResponse,
  healthResponse,
  readoutMetaSchema,
  readoutResponse,
  readoutStatusResponse,
  searchResponse,
  statementSchema,
  topicsResponse,
  uploadResponse,
} from './response-schemas.ts';
import { uploadRequest } from './uploads.ts';
import { REPEATABLE_PARAMETERS } from './query-string.ts';
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
      ...(REPEATABLE_PARAMETERS.has(name) ? { style: 'form', explode: true } : {}),
    };
  });
}

const shapeOf = (s: unknown) => (s as { shape: Shape }).shape;

/** A response body's JSON Schema, generated from its zod schema (response-schemas.ts). */
function bodySchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

const json = (schema: z.ZodType, description = 'OK') => ({
  description,
  content: { 'application/json': { schema: bodySchema(schema) } },
});
const errors = {
  400: json(errorResponse, 'Invalid request'),
  404: json(errorResponse, 'Not found'),
  500: json(errorResponse, 'Server error'),
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
    servers: [
      {
        url: '{apiUrl}',
        description: 'The deployed API (the stack output ApiUrl), or the local one `npm start` runs',
        variables: { apiUrl: { default: 'http://localhost:3000' } },
      },
    ],
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
      schemas: {
        Readout: bodySchema(readoutMetaSchema),
        Statement: bodySchema(statementSchema),
        Error: bodySchema(errorResponse),
      },
    },
    paths: {
      '/search': {
        get: {
          operationId: 'searchReadouts',
          summary: 'Ranked, filtered search with topic- and speaker-filtered summaries',
          parameters: parameters(shapeOf(searchQuery)),
          responses: {
            200: json(searchResponse),
            ...errors,
          },
        },
      },
      '/readouts/{id}': {
        get: {
          operationId: 'getReadout',
          summary:
            'The full structured record of a readout, with likely counterpart readouts of the same event; sentences in pages',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: z.toJSONSchema(readoutIdParam) },
            ...parameters(shapeOf(readoutPageQuery)),
          ],
          responses: {
            200: json(readoutResponse),
            ...errors,
          },
        },
      },
      '/readouts': {
        get: {
          operationId: 'getReadoutByKey',
          summary:
            'The readout ingested from an S3 object, or its ingestion status (pending, indexed, rejected with the reason, deleted)',
          parameters: parameters(shapeOf(readoutByKeyQuery)),
          responses: {
            200: json(readoutStatusResponse),
            ...errors,
          },
        },
      },
      '/topics': {
        get: {
          operationId: 'listTopics',
          summary: 'The topic vocabulary with counts, filterable by date and speaker',
          parameters: parameters(shapeOf(topicsQuery)),
          responses: {
            200: json(topicsResponse),
            ...errors,
          },
        },
      },
      '/digest': {
        get: {
          operationId: 'getDigest',
          summary:
            'What each speaker said on a topic over time, near-duplicates merged, every line citing its readout and sentence',
          parameters: parameters(shapeOf(digestQuery)),
          responses: {
            200: json(digestResponse),
            ...errors,
          },
        },
      },
      '/compare': {
        get: {
          operationId: 'compareReadouts',
          summary: 'Two accounts of the same event: aligned statements, and what each reported that the other did not',
          parameters: parameters(shapeOf(compareQuery)),
          responses: {
            200: json(compareResponse),
            ...errors,
          },
        },
      },
      '/uploads': {
        post: {
          operationId: 'createUpload',
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
              uploadResponse,
              'Created: POST the file as multipart/form-data to url with these fields, then the file',
            ),
            ...errors,
          },
        },
      },
      '/health': {
        get: {
          operationId: 'getHealth',
          summary: 'Index version and size',
          responses: {
            200: json(healthResponse),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          responses: { 200: { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
  };
  return cached;
}
