/**
 * POST /uploads: a short-lived presigned POST for clients without bucket access. S3 enforces the
 * policy: exact key, content type, and a size range (content-length-range).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseOrThrow } from './schemas.ts';

export const UPLOAD_CONTENT_TYPES = {
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
} as const;

export const uploadRequest = z
  .object({
    filename: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/\.(txt|md|html|htm)$/i, 'filename must end in .txt, .md, .html or .htm')
      .describe('Name of the readout file; its extension decides how it is parsed'),
    contentType: z
      .enum(['text/plain', 'text/markdown', 'text/html'])
      .optional()
      .describe('Defaults from the extension'),
    size: z.number().int().min(1).optional().describe('Declared size in bytes (checked against the limit up front)'),
  })
  .strict();

export interface UploadPlan {
  key: string;
  contentType: string;
  maxBytes: number;
  expiresIn: number;
}

export function planUpload(body: unknown, opts: { prefix: string; maxBytes: number; now?: Date }): UploadPlan {
  const req = parseOrThrow(uploadRequest, body);
  if (req.size !== undefined && req.size > opts.maxBytes) {
    parseOrThrow(z.object({ size: z.number().max(opts.maxBytes, `size must be at most ${opts.maxBytes} bytes`) }), {
      size: req.size,
    });
  }
  const ext = /\.([a-z]+)$/i.exec(req.filename)![1]!.toLowerCase() as keyof typeof UPLOAD_CONTENT_TYPES;
  const safe =
    req.filename
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 120) || `readout.${ext}`;
  const day = (opts.now ?? new Date()).toISOString().slice(0, 10);
  return {
    key: `${opts.prefix}uploads/${day}/${randomUUID()}-${safe}`,
    contentType: req.contentType ?? UPLOAD_CONTENT_TYPES[ext],
    maxBytes: opts.maxBytes,
    expiresIn: 300,
  };
}
