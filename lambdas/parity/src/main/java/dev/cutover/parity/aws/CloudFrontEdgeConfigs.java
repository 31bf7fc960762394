package dev.cutover.parity.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.AwsErrors;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.parity.port.DistributionSnapshot;
import dev.cutover.parity.port.EdgeConfigs;
import dev.cutover.parity.port.EdgeFunction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DescribeFunctionResponse;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.FunctionConfig;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.GetFunctionResponse;

/**
 * {@link EdgeConfigs} over the CloudFront API, read only: {@code GetDistribution}, {@code
 * GetCachePolicy}, {@code GetOriginRequestPolicy}, {@code GetResponseHeadersPolicy}, {@code
 * GetOriginAccessControl}, {@code DescribeFunction} and {@code GetFunction} (LIVE stage), which
 * are the IAM actions the role needs.
 *
 * <p>GetDistribution rather than GetDistributionConfig: one response carries the configuration,
 * its ETag and the {@code *.cloudfront.net} domain name the probes use, so the three always
 * belong to the same version of the distribution.
 *
 * <p>A missing resource ({@code NoSuch…}) or a denied call is a {@link
 * PreconditionFailedException} naming the role and the resource; throttling and 5xx go through
 * {@link AwsErrors#translate} and are retried by the workflow.
 */
public final class CloudFrontEdgeConfigs implements EdgeConfigs {

  private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException");

  private final CloudFrontClient cloudFront;
  private final String role;

  /**
   * @param roleArn the role the client's credentials come from, for messages; {@code null} for
   *     the step's own role
   */
  public CloudFrontEdgeConfigs(CloudFrontClient cloudFront, String roleArn) {
    this.cloudFront = cloudFront;
    this.role = roleArn == null || roleArn.isBlank() ? "the step's own role" : "role " + roleArn;
  }

  @Override
  public DistributionSnapshot distribution(String id) {
    GetDistributionResponse response =
        call("GetDistribution", "CloudFront distribution " + id, () -> cloudFront.getDistribution(r -> r.id(id)));
    Distribution d = response.distribution();
    return new DistributionSnapshot(d.id(), d.domainName(), d.status(), response.eTag(), ApiTrees.of(d.distributionConfig()));
  }

  @Override
  public JsonNode cachePolicy(String id) {
    return ApiTrees.of(
        call("GetCachePolicy", "cache policy " + id, () -> cloudFront.getCachePolicy(r -> r.id(id)))
            .cachePolicy()
            .cachePolicyConfig());
  }

  @Override
  public JsonNode originRequestPolicy(String id) {
    return ApiTrees.of(
        call("GetOriginRequestPolicy", "origin request policy " + id, () -> cloudFront.getOriginRequestPolicy(r -> r.id(id)))
            .originRequestPolicy()
            .originRequestPolicyConfig());
  }

  @Override
  public JsonNode responseHeadersPolicy(String id) {
    return ApiTrees.of(
        call("GetResponseHeadersPolicy", "response headers policy " + id, () -> cloudFront.getResponseHeadersPolicy(r -> r.id(id)))
            .responseHeadersPolicy()
            .responseHeadersPolicyConfig());
  }

  @Override
  public JsonNode originAccessControl(String id) {
    return ApiTrees.of(
        call("GetOriginAccessControl", "origin access control " + id, () -> cloudFront.getOriginAccessControl(r -> r.id(id)))
            .originAccessControl()
            .originAccessControlConfig());
  }

  @Override
  public EdgeFunction function(String name) {
    String what = "CloudFront Function " + name + " (LIVE stage)";
    DescribeFunctionResponse described =
        call("DescribeFunction", what, () -> cloudFront.describeFunction(r -> r.name(name).stage(FunctionStage.LIVE)));
    GetFunctionResponse code =
        call("GetFunction", what, () -> cloudFront.getFunction(r -> r.name(name).stage(FunctionStage.LIVE)));
    FunctionConfig config = described.functionSummary().functionConfig();
    int stores = config.keyValueStoreAssociations() == null || config.keyValueStoreAssociations().quantity() == null
        ? 0
        : config.keyValueStoreAssociations().quantity();
    return new EdgeFunction(name, config.runtimeAsString(), sha256(code.functionCode().asByteArrayUnsafe()), stores);
  }

  private <T> T call(String operation, String resource, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
      String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      if (e.isThrottlingException() || e.statusCode() >= 500) {
        throw AwsErrors.translate(e, operation);
      }
      if (e.statusCode() == 403 || ACCESS_DENIED.contains(code)) {
        throw new PreconditionFailedException(
            "CloudFront " + operation + " of " + resource + " was denied to " + role + " (" + code + ": " + message
                + "). Allow cloudfront:" + operation + " in that role's policy; the parity step only reads.",
            e);
      }
      if (e.statusCode() == 404 || (code != null && code.startsWith("NoSuch"))) {
        throw new PreconditionFailedException(
            "The " + resource + " does not exist in the account of " + role + " (" + operation + ": " + code + ": " + message
                + "). Check the distribution id and role ARN of that side in the plan.",
            e);
      }
      throw AwsErrors.translate(e, operation);
    } catch (SdkException e) {
      throw AwsErrors.translate(e, operation);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
