package dev.cutover.local.edge.ports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.local.edge.DistributionView;
import dev.cutover.local.edge.EdgeException;
import dev.cutover.local.edge.LocalEdge;
import dev.cutover.parity.aws.ApiTrees;
import dev.cutover.parity.port.DistributionSnapshot;
import dev.cutover.parity.port.EdgeConfigs;
import dev.cutover.parity.port.EdgeFunction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Parity's {@link EdgeConfigs} for one account on the local edge: the configurations are the SDK
 * model objects the edge holds, turned into the API shape by the same {@link ApiTrees} the AWS
 * adapter uses, so the normaliser compares exactly what it would compare in AWS. A resource that
 * does not exist, or belongs to another account, is a {@link PreconditionFailedException} naming
 * it, as CloudFront's NoSuch… and AccessDenied are in the AWS adapter.
 */
public final class ParityEdgeConfigs implements EdgeConfigs {

  private final LocalEdge edge;
  private final String accountId;

  /** The edge as seen from {@code accountId}. */
  public ParityEdgeConfigs(LocalEdge edge, String accountId) {
    this.edge = edge;
    this.accountId = accountId;
  }

  @Override
  public DistributionSnapshot distribution(String id) {
    DistributionView d;
    try {
      d = edge.distribution(id);
    } catch (EdgeException e) {
      throw missing("CloudFront distribution " + id, "GetDistribution", e);
    }
    if (!d.accountId().equals(accountId)) {
      throw missing("CloudFront distribution " + id, "GetDistribution", null);
    }
    return new DistributionSnapshot(d.id(), d.domainName(), d.status(), d.etag(), ApiTrees.of(d.config()));
  }

  @Override
  public JsonNode cachePolicy(String id) {
    return ApiTrees.of(own(edge.cachePolicy(id), "cache policy " + id, "GetCachePolicy"));
  }

  @Override
  public JsonNode originRequestPolicy(String id) {
    return ApiTrees.of(own(edge.originRequestPolicy(id), "origin request policy " + id, "GetOriginRequestPolicy"));
  }

  @Override
  public JsonNode responseHeadersPolicy(String id) {
    return ApiTrees.of(own(edge.responseHeadersPolicy(id), "response headers policy " + id, "GetResponseHeadersPolicy"));
  }

  @Override
  public JsonNode originAccessControl(String id) {
    return ApiTrees.of(own(edge.originAccessControl(id), "origin access control " + id, "GetOriginAccessControl"));
  }

  @Override
  public EdgeFunction function(String name) {
    LocalEdge.EdgeFunctionCode f = edge.function(accountId, name)
        .orElseThrow(() -> missing("CloudFront Function " + name + " (LIVE stage)", "DescribeFunction", null));
    return new EdgeFunction(f.name(), f.runtime(), sha256(f.code()), f.keyValueStores());
  }

  private <T> T own(Optional<LocalEdge.Resource<T>> resource, String what, String operation) {
    return resource.filter(r -> r.accountId().equals(accountId)).map(LocalEdge.Resource::config).orElseThrow(() -> missing(what, operation, null));
  }

  private PreconditionFailedException missing(String what, String operation, Throwable cause) {
    return new PreconditionFailedException(
        "The " + what + " does not exist in account " + accountId + " (" + operation + ": NoSuchResource). Check the distribution id and role ARN of that side in the plan.",
        cause);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
