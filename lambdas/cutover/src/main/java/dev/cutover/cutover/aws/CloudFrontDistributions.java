package dev.cutover.cutover.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.cutover.port.AliasEdit;
import dev.cutover.cutover.port.AliasHolder;
import dev.cutover.cutover.port.AliasTakenException;
import dev.cutover.cutover.port.Distribution;
import dev.cutover.cutover.port.DistributionRef;
import dev.cutover.cutover.port.Distributions;
import dev.cutover.cutover.port.VersionConflictException;
import dev.cutover.errors.InternalErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.ListDomainConflictsResponse;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;

/**
 * {@link Distributions} over the CloudFront API: GetDistribution; GetDistributionConfig then
 * UpdateDistribution with {@code If-Match} set to the ETag that read returned (so a configuration
 * changed by anyone in between is refused with PreconditionFailed instead of overwritten), sending
 * back the configuration's own bytes with only the aliases edited (see {@link RawXmlBodies}); and
 * ListDomainConflicts.
 */
public final class CloudFrontDistributions implements Distributions {

  private final Function<DistributionRef, CloudFrontClient> clients;

  /** @param clients the client to reach a distribution with (its side's role) */
  public CloudFrontDistributions(Function<DistributionRef, CloudFrontClient> clients) {
    this.clients = clients;
  }

  @Override
  public Distribution describe(DistributionRef ref) {
    software.amazon.awssdk.services.cloudfront.model.Distribution d;
    try {
      d = clients.apply(ref).getDistribution(r -> r.id(ref.distributionId())).distribution();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "GetDistribution " + ref.distributionId());
    }
    DistributionConfig config = d.distributionConfig();
    ViewerCertificate certificate = config.viewerCertificate();
    String acm = certificate == null ? null : certificate.acmCertificateArn();
    String source;
    if (acm != null) {
      source = "acm";
    } else if (certificate != null && certificate.iamCertificateId() != null) {
      source = "iam";
    } else {
      source = "cloudfront";
    }
    List<String> aliases = config.aliases() == null ? List.of() : config.aliases().items();
    return new Distribution(
        d.id(),
        d.domainName(),
        d.status(),
        Boolean.TRUE.equals(config.enabled()),
        Boolean.TRUE.equals(config.isIPV6Enabled()),
        aliases,
        acm,
        source);
  }

  @Override
  public AliasEdit editAliases(DistributionRef ref, UnaryOperator<List<String>> edit) {
    CloudFrontClient client = clients.apply(ref);
    String id = ref.distributionId();
    AtomicReference<byte[]> raw = new AtomicReference<>();
    GetDistributionConfigResponse current;
    try {
      current =
          client.getDistributionConfig(
              r -> r.id(id).overrideConfiguration(o -> o.putExecutionAttribute(RawXmlBodies.RECEIVED, raw)));
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "GetDistributionConfig " + id);
    }
    if (raw.get() == null || current.eTag() == null) {
      throw new InternalErrorException(
          "GetDistributionConfig " + id + " answered without a body or an ETag; cannot update it safely.");
    }
    List<String> before;
    byte[] body;
    List<String> after;
    try {
      before = DistributionConfigXml.aliases(raw.get());
      after = List.copyOf(edit.apply(before));
      if (after.equals(before)) {
        return new AliasEdit(before, before, false);
      }
      body = DistributionConfigXml.withAliases(raw.get(), after);
    } catch (IllegalArgumentException e) {
      throw new InternalErrorException("GetDistributionConfig " + id + " returned a body cutover cannot read: " + e.getMessage(), e);
    }
    try {
      client.updateDistribution(
          r ->
              r.id(id)
                  .ifMatch(current.eTag())
                  // The SDK marshals this; RawXmlBodies sends the edited bytes in its place.
                  .distributionConfig(current.distributionConfig())
                  .overrideConfiguration(o -> o.putExecutionAttribute(RawXmlBodies.SEND, body)));
    } catch (CloudFrontException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if ("PreconditionFailed".equals(code)) {
        throw new VersionConflictException(
            "distribution " + id + " changed since its configuration was read (ETag " + current.eTag() + ")", e);
      }
      if ("CNAMEAlreadyExists".equals(code)) {
        throw new AliasTakenException(
            "CloudFront refused the aliases " + after + " for " + id + ": " + e.awsErrorDetails().errorMessage(), e);
      }
      throw AwsErrors.translate(e, "UpdateDistribution " + id);
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "UpdateDistribution " + id);
    }
    return new AliasEdit(before, after, true);
  }

  @Override
  public List<AliasHolder> holders(DistributionRef validator, String alias) {
    CloudFrontClient client = clients.apply(validator);
    List<AliasHolder> holders = new ArrayList<>();
    String marker = null;
    try {
      do {
        String page = marker;
        ListDomainConflictsResponse response =
            client.listDomainConflicts(
                r ->
                    r.domain(alias)
                        .domainControlValidationResource(v -> v.distributionId(validator.distributionId()))
                        .maxItems(100)
                        .marker(page));
        response.domainConflicts().forEach(c -> holders.add(new AliasHolder(c.domain(), c.resourceTypeAsString(), c.resourceId(), c.accountId())));
        marker = response.nextMarker() == null || response.nextMarker().isEmpty() ? null : response.nextMarker();
      } while (marker != null);
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "ListDomainConflicts " + alias);
    }
    return holders;
  }
}
