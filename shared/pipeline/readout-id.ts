import { createHash } from 'node:crypto';
/** A readout's id is derived from its object: the same key always maps to the same readout. */
export const readoutIdFor = (bucket: string, key: string) =>
  createHash('sha256').update(`${bucket}\n${key}`).digest('hex').slice(0, 16);
