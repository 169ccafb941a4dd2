/** API Gateway HTTP API (v2) → the routes in shared/api. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { config } from '../../shared/config.ts';
import { httpErrors, JSON_HEADERS } from '../../shared/api/http-error-middleware.ts';
import { parseQueryString } from '../../shared/api/query-string.ts';
import { serialiseWithinLimit } from '../../shared/api/response-limits.ts';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { route, type ApiDeps } from '../../shared/api/routes.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { IndexArtifacts } from '../../shared/pipeline/index-artifacts.ts';
import { IndexReader } from '../../shared/pipeline/index-reader.ts';
import { S3ObjectStore } from '../../shared/store/object-store.ts';
import { DynamoReadoutTable } from '../../shared/store/readout-table.ts';
import { cursorSecret } from '../../shared/store/secrets.ts';

let deps: ApiDeps | undefined;

export const handler = middy<APIGatewayProxyEventV2>()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .use(httpErrors())
  .handler(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    if (!deps) {
      const table = new DynamoReadoutTable(config.tableName);
      const objects = new S3ObjectStore();
      deps = {
        table,
        objects,
        inboxBucket: config.inboxBucket,
        uploadPrefix: config.uploadPrefix,
        cursorSecret: await cursorSecret(),
        reader: new IndexReader(table, new IndexArtifacts(objects, config.indexBucket), config.indexPollMs),
      };
    }
    const res = await route(
      { method: event.requestContext.http.method, path: event.rawPath, query: parseQueryString(event.rawQueryString) },
      deps,
    );
    return {
      statusCode: res.status,
      headers: { ...JSON_HEADERS, ...res.headers },
      body: serialiseWithinLimit(res.body),
    };
  });
