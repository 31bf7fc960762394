package dev.cutover.approval.port;

import java.util.Arrays;

/**
 * A task token as the {@link TokenCipher} sealed it: ciphertext only, bound to one execution and
 * one approval id. Its {@link #toString()} prints the length, never the bytes, so a record logged
 * by mistake shows neither the token nor its ciphertext.
 *
 * @param ciphertext what KMS Encrypt returned ({@code CiphertextBlob})
 */
public record SealedToken(byte[] ciphertext) {

  public SealedToken {
    if (ciphertext == null || ciphertext.length == 0) {
      throw new IllegalArgumentException("a sealed token has ciphertext");
    }
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SealedToken that && Arrays.equals(ciphertext, that.ciphertext);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "SealedToken[" + ciphertext.length + " bytes]";
  }
}
