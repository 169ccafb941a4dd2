/** The project's alarm shapes. Every alarm of the stack notifies its alarm topic (wired in the stack). */
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';

/** Above `threshold` in one period. */
export function alarmAbove(
  scope: Construct,
  id: string,
  metric: IMetric,
  threshold: number,
  description: string,
): Alarm {
  return new Alarm(scope, id, {
    alarmDescription: description,
    metric,
    threshold,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

/** Anything above zero in one period is worth a look. */
export const alarmAboveZero = (scope: Construct, id: string, metric: IMetric, description: string): Alarm =>
  alarmAbove(scope, id, metric, 0, description);
