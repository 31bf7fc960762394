package dev.cutover.preflight;

import java.nio.charset.StandardCharsets;

/** Object keys as findings show them: bounded, so a result never nears the 256 KB payload limit. */
final class Keys {

  /** S3 keys reach 1,024 bytes; findings show at most this many. */
  static final int MAX_KEY_BYTES = 200;

  private Keys() {}

  /** The key, or its first code points followed by … when longer than {@value #MAX_KEY_BYTES} bytes. */
  static String shorten(String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES) {
      return key;
    }
    StringBuilder kept = new StringBuilder();
    int bytes = "…".getBytes(StandardCharsets.UTF_8).length;
    for (int i = 0; i < key.length(); ) {
      int cp = key.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > MAX_KEY_BYTES) {
        break;
      }
      kept.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    return kept.append('…').toString();
  }
}
