package dev.cutover.approval.aws;

import dev.cutover.approval.port.SealedToken;
import dev.cutover.approval.port.TokenCipher;
import dev.cutover.aws.AwsErrors;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * Task tokens sealed with KMS Encrypt / Decrypt under one symmetric key. A token is at most 2 KB,
 * well under Encrypt's 4 KB, so no envelope is needed. Decrypt names the key it expects, so a
 * ciphertext under another key is refused rather than opened with it; the encryption context
 * (execution and approval id) must match the one it was sealed with.
 *
 * <p>The key's policy should let the request function {@code kms:Encrypt} and the decide function
 * {@code kms:Decrypt}, both with the condition {@code kms:EncryptionContextKeys} = {@code
 * executionArn}, {@code approvalId}.
 */
public final class KmsTokenCipher implements TokenCipher {

  private final KmsClient kms;
  private final String keyId;

  public KmsTokenCipher(KmsClient kms, String keyId) {
    this.kms = kms;
    this.keyId = keyId;
  }

  @Override
  public SealedToken seal(String taskToken, Map<String, String> context) {
    try {
      return new SealedToken(kms.encrypt(b -> b
              .keyId(keyId)
              .plaintext(SdkBytes.fromUtf8String(taskToken))
              .encryptionContext(context))
          .ciphertextBlob()
          .asByteArray());
    } catch (RuntimeException e) {
      throw AwsErrors.translate(e, "Encrypt");
    }
  }

  @Override
  public String open(SealedToken sealed, Map<String, String> context) {
    try {
      return kms.decrypt(b -> b
              .keyId(keyId)
              .ciphertextBlob(SdkBytes.fromByteArray(sealed.ciphertext()))
              .encryptionContext(context))
          .plaintext()
          .asUtf8String();
    } catch (InvalidCiphertextException e) {
      throw new UnreadableTokenException("KMS Decrypt answered InvalidCiphertextException: the ciphertext or its encryption context does not match");
    } catch (IncorrectKeyException e) {
      throw new UnreadableTokenException("KMS Decrypt answered IncorrectKeyException: the token was sealed under another key than " + keyId);
    } catch (RuntimeException e) {
      throw AwsErrors.translate(e, "Decrypt");
    }
  }
}
