package dev.cutover.local.edge.ports;

import dev.cutover.cutover.port.AliasEdit;
import dev.cutover.cutover.port.AliasHolder;
import dev.cutover.cutover.port.AliasTakenException;
import dev.cutover.cutover.port.Distribution;
import dev.cutover.cutover.port.DistributionRef;
import dev.cutover.cutover.port.Distributions;
import dev.cutover.cutover.port.VersionConflictException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.local.edge.DistributionView;
import dev.cutover.local.edge.EdgeException;
import dev.cutover.local.edge.LocalEdge;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.cloudfront.model.Aliases;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;

/**
 * The cutover's {@link Distributions} on the local edge, as {@code CloudFrontDistributions} does it
 * on CloudFront: GetDistribution, GetDistributionConfig + UpdateDistribution with {@code If-Match}
 * (only the aliases edited, every other setting written back as read), and ListDomainConflicts.
 * A distribution is reached as its own account: a ref naming another account is refused as
 * CloudFront refuses a role of the wrong account. {@code PreconditionFailed} becomes {@link
 * VersionConflictException}, {@code CNAMEAlreadyExists} {@link AliasTakenException}.
 */
public final class CutoverDistributions implements Distributions {

  private final LocalEdge edge;

  public CutoverDistributions(LocalEdge edge) {
    this.edge = edge;
  }

  @Override
  public Distribution describe(DistributionRef ref) {
    DistributionView d = read(ref);
    DistributionConfig c = d.config();
    ViewerCertificate cert = c.viewerCertificate();
    String acm = cert == null || cert.acmCertificateArn() == null || cert.acmCertificateArn().isEmpty() ? null : cert.acmCertificateArn();
    String source = acm != null ? "acm" : cert != null && cert.iamCertificateId() != null && !cert.iamCertificateId().isEmpty() ? "iam" : "cloudfront";
    return new Distribution(d.id(), d.domainName(), d.status(), Boolean.TRUE.equals(c.enabled()), Boolean.TRUE.equals(c.isIPV6Enabled()), d.aliases(), acm, source);
  }

  @Override
  public AliasEdit editAliases(DistributionRef ref, UnaryOperator<List<String>> edit) {
    DistributionView d = read(ref);
    List<String> before = d.aliases();
    List<String> after = List.copyOf(edit.apply(before));
    if (after.equals(before)) {
      return new AliasEdit(before, before, false);
    }
    DistributionConfig edited = d.config().toBuilder().aliases(Aliases.builder().quantity(after.size()).items(after).build()).build();
    try {
      edge.updateDistribution(d.id(), edited, d.etag());
    } catch (EdgeException e) {
      switch (e.code()) {
        case EdgeException.PRECONDITION_FAILED ->
            throw new VersionConflictException("distribution " + d.id() + " changed since its configuration was read (ETag " + d.etag() + ")", e);
        case EdgeException.CNAME_ALREADY_EXISTS ->
            throw new AliasTakenException("CloudFront refused the aliases " + after + " for " + d.id() + ": " + e.getMessage(), e);
        default -> throw new PreconditionFailedException("UpdateDistribution " + d.id() + " was refused: " + e.getMessage(), e);
      }
    }
    return new AliasEdit(before, after, true);
  }

  @Override
  public List<AliasHolder> holders(DistributionRef validator, String alias) {
    read(validator);
    List<AliasHolder> out = new ArrayList<>();
    for (LocalEdge.AliasConflict c : edge.aliasConflicts(alias)) {
      boolean own = c.accountId().equals(validator.accountId());
      out.add(new AliasHolder(c.alias(), "distribution", own ? c.distributionId() : mask(c.distributionId()), own ? c.accountId() : mask(c.accountId())));
    }
    return out;
  }

  private DistributionView read(DistributionRef ref) {
    DistributionView d;
    try {
      d = edge.distribution(ref.distributionId());
    } catch (EdgeException e) {
      throw new PreconditionFailedException(
          "CloudFront distribution " + ref.distributionId() + " does not exist (" + e.code() + "). Check the distribution id in the plan.", e);
    }
    if (!d.accountId().equals(ref.accountId())) {
      throw new PreconditionFailedException(
          "CloudFront distribution " + ref.distributionId() + " is in account " + d.accountId() + ", not " + ref.accountId()
              + ": role " + ref.roleArn() + " may not read it (AccessDenied). Check the account of that side in the plan.", null);
    }
    return d;
  }

  /** As ListDomainConflicts shows another account's resource: the start hidden, the length kept. */
  static String mask(String id) {
    int keep = Math.min(id.length(), Math.max(4, id.length() / 2));
    return "*".repeat(id.length() - keep) + id.substring(id.length() - keep);
  }
}
