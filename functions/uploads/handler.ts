/** POST /uploads → a presigned POST limited in time, size, key and content type. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { config } from '../../shared/config.ts';
import { badRequest, HttpError } from '../../shared/api/http-error.ts';
import { planUpload } from '../../shared/api/uploads.ts';
import { logger } from '../../shared/observability.ts';
import { s3Client } from '../../shared/store/aws-clients.ts';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export const handler = middy<APIGatewayProxyEventV2>()
  .use(injectLambdaContext(logger))
  .handler(async (event): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      if (event.requestContext.http.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'use POST /uploads');
      let body: unknown;
      try {
        const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body ?? '';
        body = JSON.parse(raw || '{}');
      } catch {
        throw badRequest('the body must be JSON: {"filename": "...", "contentType"?: "...", "size"?: n}', 'INVALID_REQUEST');
      }
      const plan = planUpload(body, { prefix: config.uploadPrefix, maxBytes: config.maxObjectBytes });
      const post = await createPresignedPost(s3Client(), {
        Bucket: config.inboxBucket,
        Key: plan.key,
        Expires: plan.expiresIn,
        Fields: { 'Content-Type': plan.contentType },
        Conditions: [['content-length-range', 1, plan.maxBytes], ['eq', '$Content-Type', plan.contentType]],
      });
      logger.info('upload planned', { key: plan.key });
      return {
        statusCode: 201, headers: JSON_HEADERS,
        body: JSON.stringify({ ...post, key: plan.key, maxBytes: plan.maxBytes, expiresAt: new Date(Date.now() + plan.expiresIn * 1000).toISOString(), status: `/readouts?key=${encodeURIComponent(plan.key)}` }),
      };
    } catch (e) {
      if (e instanceof HttpError) return { statusCode: e.status, headers: JSON_HEADERS, body: JSON.stringify({ error: { code: e.code, message: e.message } }) };
      logger.error('unhandled error', e as Error);
      return { statusCode: 500, headers: JSON_HEADERS, body: JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error' } }) };
    }
  });
