package dev.cutover.preflight;

import dev.cutover.preflight.port.Versioning;

/**
 * S3 replication needs versioning enabled on both buckets: anything else is a BLOCKER (the
 * replication step would refuse, and the backfill could not run).
 */
final class VersioningCheck implements PreflightCheck {

  @Override
  public void run(Inspection inspection) {
    check(inspection, inspection.blue());
    check(inspection, inspection.green());
  }

  private static void check(Inspection inspection, SideView side) {
    side.versioning().ifPresent(versioning -> {
      if (versioning == Versioning.ENABLED) {
        inspection.add(Finding.of("versioning", Severity.INFO, side.side, side.subject(),
            "Versioning is enabled on " + side.subject() + ".", ""));
        return;
      }
      String state = versioning == Versioning.SUSPENDED ? "suspended" : "not enabled (it never was)";
      inspection.add(Finding.of("versioning", Severity.BLOCKER, side.side, side.subject(),
          "Versioning is " + state + " on " + side.subject() + " (" + side.colour()
              + "); S3 replication needs it enabled on both buckets, so nothing could be replicated.",
          "Enable versioning as account " + side.plan.accountId() + ": aws s3api put-bucket-versioning --bucket "
              + side.plan.bucket() + " --versioning-configuration Status=Enabled --expected-bucket-owner "
              + side.plan.accountId() + ". It changes no existing object, but cannot be undone (only suspended): every"
              + " later overwrite or delete keeps the old version, so add a lifecycle rule that expires noncurrent"
              + " versions if storage cost matters."));
    });
  }
}
