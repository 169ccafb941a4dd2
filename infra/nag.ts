/**
 * cdk-nag (v3: CDK policy validation plugins). Every finding the stack keeps is acknowledged where
 * it arises, with the reason; synth fails on anything unacknowledged.
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';

export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
}
