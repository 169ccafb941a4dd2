/** API Gateway HTTP API (v2) → the routes in shared/api. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { config } from '../../shared/config.ts';
import { HttpError } from '../../shared/api/http-error.ts';
import { route, type ApiDeps } from '../../shared/api/routes.ts';
import { logger } from '../../shared/observability.ts';
import { IndexArtifacts } from '../../shared/pipeline/index-artifacts.ts';
import { IndexReader } from '../../shared/pipeline/index-reader.ts';
import { S3ObjectStore } from '../../shared/store/object-store.ts';
import { DynamoReadoutTable } from '../../shared/store/readout-table.ts';
import { cursorSecret } from '../../shared/store/secrets.ts';

let deps: ApiDeps | undefined;
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export const handler = middy<APIGatewayProxyEventV2>()
  .use(injectLambdaContext(logger))
  .handler(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    if (!deps) {
      const table = new DynamoReadoutTable(config.tableName);
      const objects = new S3ObjectStore();
      deps = { table, objects, inboxBucket: config.inboxBucket, cursorSecret: await cursorSecret(), reader: new IndexReader(table, new IndexArtifacts(objects, config.indexBucket), config.indexPollMs) };
    }
    try {
      const res = await route({ method: event.requestContext.http.method, path: event.rawPath, query: { ...(event.queryStringParameters ?? {}) } }, deps);
      return { statusCode: res.status, headers: { ...JSON_HEADERS, ...res.headers }, body: JSON.stringify(res.body) };
    } catch (e) {
      if (e instanceof HttpError) return { statusCode: e.status, headers: JSON_HEADERS, body: JSON.stringify({ error: { code: e.code, message: e.message } }) };
      logger.error('unhandled error', e as Error);
      return { statusCode: 500, headers: JSON_HEADERS, body: JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error' } }) };
    }
  });
