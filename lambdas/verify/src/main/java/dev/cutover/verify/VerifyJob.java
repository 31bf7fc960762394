package dev.cutover.verify;

import dev.cutover.verify.port.ObjectStore;
import dev.cutover.verify.port.ReportStore;
import java.util.List;
import java.util.Set;

/**
 * One verification, resolved from the plan and the task input.
 *
 * @param migrationId the plan's migration id
 * @param source blue
 * @param target green
 * @param prefix the keys verified (empty for the whole bucket); the same on both sides, since
 *     replication keeps keys and the plan refuses a different target prefix
 * @param fields the plan's {@code validation.metadataFields}
 * @param mismatchTolerance objects allowed to differ before the result says not passed
 * @param reports the report bucket
 * @param reportKey where the full findings list goes
 * @param keys the blue keys to compare; {@code null} to diff the whole listing under the prefix
 * @param resume where an earlier invocation of this listing verification stopped; {@code null}
 *     to start at the first key
 */
record VerifyJob(
    String migrationId,
    ObjectStore source,
    ObjectStore target,
    String prefix,
    Set<String> fields,
    int mismatchTolerance,
    ReportStore reports,
    String reportKey,
    List<String> keys,
    Resume resume) {

  /** A verification from the first key. */
  VerifyJob(
      String migrationId,
      ObjectStore source,
      ObjectStore target,
      String prefix,
      Set<String> fields,
      int mismatchTolerance,
      ReportStore reports,
      String reportKey,
      List<String> keys) {
    this(migrationId, source, target, prefix, fields, mismatchTolerance, reports, reportKey, keys, null);
  }
}
