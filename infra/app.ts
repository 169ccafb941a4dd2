#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { addNagChecks } from './nag.ts';
import { ReadoutSearchStack } from './readout-search-stack.ts';

const app = new App();
const apiAuth = app.node.tryGetContext('apiAuth') === 'none' ? 'none' : 'iam';
new ReadoutSearchStack(app, 'ReadoutSearch', {
  apiAuth,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'Readout Search: ingest, index and search diplomatic readouts',
});
addNagChecks(app);
