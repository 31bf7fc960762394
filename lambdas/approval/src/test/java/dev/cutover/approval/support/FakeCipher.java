package dev.cutover.approval.support;

import dev.cutover.approval.port.SealedToken;
import dev.cutover.approval.port.TokenCipher;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KMS's behaviour where the step depends on it: random ciphertext that opens only with the
 * encryption context it was sealed with.
 */
public final class FakeCipher implements TokenCipher {

  private record Sealed(String token, Map<String, String> context) {}

  private final Map<ByteBuffer, Sealed> sealed = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  @Override
  public SealedToken seal(String taskToken, Map<String, String> context) {
    byte[] ciphertext = new byte[48];
    random.nextBytes(ciphertext);
    sealed.put(ByteBuffer.wrap(ciphertext.clone()), new Sealed(taskToken, Map.copyOf(context)));
    return new SealedToken(ciphertext);
  }

  @Override
  public String open(SealedToken token, Map<String, String> context) {
    Sealed entry = sealed.get(ByteBuffer.wrap(token.ciphertext()));
    if (entry == null || !entry.context().equals(context)) {
      throw new UnreadableTokenException("KMS Decrypt answered InvalidCiphertextException");
    }
    return entry.token();
  }

  public int sealedCount() {
    return sealed.size();
  }
}
