package dev.cutover.parity.port;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One account's CloudFront configuration, read only.
 *
 * <p>Configurations come back in <em>API shape</em>: a JSON object whose field names are the
 * element names of the CloudFront API reference ({@code DefaultCacheBehavior}, {@code
 * PathPattern}, {@code WebACLId}), absent elements left out, {@code Quantity} dropped (the list's
 * length says it), and a wrapper holding nothing but {@code Quantity} and {@code Items} replaced by
 * the {@code Items} array itself (so {@code Origins} is an array of origins, while {@code
 * AllowedMethods} keeps {@code Items} beside {@code CachedMethods}). A stand-in can write that
 * shape directly; the AWS adapter derives it from the SDK's model.
 *
 * <p>Errors: a missing resource or a role that may not read it is a {@link
 * dev.cutover.errors.PreconditionFailedException} naming the role and the resource; throttling
 * and 5xx are {@link dev.cutover.errors.TransientException}.
 */
public interface EdgeConfigs {

  /** The distribution's configuration, its ETag and its domain name. */
  DistributionSnapshot distribution(String id);

  /** A cache policy's {@code CachePolicyConfig}. */
  JsonNode cachePolicy(String id);

  /** An origin request policy's {@code OriginRequestPolicyConfig}. */
  JsonNode originRequestPolicy(String id);

  /** A response headers policy's {@code ResponseHeadersPolicyConfig}. */
  JsonNode responseHeadersPolicy(String id);

  /** An origin access control's {@code OriginAccessControlConfig}. */
  JsonNode originAccessControl(String id);

  /** A CloudFront Function's LIVE stage, by name. */
  EdgeFunction function(String name);
}
