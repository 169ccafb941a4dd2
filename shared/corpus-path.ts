/** Where the real (publisher-owned, never committed) corpus lives: ../shared/corpus unless overridden. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
export const CORPUS_DIR = process.env.READOUT_CORPUS_DIR ?? resolve(repoRoot, '../shared/corpus');
export const corpusAvailable = () => existsSync(resolve(CORPUS_DIR, 'gold'));

/** Every readout file (.txt, .md, .html) under `dir`, the gold labels excluded. */
export function readoutFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? (n === 'gold' ? [] : readoutFiles(p)) : /\.(txt|md|html?)$/.test(n) ? [p] : [];
  });
}
