/** Where the real (publisher-owned, never committed) corpus lives: ../shared/corpus unless overridden. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
export const CORPUS_DIR = process.env.READOUT_CORPUS_DIR ?? resolve(repoRoot, '../shared/corpus');
export const corpusAvailable = () => existsSync(resolve(CORPUS_DIR, 'gold'));
