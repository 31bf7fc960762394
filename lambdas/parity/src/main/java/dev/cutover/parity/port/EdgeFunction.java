package dev.cutover.parity.port;

/**
 * A CloudFront Function's LIVE stage: what runs at the edge.
 *
 * @param name the function's name (account-scoped; not compared)
 * @param runtime e.g. {@code cloudfront-js-2.0}
 * @param codeSha256 lowercase hex SHA-256 of the function code GetFunction returns
 * @param keyValueStores how many key value stores it is associated with (their ARNs are account-scoped)
 */
public record EdgeFunction(String name, String runtime, String codeSha256, int keyValueStores) {}
