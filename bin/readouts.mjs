#!/usr/bin/env node
// `npx readouts ...`: the command-line client (TypeScript, run through tsx).
import { register } from 'tsx/esm/api';
register();
await import('../local/cli.ts');
