/** Bundles every function exactly as the CDK stack does: ESM, minified, with source maps. */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { ESM_REQUIRE_BANNER, FUNCTION_NAMES, NODE_TARGET } from '../infra/bundling.ts';

rmSync('dist/functions', { recursive: true, force: true });
const started = Date.now();
await Promise.all(
  FUNCTION_NAMES.map((name) =>
    build({
      entryPoints: [`functions/${name}/handler.ts`],
      outfile: `dist/functions/${name}/index.mjs`,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: NODE_TARGET,
      minify: true,
      sourcemap: true,
      banner: { js: ESM_REQUIRE_BANNER },
      logLevel: 'warning',
    }),
  ),
);
console.log(`bundled ${FUNCTION_NAMES.length} functions into dist/functions in ${Date.now() - started} ms`);
