/** Request schemas (zod): the single source for validation and, later, the OpenAPI document. */
import { z } from 'zod';
import { badRequest } from './http-error.ts';

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(500, 'q is longer than 500 characters'),
  limit: z.coerce.number().int('limit must be an integer').min(1, 'limit must be at least 1').max(50, 'limit must be at most 50').default(10),
}).strict();

export const readoutByKeyQuery = z.object({
  key: z.string().min(1, 'key must not be empty').max(1024, 'key is longer than 1024 characters'),
}).strict();

export const readoutIdParam = z.string().regex(/^[0-9a-f]{16}$/, 'readout ids are 16 hexadecimal characters');

export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  const message = issue.code === 'unrecognized_keys' ? `unknown parameter(s): ${(issue as { keys: string[] }).keys.join(', ')}` : `${where}${issue.message}`;
  throw badRequest(message, 'INVALID_REQUEST');
}
