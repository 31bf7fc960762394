package dev.cutover.local.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.cloudfront.model.AllowedMethods;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponse;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Method;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;

/**
 * Distribution configurations for an S3 bucket of web assets as a console or a stack makes them:
 * one S3 REST origin ({@code <bucket>.s3.<region>.amazonaws.com}, origin access control), the
 * managed CachingOptimized cache policy, compression on, HTTPS redirect, GET and HEAD, IPv6, HTTP/2
 * and 3. Each setting parity compares can be changed, so a rehearsal can set up blue and green
 * alike — or differing, to show the gate.
 */
public final class DistributionConfigs {

  private DistributionConfigs() {}

  /** A configuration serving {@code bucket} (in {@code region}) through origin {@code bucket-origin}. */
  public static Builder s3(String bucket, String region) {
    return new Builder(bucket, region);
  }

  /** A configuration being made. */
  public static final class Builder {
    private final String bucket;
    private final String region;
    private String callerReference;
    private String comment = "";
    private final List<String> aliases = new ArrayList<>();
    private String originPath = "";
    private String originAccessControlId = "";
    private String defaultRootObject = "";
    private final List<CustomErrorResponse> errors = new ArrayList<>();
    private final List<CacheBehavior> behaviors = new ArrayList<>();
    private String cachePolicyId = ManagedIds.CACHING_OPTIMIZED;
    private String originRequestPolicyId = ManagedIds.CORS_S3_ORIGIN;
    private String responseHeadersPolicyId;
    private boolean compress = true;
    private String viewerProtocolPolicy = "redirect-to-https";
    private List<String> methods = List.of("GET", "HEAD");
    private String priceClass = "PriceClass_100";
    private String httpVersion = "http2and3";
    private boolean ipv6 = true;
    private boolean enabled = true;
    private String acmCertificateArn;

    private Builder(String bucket, String region) {
      this.bucket = bucket;
      this.region = region;
      this.callerReference = "cutover-local-" + bucket;
    }

    public Builder callerReference(String reference) {
      this.callerReference = reference;
      return this;
    }

    public Builder comment(String comment) {
      this.comment = comment;
      return this;
    }

    /** Alternate domain names, exact or {@code *.parent}. */
    public Builder aliases(String... names) {
      aliases.clear();
      aliases.addAll(List.of(names));
      return this;
    }

    /** Prepended to every request path, e.g. {@code /static}. */
    public Builder originPath(String path) {
      this.originPath = path;
      return this;
    }

    public Builder originAccessControl(String id) {
      this.originAccessControlId = id;
      return this;
    }

    public Builder defaultRootObject(String key) {
      this.defaultRootObject = key;
      return this;
    }

    /** A custom error response: origin status {@code errorCode} answered with page {@code pagePath} and {@code responseCode}. */
    public Builder errorResponse(int errorCode, String pagePath, int responseCode) {
      errors.add(CustomErrorResponse.builder().errorCode(errorCode).responsePagePath(pagePath).responseCode(Integer.toString(responseCode)).errorCachingMinTTL(10L).build());
      return this;
    }

    public Builder cachePolicy(String id) {
      this.cachePolicyId = id;
      return this;
    }

    public Builder originRequestPolicy(String id) {
      this.originRequestPolicyId = id;
      return this;
    }

    /** The default behaviour's response headers policy. */
    public Builder responseHeadersPolicy(String id) {
      this.responseHeadersPolicyId = id;
      return this;
    }

    public Builder compress(boolean on) {
      this.compress = on;
      return this;
    }

    public Builder viewerProtocolPolicy(String policy) {
      this.viewerProtocolPolicy = policy;
      return this;
    }

    public Builder allowedMethods(String... methods) {
      this.methods = List.of(methods);
      return this;
    }

    /** A cache behaviour before the default, to the same origin. */
    public Builder behavior(String pathPattern, boolean compress, String responseHeadersPolicyId) {
      behaviors.add(CacheBehavior.builder()
          .pathPattern(pathPattern)
          .targetOriginId(originId())
          .viewerProtocolPolicy(viewerProtocolPolicy)
          .allowedMethods(allowed(List.of("GET", "HEAD")))
          .compress(compress)
          .smoothStreaming(false)
          .cachePolicyId(cachePolicyId)
          .responseHeadersPolicyId(responseHeadersPolicyId)
          .trustedSigners(t -> t.enabled(false).quantity(0))
          .trustedKeyGroups(t -> t.enabled(false).quantity(0))
          .lambdaFunctionAssociations(l -> l.quantity(0))
          .functionAssociations(f -> f.quantity(0))
          .fieldLevelEncryptionId("")
          .build());
      return this;
    }

    public Builder priceClass(String priceClass) {
      this.priceClass = priceClass;
      return this;
    }

    public Builder httpVersion(String version) {
      this.httpVersion = version;
      return this;
    }

    public Builder ipv6(boolean on) {
      this.ipv6 = on;
      return this;
    }

    public Builder enabled(boolean on) {
      this.enabled = on;
      return this;
    }

    /** Viewers see this ACM certificate (SNI); without one, the default *.cloudfront.net certificate. */
    public Builder certificate(String acmCertificateArn) {
      this.acmCertificateArn = acmCertificateArn;
      return this;
    }

    private String originId() {
      return bucket + "-origin";
    }

    private static AllowedMethods allowed(List<String> methods) {
      return AllowedMethods.builder()
          .quantity(methods.size())
          .itemsWithStrings(methods)
          .cachedMethods(c -> c.quantity(2).items(Method.GET, Method.HEAD))
          .build();
    }

    public DistributionConfig build() {
      Origin origin = Origin.builder()
          .id(originId())
          .domainName(bucket.toLowerCase(Locale.ROOT) + ".s3." + region + ".amazonaws.com")
          .originPath(originPath)
          .customHeaders(h -> h.quantity(0))
          .s3OriginConfig(s -> s.originAccessIdentity(""))
          .connectionAttempts(3)
          .connectionTimeout(10)
          .originShield(s -> s.enabled(false))
          .originAccessControlId(originAccessControlId)
          .build();
      ViewerCertificate certificate = acmCertificateArn == null
          ? ViewerCertificate.builder().cloudFrontDefaultCertificate(true).minimumProtocolVersion("TLSv1").certificateSource("cloudfront").build()
          : ViewerCertificate.builder().cloudFrontDefaultCertificate(false).acmCertificateArn(acmCertificateArn).sslSupportMethod("sni-only")
              .minimumProtocolVersion("TLSv1.2_2021").certificate(acmCertificateArn).certificateSource("acm").build();
      return DistributionConfig.builder()
          .callerReference(callerReference)
          .aliases(a -> a.quantity(aliases.size()).items(aliases))
          .defaultRootObject(defaultRootObject)
          .origins(o -> o.quantity(1).items(origin))
          .originGroups(g -> g.quantity(0))
          .defaultCacheBehavior(d -> d
              .targetOriginId(originId())
              .trustedSigners(t -> t.enabled(false).quantity(0))
              .trustedKeyGroups(t -> t.enabled(false).quantity(0))
              .viewerProtocolPolicy(viewerProtocolPolicy)
              .allowedMethods(allowed(methods))
              .smoothStreaming(false)
              .compress(compress)
              .lambdaFunctionAssociations(l -> l.quantity(0))
              .functionAssociations(f -> f.quantity(0))
              .fieldLevelEncryptionId("")
              .cachePolicyId(cachePolicyId)
              .originRequestPolicyId(originRequestPolicyId)
              .responseHeadersPolicyId(responseHeadersPolicyId))
          .cacheBehaviors(c -> c.quantity(behaviors.size()).items(behaviors))
          .customErrorResponses(e -> e.quantity(errors.size()).items(errors))
          .comment(comment)
          .logging(l -> l.enabled(false).includeCookies(false).bucket("").prefix(""))
          .priceClass(priceClass)
          .enabled(enabled)
          .viewerCertificate(certificate)
          .restrictions(r -> r.geoRestriction(g -> g.restrictionType("none").quantity(0)))
          .webACLId("")
          .httpVersion(httpVersion)
          .isIPV6Enabled(ipv6)
          .continuousDeploymentPolicyId("")
          .staging(false)
          .build();
    }
  }
}
