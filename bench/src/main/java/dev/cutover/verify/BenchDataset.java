package dev.cutover.verify;

import dev.cutover.verify.port.ListedObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * The blue and green buckets of the verify benchmark, computed, never stored: object {@code i}
 * has one key, size and body on each side, all derived from {@code i}, so the server seeds them,
 * the benchmark checks what the server serves, and the synthetic 1 M listing streams them, each
 * without keeping a list.
 *
 * <p>Keys look like a static-asset bucket's, {@code assets/app0007/js/000123-main-1f3a9c2e.js}:
 * {@value #PER_DIRECTORY} objects per directory, five kinds per app, some names with a space or
 * parentheses. They are generated in UTF-8 binary order (the fixed-width counters decide every
 * comparison), which is what S3 lists and what the merge needs. No key has a non-ASCII letter:
 * local-s3 2.4 sends a listing that holds one with a Content-Length counted short (rclone then
 * reads a cut page and the rest as a stray response), a server bug that would measure nothing of
 * ours or rclone's.
 *
 * <p>Green differs from blue in a few percent of the objects, each chosen by a hash of {@code i}:
 * 1 % missing on green, 1 % with an extra key on green beside them (the same name with {@code
 * .zip} for its extension, a leftover blue does not have), 1 % with another size, 0.5 % with the same size but one byte changed. The first
 * three a listing shows; the last only a content comparison (our ETag, rclone's MD5) finds.
 */
final class BenchDataset {

  /** How green differs from blue for one object. */
  enum Difference {
    NONE,
    /** Blue has the key, green does not. */
    MISSING,
    /** Both have the key; green also has {@link #extraKey} which blue has not. */
    EXTRA,
    /** Green's body is longer. */
    SIZE,
    /** Same size, one byte differs. */
    CONTENT
  }

  static final String BLUE = "cutover-bench-blue";
  static final String GREEN = "cutover-bench-green";
  static final String REPORTS = "cutover-bench-reports";

  static final int PER_DIRECTORY = 500;
  static final int MAX_SIZE = 2048;

  private static final String EXTRA_SUFFIX = ".zip";

  private static final String[] KINDS = {"css", "fonts", "img", "js", "media"};
  private static final Map<String, String[]> EXTENSIONS =
      Map.of(
          "css", new String[] {"css"},
          "fonts", new String[] {"woff2", "woff"},
          "img", new String[] {"png", "jpg", "svg", "webp"},
          "js", new String[] {"js", "mjs"},
          "media", new String[] {"mp4", "webm"});
  private static final Map<String, String> CONTENT_TYPES =
      Map.ofEntries(
          Map.entry("css", "text/css"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("woff", "font/woff"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("webp", "image/webp"),
          Map.entry("js", "text/javascript"),
          Map.entry("mjs", "text/javascript"),
          Map.entry("mp4", "video/mp4"),
          Map.entry("webm", "video/webm"),
          Map.entry("zip", "application/zip"));
  private static final String[] NAMES = {
    "main", "vendor", "chunk", "runtime", "logo", "hero banner", "photo (1)", "icon", "app.min", "index"
  };

  private final int objects;

  BenchDataset(int objects) {
    if (objects < 1 || objects > 100_000_000) {
      throw new IllegalArgumentException("objects must be from 1 to 100 000 000");
    }
    this.objects = objects;
  }

  /** Objects on blue. */
  int objects() {
    return objects;
  }

  /** Blue's key of object {@code i}, the same on green unless {@link Difference#MISSING}. */
  String key(int i) {
    int directory = i / PER_DIRECTORY;
    int position = i % PER_DIRECTORY;
    String kind = KINDS[directory % KINDS.length];
    String[] extensions = EXTENSIONS.get(kind);
    long hash = mix(i, 1);
    String extension = extensions[(int) Long.remainderUnsigned(hash, extensions.length)];
    String name = NAMES[(int) Long.remainderUnsigned(hash >>> 8, NAMES.length)];
    // assets/app%04d/%s/%06d-%s-%08x.%s, built by hand: String.format would cost more than the
    // merge it feeds in the synthetic run.
    StringBuilder key = new StringBuilder(64).append("assets/app");
    padded(key, directory / KINDS.length, 4).append('/').append(kind).append('/');
    padded(key, position, 6).append('-').append(name).append('-');
    String hex = Long.toHexString(hash >>> 32);
    key.repeat('0', 8 - hex.length()).append(hex).append('.').append(extension);
    return key.toString();
  }

  private static StringBuilder padded(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    return out.repeat('0', Math.max(0, width - digits.length())).append(digits);
  }

  /**
   * The key only green has beside object {@code i} when it is {@link Difference#EXTRA}: its name
   * with {@code .zip} for the extension, which lists right after it ({@code z} is past every
   * extension's first letter).
   *
   * <p>Not {@code key(i) + ".map"}, though a source map beside its script is what a real bucket
   * has: local-s3 2.4 drops a key that extends the previous one ({@code app.js}, then {@code
   * app.js.map}) when a ListObjectsV2 page ends between the two (its continuation token is then
   * the dropped key, and the next page starts after it). The benchmark's checks caught it: one
   * such key at 100 000 objects.
   */
  String extraKey(int i) {
    String key = key(i);
    return key.substring(0, key.lastIndexOf('.')) + EXTRA_SUFFIX;
  }

  /** Whether {@code key} is an {@link #extraKey}. */
  static boolean isExtra(String key) {
    return key.endsWith(EXTRA_SUFFIX);
  }

  Difference difference(int i) {
    long roll = Long.remainderUnsigned(mix(i, 2), 1000);
    if (roll < 10) {
      return Difference.MISSING;
    }
    if (roll < 20) {
      return Difference.EXTRA;
    }
    if (roll < 30) {
      return Difference.SIZE;
    }
    if (roll < 35 && blueSize(i) > 0) {
      return Difference.CONTENT;
    }
    return Difference.NONE;
  }

  int blueSize(int i) {
    return (int) Long.remainderUnsigned(mix(i, 3), MAX_SIZE);
  }

  int greenSize(int i) {
    return difference(i) == Difference.SIZE ? blueSize(i) + 1 + (int) Long.remainderUnsigned(mix(i, 4), 64) : blueSize(i);
  }

  int extraSize(int i) {
    return (int) Long.remainderUnsigned(mix(i, 5), MAX_SIZE);
  }

  String contentType(String key) {
    String extension = key.substring(key.lastIndexOf('.') + 1);
    return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
  }

  byte[] blueBody(int i) {
    return body(mix(i, 6), blueSize(i));
  }

  byte[] greenBody(int i) {
    byte[] body = body(mix(i, 6), greenSize(i));
    if (difference(i) == Difference.CONTENT) {
      body[(int) Long.remainderUnsigned(mix(i, 7), body.length)] ^= 0x20;
    }
    return body;
  }

  byte[] extraBody(int i) {
    return body(mix(i, 8), extraSize(i));
  }

  /** Blue's objects and, for green, its objects then the extra ones, in listing order. */
  ListedObject listed(int i, boolean green) {
    return new ListedObject(key(i), green ? greenSize(i) : blueSize(i));
  }

  /** The lowercase hex MD5 of {@code body}: what S3 (and the server) puts in a single-part ETag. */
  static String md5(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A body of {@code size} bytes of printable text (a JS or CSS asset is text), from a seed. */
  private static byte[] body(long seed, int size) {
    byte[] out = new byte[size];
    long state = seed;
    for (int j = 0; j < size; j++) {
      state ^= state << 13;
      state ^= state >>> 7;
      state ^= state << 17;
      out[j] = (byte) (' ' + Long.remainderUnsigned(state, 95));
    }
    return out;
  }

  /** SplitMix64 of {@code i} in stream {@code salt}: the one source of every derived value. */
  static long mix(long i, int salt) {
    long z = i * 0x9E3779B97F4A7C15L + salt * 0xD1B54A32D192ED03L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Object {@code i} of a key from {@link #key} or {@link #extraKey}; -1 when it is neither. */
  int index(String key) {
    String[] parts = key.split("/", 4);
    if (parts.length != 4 || !parts[1].startsWith("app")) {
      return -1;
    }
    try {
      int app = Integer.parseInt(parts[1].substring(3));
      int kind = Arrays.asList(KINDS).indexOf(parts[2]);
      int position = Integer.parseInt(parts[3].substring(0, 6));
      int i = (app * KINDS.length + kind) * PER_DIRECTORY + position;
      return kind < 0 || i >= objects ? -1 : i;
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return -1;
    }
  }
}
