package dev.cutover.local.runtime;

import dev.cutover.approval.port.SealedToken;
import dev.cutover.approval.port.TokenCipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The approval's token cipher for the local runtime: AES-256-GCM under a key that lives as long as
 * the runtime, the encryption context bound as associated data, so a ciphertext opens only with
 * the execution and approval it was sealed for, as with KMS.
 */
final class AesTokenCipher implements TokenCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  AesTokenCipher() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256, random);
      this.key = generator.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256 is not available in this JDK", e);
    }
  }

  @Override
  public SealedToken seal(String taskToken, Map<String, String> context) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(context));
      byte[] sealed = cipher.doFinal(taskToken.getBytes(StandardCharsets.UTF_8));
      return new SealedToken(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to seal: " + e.getMessage(), e);
    }
  }

  @Override
  public String open(SealedToken sealed, Map<String, String> context) {
    byte[] bytes = sealed.ciphertext();
    if (bytes.length <= NONCE_BYTES) {
      throw new UnreadableTokenException("the sealed token is too short to be one of this runtime's");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData(context));
      return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new UnreadableTokenException("the sealed token does not open under this context (altered record, or another runtime's key)");
    }
  }

  private static byte[] associatedData(Map<String, String> context) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(context).forEach((name, value) -> text.append(name.length()).append(':').append(name).append(value.length()).append(':').append(value));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
