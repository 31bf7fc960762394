package dev.cutover.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Idempotency tokens ({@code ClientRequestToken} of S3 Batch Operations' CreateJob) derived from
 * where a call comes from and nothing else. Step Functions re-invokes a task on Retry, and a Lambda
 * may run twice for one invocation; S3 returns the existing job for a token it has seen with the
 * same request, so a retried step never makes a second job.
 */
public final class IdempotencyTokens {

  private IdempotencyTokens() {}

  /**
   * The token for a list of parts, e.g. {@code "cutover-backfill", "START", executionId,
   * stateName, "1"}. Parts are joined with a line break, which neither an execution ARN nor a state
   * name holds, so {@code ("a1", "b")} and {@code ("a", "1b")} give different tokens.
   *
   * @return a hex SHA-256: 64 characters, the most S3 Control accepts
   */
  public static String of(String... parts) {
    String seed = String.join("\n", parts);
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
