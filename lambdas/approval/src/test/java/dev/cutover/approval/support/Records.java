package dev.cutover.approval.support;

import dev.cutover.approval.port.ApprovalRecord;
import dev.cutover.approval.port.SealedToken;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Approval records as the request step writes them, for store and decision tests. */
public final class Records {

  public static final String EXECUTION_ARN =
      "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:run-2026-11-24";
  public static final String APPROVAL_ID = "q3Zr8vKx1TnB0cYw9mLp2A";
  public static final Instant CREATED = Instant.parse("2026-11-24T10:00:00Z");
  public static final Instant DEADLINE = Instant.parse("2026-11-25T10:00:00Z");
  public static final String RELEASE_MANAGER = "arn:aws:iam::444455556666:role/release-manager";
  public static final String ALICE_SSO =
      "arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_PlatformAdmin_0123456789abcdef/alice@example.com";

  private Records() {}

  /** A waiting approval: not notified, not decided. */
  public static ApprovalRecord waiting(byte[] ciphertext) {
    return new ApprovalRecord(
        EXECUTION_ARN,
        APPROVAL_ID,
        "5f1c0e3d9a7b4c2e8f6a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e",
        new SealedToken(ciphertext),
        "assets-to-platform-account",
        "MIGRATE",
        List.of(RELEASE_MANAGER, ALICE_SSO),
        true,
        CREATED,
        DEADLINE,
        DEADLINE.plusSeconds(14 * 86_400),
        Instant.parse("2026-11-24T08:59:30.123Z"),
        new ApprovalRecord.Attempt(Instant.parse("2026-11-24T09:59:58.456Z"), 0),
        "s3://platform-cutover-reports/cutover/assets-to-platform-account/report/run-2026-11-24/report.html",
        "s3://platform-cutover-reports/cutover/assets-to-platform-account/report/run-2026-11-24/report.json",
        "READY",
        null,
        null,
        null,
        null);
  }

  public static byte[] ciphertext(String label) {
    return ("kms-ciphertext-of-" + label).getBytes(StandardCharsets.UTF_8);
  }
}
