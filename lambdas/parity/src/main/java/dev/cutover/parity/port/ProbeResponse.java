package dev.cutover.parity.port;

import java.util.Map;

/**
 * What one GET returned.
 *
 * @param status the HTTP status; 0 when there was no response
 * @param headers response headers by lowercase name, repeated values joined with {@code ", "}
 * @param bodySha256 lowercase hex SHA-256 of the body after removing a {@code gzip} content
 *     coding (the representation, so two edges compressing the same object differently still
 *     agree), of the bytes as received for any other coding; {@code null} when there was no body
 * @param bodyBytes bytes the hash covers
 * @param bodyTruncated whether the body was longer than the probe's bound and only its start was
 *     hashed
 * @param error why there was no (complete) response, e.g. a timeout; {@code null} when there was
 */
public record ProbeResponse(
    int status,
    Map<String, String> headers,
    String bodySha256,
    long bodyBytes,
    boolean bodyTruncated,
    String error) {

  public ProbeResponse {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** No response at all: connection refused, DNS, timeout. */
  public static ProbeResponse failed(String error) {
    return new ProbeResponse(0, Map.of(), null, 0, false, error);
  }

  /** The value of {@code name} (any case), or {@code null}. */
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }
}
