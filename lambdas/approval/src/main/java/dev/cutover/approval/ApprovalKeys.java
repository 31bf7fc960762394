package dev.cutover.approval;

import dev.cutover.batch.IdempotencyTokens;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/** The identifiers of an approval, and the encryption context that binds its token to them. */
final class ApprovalKeys {

  /** 128 random bits: unguessable, and short enough to read out. */
  private static final int ID_BYTES = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApprovalKeys() {}

  /** A new approval id: 22 characters of URL-safe base64 without padding. */
  static Supplier<String> randomIds() {
    return () -> {
      byte[] bytes = new byte[ID_BYTES];
      RANDOM.nextBytes(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    };
  }

  /**
   * Names one invocation of the task: SHA-256 of the execution ARN and the task token, in hex. A
   * retried invocation carries the same token and so the same key; a new attempt of the task gets
   * a new token from Step Functions. The token cannot be recovered from the key, which is what
   * lets it be stored beside the ciphertext.
   */
  static String requestKey(String executionArn, String taskToken) {
    return IdempotencyTokens.of(executionArn, taskToken);
  }


  /**
   * The KMS encryption context of a sealed token: the execution and the approval id. Decrypt only
   * succeeds with the same pair, so a ciphertext moved to another record, or another execution's
   * record, does not open.
   */
  static Map<String, String> encryptionContext(String executionArn, String approvalId) {
    return Map.of("executionArn", executionArn, "approvalId", approvalId);
  }
}
