package dev.cutover.local.edge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudfront.model.AllowedMethods;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponse;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;

/**
 * A deployed configuration read once into what serving a request needs: the behaviours in
 * CloudFront's order (the first matching path pattern, else the default), each origin's bucket
 * and origin path, the default root object and the custom error responses.
 */
final class ServingConfig {

  /** {@code <bucket>.s3.amazonaws.com}, {@code <bucket>.s3.<region>.amazonaws.com}, dual-stack and website forms. */
  private static final Pattern S3_DOMAIN = Pattern.compile("^(.+?)\\.s3(?:[.-][a-z0-9-]+)*\\.amazonaws\\.com(?:\\.cn)?$");

  record Behavior(String pathPattern, Pattern pattern, String targetOriginId, Set<String> allowedMethods, boolean compress, String responseHeadersPolicyId, String viewerProtocolPolicy) {

    boolean matches(String rawPath) {
      return pattern == null || pattern.matcher(rawPath).matches();
    }
  }

  /** An origin: the bucket it reads ({@code null} for a custom origin) and the origin path prepended. */
  record OriginTarget(String id, String domainName, String bucket, String originPath) {}

  final String distributionId;
  final String domainName;
  final boolean enabled;
  final List<String> aliases;
  final String defaultRootObject;
  final List<Behavior> behaviors;
  final Map<String, OriginTarget> origins;
  final Map<Integer, CustomErrorResponse> errorResponses;

  ServingConfig(String distributionId, String domainName, DistributionConfig config) {
    this.distributionId = distributionId;
    this.domainName = domainName;
    this.enabled = Boolean.TRUE.equals(config.enabled());
    this.aliases = DistributionView.aliasesOf(config);
    this.defaultRootObject = config.defaultRootObject() == null || config.defaultRootObject().isEmpty() ? null : config.defaultRootObject();
    Map<String, OriginTarget> o = new HashMap<>();
    if (config.origins() != null && config.origins().hasItems()) {
      for (Origin origin : config.origins().items()) {
        o.put(origin.id(), new OriginTarget(origin.id(), origin.domainName(), bucketOf(origin.domainName()), origin.originPath() == null ? "" : origin.originPath()));
      }
    }
    this.origins = Map.copyOf(o);
    List<Behavior> b = new ArrayList<>();
    if (config.cacheBehaviors() != null && config.cacheBehaviors().hasItems()) {
      for (CacheBehavior c : config.cacheBehaviors().items()) {
        b.add(new Behavior(c.pathPattern(), glob(c.pathPattern()), c.targetOriginId(), methods(c.allowedMethods()), Boolean.TRUE.equals(c.compress()),
            c.responseHeadersPolicyId(), c.viewerProtocolPolicyAsString()));
      }
    }
    DefaultCacheBehavior d = config.defaultCacheBehavior();
    if (d != null) {
      b.add(new Behavior("*", null, d.targetOriginId(), methods(d.allowedMethods()), Boolean.TRUE.equals(d.compress()), d.responseHeadersPolicyId(),
          d.viewerProtocolPolicyAsString()));
    }
    this.behaviors = List.copyOf(b);
    Map<Integer, CustomErrorResponse> e = new HashMap<>();
    if (config.customErrorResponses() != null && config.customErrorResponses().hasItems()) {
      for (CustomErrorResponse r : config.customErrorResponses().items()) {
        e.put(r.errorCode(), r);
      }
    }
    this.errorResponses = Map.copyOf(e);
  }

  /** The behaviour for a request path as sent: the first cache behaviour whose pattern matches, else the default. */
  Behavior behaviorFor(String rawPath) {
    for (Behavior b : behaviors) {
      if (b.matches(rawPath)) {
        return b;
      }
    }
    throw new IllegalStateException("distribution " + distributionId + " has no default cache behaviour");
  }

  /** The bucket an S3 origin domain names; {@code null} for any other origin. */
  static String bucketOf(String domainName) {
    if (domainName == null) {
      return null;
    }
    Matcher m = S3_DOMAIN.matcher(domainName.toLowerCase(Locale.ROOT));
    return m.matches() ? m.group(1) : null;
  }

  /**
   * A CloudFront path pattern as a regular expression over the path as sent: {@code *} any run of
   * characters, {@code ?} one; case-sensitive; a pattern without a leading {@code /} has one.
   */
  static Pattern glob(String pathPattern) {
    String p = pathPattern.startsWith("/") || pathPattern.startsWith("*") ? pathPattern : "/" + pathPattern;
    StringBuilder regex = new StringBuilder();
    for (char c : p.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static Set<String> methods(AllowedMethods allowed) {
    if (allowed == null || !allowed.hasItems()) {
      return Set.of("GET", "HEAD");
    }
    return new LinkedHashSet<>(allowed.itemsAsStrings());
  }
}
