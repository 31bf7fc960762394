package dev.cutover.parity;

import java.nio.charset.StandardCharsets;

/**
 * The URL path a viewer requests to get an object key. CloudFront appends the request path to
 * the origin's {@code OriginPath}, so with an origin path of {@code /static} the key {@code
 * static/app.js} is requested as {@code /app.js}. Every byte outside RFC 3986's unreserved set
 * and {@code /} is percent-encoded from UTF-8: a space as {@code %20} (never {@code +}), {@code +}
 * as {@code %2B} (S3 would read a literal {@code +} in a path as a space), {@code %} as {@code %25}.
 */
final class KeyPaths {

  private KeyPaths() {}

  /**
   * The encoded request path for {@code key} behind an origin with {@code originPath} ({@code ""}
   * or {@code /dir}). A key outside the origin path is requested as it is: it cannot be reached
   * through that origin, and the probe shows what viewers get instead.
   */
  static String path(String key, String originPath) {
    String within = key;
    if (originPath != null && !originPath.isEmpty()) {
      String prefix = strip(originPath) + "/";
      if (!prefix.equals("/") && key.startsWith(prefix)) {
        within = key.substring(prefix.length());
      }
    }
    return "/" + encode(within);
  }

  private static String strip(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }

  static String encode(String raw) {
    StringBuilder out = new StringBuilder();
    for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
