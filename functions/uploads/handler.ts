/** POST /uploads → a presigned POST limited in time, size, key and content type. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { config } from '../../shared/config.ts';
import { badRequest, HttpError } from '../../shared/api/http-error.ts';
import { httpErrors, JSON_HEADERS } from '../../shared/api/http-error-middleware.ts';
import { planUpload } from '../../shared/api/uploads.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { s3Client } from '../../shared/store/aws-clients.ts';

function jsonBody(event: APIGatewayProxyEventV2): unknown {
  try {
    const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    return JSON.parse(raw || '{}');
  } catch {
    throw badRequest(
      'the body must be JSON: {"filename": "...", "contentType"?: "...", "size"?: n}',
      'INVALID_REQUEST',
    );
  }
}

export const handler = middy<APIGatewayProxyEventV2>()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .use(httpErrors())
  .handler(async (event): Promise<APIGatewayProxyStructuredResultV2> => {
    if (event.requestContext.http.method !== 'POST')
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'use POST /uploads');
    const plan = planUpload(jsonBody(event), { prefix: config.uploadPrefix, maxBytes: config.maxObjectBytes });
    const post = await createPresignedPost(s3Client(), {
      Bucket: config.inboxBucket,
      Key: plan.key,
      Expires: plan.expiresIn,
      Fields: { 'Content-Type': plan.contentType },
      Conditions: [
        ['content-length-range', 1, plan.maxBytes],
        ['eq', '$Content-Type', plan.contentType],
      ],
    });
    logger.info('upload planned', { key: plan.key });
    return {
      statusCode: 201,
      headers: JSON_HEADERS,
      body: JSON.stringify({
        ...post,
        key: plan.key,
        maxBytes: plan.maxBytes,
        expiresAt: new Date(Date.now() + plan.expiresIn * 1000).toISOString(),
        status: `/readouts?key=${encodeURIComponent(plan.key)}`,
      }),
    };
  });
