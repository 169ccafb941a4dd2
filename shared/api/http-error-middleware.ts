/**
 * One error mapping for every HTTP function (a middy middleware, as Powertools structures it):
 * an HttpError becomes `{"error": {"code", "message"}}` with its status; anything else is logged
 * with its stack, counted in the `InternalErrors` metric (a handled 500 is still an error: the
 * function itself succeeded, so Lambda's Errors metric would never see it) and answered with a
 * plain 500 that leaks nothing.
 */
import type middy from '@middy/core';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger, metrics } from '../observability.ts';
import { HttpError } from './http-error.ts';

export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

export function errorResponse(e: unknown): APIGatewayProxyStructuredResultV2 {
  if (e instanceof HttpError)
    return {
      statusCode: e.status,
      headers: JSON_HEADERS,
      body: JSON.stringify({ error: { code: e.code, message: e.message } }),
    };
  logger.error('unhandled error', e as Error);
  metrics.addMetric('InternalErrors', MetricUnit.Count, 1);
  return {
    statusCode: 500,
    headers: JSON_HEADERS,
    body: JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error' } }),
  };
}

export function httpErrors(): middy.MiddlewareObj<unknown, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      request.response = errorResponse(request.error);
    },
  };
}
