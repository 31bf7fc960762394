package dev.cutover.local.edge;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;

/**
 * A distribution as GetDistribution answers for it: the latest configuration written (what the
 * API shows), its version, and whether it has reached the edge yet. The edge routes with {@link
 * #deployedConfig()}, which lags {@link #config()} while the status is InProgress.
 *
 * @param id e.g. {@code E2QWRUHAPOMQZL}
 * @param accountId the account that owns it
 * @param arn {@code arn:aws:cloudfront::<account>:distribution/<id>}
 * @param domainName its own name, e.g. {@code d111111abcdef8.cloudfront.net}
 * @param status {@link #DEPLOYED} or {@link #IN_PROGRESS}
 * @param etag the version of {@link #config()}, for {@code If-Match}
 * @param lastModified when {@link #config()} was written
 * @param config the configuration as last written
 * @param deployedConfig the configuration edge locations serve with; {@code null} until a new
 *     distribution first deploys
 */
public record DistributionView(
    String id,
    String accountId,
    String arn,
    String domainName,
    String status,
    String etag,
    Instant lastModified,
    DistributionConfig config,
    DistributionConfig deployedConfig) {

  public static final String DEPLOYED = "Deployed";
  public static final String IN_PROGRESS = "InProgress";

  public boolean deployed() {
    return DEPLOYED.equals(status);
  }

  /** The aliases of {@link #config()}, as written. */
  public List<String> aliases() {
    return aliasesOf(config);
  }

  static List<String> aliasesOf(DistributionConfig config) {
    return config == null || config.aliases() == null || !config.aliases().hasItems() ? List.of() : config.aliases().items();
  }
}
