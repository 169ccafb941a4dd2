/** Every route of the HTTP API (the stack creates one API Gateway route per entry). */
export const ROUTES = [
  '/health',
  '/search',
  '/readouts',
  '/readouts/{id}',
  '/topics',
  '/digest',
  '/compare',
  '/openapi.json',
] as const;
