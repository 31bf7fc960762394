package dev.cutover.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
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
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(executionArn.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) '\n');
      sha256.update(taskToken.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
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
