package dev.cutover.preflight;

import java.util.Optional;

/**
 * Object Ownership on both buckets; {@code BucketOwnerEnforced} (ACLs disabled, the bucket owner
 * owns every object) is expected.
 *
 * <p>Green without it is a WARNING, not a BLOCKER: cutover's replication rule hands replicas to
 * green's account (owner override), so the migrated objects are green's either way; but anything
 * else written to green with ACLs enabled can stay its writer's, out of reach of green's bucket
 * policy and of CloudFront's origin access control, and the replication role then also needs
 * {@code s3:ObjectOwnerOverrideToBucketOwner}. Blue without it is a WARNING too: objects uploaded
 * by other accounts may belong to them and then do not replicate; the readability check measures
 * that on a sample and blocks when it finds any.
 */
final class OwnershipCheck implements PreflightCheck {

  static final String ENFORCED = "BucketOwnerEnforced";

  @Override
  public void run(Inspection inspection) {
    check(inspection, inspection.blue());
    check(inspection, inspection.green());
  }

  private static void check(Inspection inspection, SideView side) {
    side.objectOwnership().ifPresent(ownership -> {
      if (ownership.filter(ENFORCED::equals).isPresent()) {
        inspection.add(Finding.of("ownership", Severity.INFO, side.side, side.subject(),
            "Object Ownership on " + side.subject() + " is BucketOwnerEnforced: ACLs are disabled and account "
                + side.plan.accountId() + " owns every object.", ""));
        return;
      }
      String setting = describe(ownership);
      String fix =
          "Set Object Ownership to BucketOwnerEnforced as account " + side.plan.accountId()
              + ": aws s3api put-bucket-ownership-controls --bucket " + side.plan.bucket()
              + " --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'. The bucket's account then owns"
              + " every existing object; readers that relied on object ACLs lose that access, so check for them first.";
      if (side.side == BucketSide.TARGET) {
        inspection.add(Finding.of("ownership", Severity.WARNING, side.side, side.subject(),
            "Object Ownership on " + side.subject() + " (green) is " + setting + ", so ACLs are enabled. cutover's"
                + " replication rule makes green's account the owner of every replica, but anything else written to"
                + " green can stay owned by its writer, beyond green's bucket policy and CloudFront's origin access"
                + " control, and the replication role needs s3:ObjectOwnerOverrideToBucketOwner on green.",
            fix));
      } else {
        inspection.add(Finding.of("ownership", Severity.WARNING, side.side, side.subject(),
            "Object Ownership on " + side.subject() + " (blue) is " + setting + ", so ACLs are enabled: objects"
                + " uploaded by other accounts can still belong to them, and S3 replicates only objects blue's owner"
                + " can read (the readability finding shows what a sample found).",
            fix));
      }
    });
  }

  private static String describe(Optional<String> ownership) {
    return ownership.map(o -> o).orElse("not set (it behaves as ObjectWriter)");
  }
}
