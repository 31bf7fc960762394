package dev.cutover.batch;

import java.nio.charset.StandardCharsets;

/**
 * Rows of an S3 Batch Operations CSV manifest ({@code S3BatchOperations_CSV_20180820} with the
 * fields {@code Bucket, Key}): one object per line, {@code bucket,key}, the key URL-encoded.
 *
 * <p>The Amazon S3 User Guide, "Creating an S3 Batch Operations job", section "Specifying a
 * manifest" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-create-job.html):
 * "Object keys must be URL-encoded", with the example {@code Examplebucket,object%20key%20with%20spaces};
 * the field names are those of JobManifestSpec in the Amazon S3 API Reference
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_JobManifestSpec.html).
 */
public final class ManifestCsv {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ManifestCsv() {}

  /** One manifest line, {@code bucket,encoded-key} and a line feed. */
  public static String row(String bucket, String key) {
    return bucket + "," + encodeKey(key) + "\n";
  }

  /**
   * The key as a manifest holds it: every UTF-8 byte other than an unreserved character ({@code
   * A-Z a-z 0-9 - _ . ~}) or {@code /} as {@code %XX}. A space becomes {@code %20} and a plus
   * {@code %2B}, so {@link CompletionReport#decodeKey} reads the key back exactly; commas, quotes
   * and line breaks are encoded too, so a key never breaks the CSV.
   */
  public static String encodeKey(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }
}
