package dev.cutover.parity;

import dev.cutover.plan.Plan;
import java.util.List;

/**
 * One parity run.
 *
 * @param executionId the Step Functions execution, recorded in the report
 * @param plan the validated plan
 * @param sampleKeys blue keys to probe, hottest first (from the log scan); {@code null} to sample
 *     blue's listing
 * @param reportKey where the findings go in the report bucket
 */
record ParityJob(String executionId, Plan plan, List<String> sampleKeys, String reportKey) {}
