#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { addNagChecks } from './nag.ts';
import { ReadoutSearchStack } from './readout-search-stack.ts';

const app = new App();
const requested = app.node.tryGetContext('apiAuth');
const apiAuth = requested === 'none' || requested === 'jwt' ? requested : 'iam';
const jwtAudience = app.node.tryGetContext('jwtAudience');
new ReadoutSearchStack(app, 'ReadoutSearch', {
  apiAuth,
  jwtIssuer: app.node.tryGetContext('jwtIssuer'),
  alarmEmail: app.node.tryGetContext('alarmEmail'),
  jwtAudience: typeof jwtAudience === 'string' ? jwtAudience.split(',') : jwtAudience,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'Readout Search: ingest, index and search diplomatic readouts',
});
addNagChecks(app);
