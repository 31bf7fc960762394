package dev.cutover.verify.port;

import java.util.Map;

/**
 * What HEAD says about an object, in plain types.
 *
 * @param size content length in bytes
 * @param eTag the ETag as returned, quotes included
 * @param checksum the stored checksum; {@code null} when the object has none
 * @param serverSideEncryption {@code AES256}, {@code aws:kms}, {@code aws:kms:dsse}, or {@code
 *     null}
 * @param customerKey whether the object is encrypted with a customer-provided key (SSE-C)
 * @param headers the compared system metadata by plan field name ({@code Content-Type}, {@code
 *     Cache-Control}, {@code Content-Encoding}, {@code Content-Disposition}, {@code
 *     Content-Language}, {@code Expires}, {@code website-redirect}, {@code storage-class}); absent
 *     when the object has no value
 * @param userMetadata {@code x-amz-meta-*} values by lower-case name, without the prefix
 */
public record ObjectHead(
    long size,
    String eTag,
    StoredChecksum checksum,
    String serverSideEncryption,
    boolean customerKey,
    Map<String, String> headers,
    Map<String, String> userMetadata) {

  public ObjectHead {
    headers = Map.copyOf(headers);
    userMetadata = Map.copyOf(userMetadata);
  }
}
