package dev.cutover.parity.port;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A distribution as one GetDistribution call returned it: its configuration, the version of that
 * configuration, and the name it answers to.
 *
 * @param id the distribution id, e.g. {@code E2QWRUHAPOMQZL}
 * @param domainName its own {@code d111111abcdef8.cloudfront.net} name, which the probes use
 * @param status {@code Deployed} or {@code InProgress}: while InProgress, edges may still serve the
 *     previous configuration
 * @param etag the configuration's version (the response's ETag header)
 * @param config the {@code DistributionConfig} in {@linkplain EdgeConfigs API shape}
 */
public record DistributionSnapshot(String id, String domainName, String status, String etag, JsonNode config) {}
