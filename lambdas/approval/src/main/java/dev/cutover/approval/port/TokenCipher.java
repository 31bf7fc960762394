package dev.cutover.approval.port;

import java.util.Map;

/**
 * Seals a Step Functions task token for storage and opens it again for the decision. In AWS, KMS
 * Encrypt / Decrypt under one symmetric key; the encryption context binds the ciphertext to its
 * execution and approval id, so a ciphertext copied into another record does not open.
 */
public interface TokenCipher {

  /**
   * @param context the encryption context (not secret; KMS records it in CloudTrail)
   */
  SealedToken seal(String taskToken, Map<String, String> context);

  /**
   * @throws UnreadableTokenException when the ciphertext does not open under this context (altered
   *     record, other key)
   */
  String open(SealedToken sealed, Map<String, String> context);

  /** The sealed token cannot be opened: the record was altered, or the key changed or is disabled. */
  final class UnreadableTokenException extends RuntimeException {
    public UnreadableTokenException(String message) {
      super(message);
    }
  }
}
