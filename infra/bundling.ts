/**
 * How every Lambda function is bundled — shared by the CDK stack (NodejsFunction) and by
 * `npm run build`, whose output the local runtime and the integration tests execute. One
 * definition, so what runs locally is what would be deployed.
 */
export const FUNCTION_NAMES = ['ingest', 'index', 'search', 'reindex', 'uploads', 'reconcile'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export const NODE_TARGET = 'node22';
/** ESM bundles need `require` for the few CommonJS dependencies esbuild inlines. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __rsCreateRequire } from 'node:module'; const require = __rsCreateRequire(import.meta.url);";
