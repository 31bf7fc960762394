package dev.cutover.cutover.port;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The CloudFront distributions of both sides, as far as moving an alias needs them. In AWS:
 * GetDistribution, GetDistributionConfig + UpdateDistribution with {@code If-Match}, and
 * ListDomainConflicts; locally, the stand-in edge.
 */
public interface Distributions {

  /** The distribution as it is now. */
  Distribution describe(DistributionRef ref);

  /**
   * Reads the distribution's configuration, applies {@code edit} to its aliases and, when the
   * result differs, writes the configuration back with only the aliases changed, on condition that
   * nothing changed it since the read. {@code edit} may throw to refuse; nothing is written then.
   *
   * @throws VersionConflictException when the configuration changed between the read and the write
   * @throws AliasTakenException when an added alias is held by another distribution
   */
  AliasEdit editAliases(DistributionRef ref, UnaryOperator<List<String>> edit);

  /**
   * The aliases in use that overlap {@code alias} (the alias itself, and wildcards covering it),
   * with who holds them.
   *
   * @param validator a distribution of the caller whose certificate covers {@code alias}: CloudFront
   *     only answers to someone who could add it
   */
  List<AliasHolder> holders(DistributionRef validator, String alias);
}
