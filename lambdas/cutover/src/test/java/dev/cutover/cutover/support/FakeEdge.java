package dev.cutover.cutover.support;

import dev.cutover.cutover.port.AliasEdit;
import dev.cutover.cutover.port.AliasHolder;
import dev.cutover.cutover.port.AliasTakenException;
import dev.cutover.cutover.port.Distribution;
import dev.cutover.cutover.port.DistributionRef;
import dev.cutover.cutover.port.Distributions;
import dev.cutover.cutover.port.VersionConflictException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * CloudFront as the cutover sees it, in memory, with the rules that matter to it: an alias sits on
 * one distribution at a time (CNAMEAlreadyExists), a write is refused when the configuration
 * changed since the read (PreconditionFailed on If-Match), a change is InProgress until deployed,
 * and meanwhile an edge location may route with either the old or the new aliases. {@link
 * #servedEverywhere} checks the zero-downtime property against that last rule.
 */
public final class FakeEdge implements Distributions {

  /** One distribution. */
  public static final class Dist {
    public final String id;
    public final String account;
    public final String domainName;
    public List<String> aliases;
    List<String> deployedAliases;
    public boolean enabled = true;
    public boolean ipv6 = true;
    public String status = Distribution.DEPLOYED;
    public String acmCertificateArn;
    int version = 1;

    Dist(String id, String account, String domainName, List<String> aliases, String acmCertificateArn) {
      this.id = id;
      this.account = account;
      this.domainName = domainName;
      this.aliases = List.copyOf(aliases);
      this.deployedAliases = List.copyOf(aliases);
      this.acmCertificateArn = acmCertificateArn;
    }

    /** Someone else edits the configuration (a new version, aliases unchanged). */
    public void touch() {
      version++;
    }
  }

  private final Map<String, Dist> distributions = new LinkedHashMap<>();
  private final Deque<Runnable> beforeWrite = new ArrayDeque<>();
  private int writes;
  private int conflicts;

  public Dist add(String id, String account, String domainName, List<String> aliases, String acmCertificateArn) {
    Dist d = new Dist(id, account, domainName, aliases, acmCertificateArn);
    distributions.put(id, d);
    return d;
  }

  public Dist get(String id) {
    return distributions.get(id);
  }

  /** Runs {@code interference} between the next edit's read and its write. */
  public void beforeNextWrite(Runnable interference) {
    beforeWrite.add(interference);
  }

  /** Every pending change reaches every edge location. */
  public void deployAll() {
    distributions.values().forEach(d -> {
      d.deployedAliases = d.aliases;
      d.status = Distribution.DEPLOYED;
    });
  }

  /** Configurations written (effective updates). */
  public int writes() {
    return writes;
  }

  /** Writes refused because the configuration had moved. */
  public int conflicts() {
    return conflicts;
  }

  @Override
  public Distribution describe(DistributionRef ref) {
    Dist d = require(ref);
    return new Distribution(
        d.id, d.domainName, d.status, d.enabled, d.ipv6, d.aliases, d.acmCertificateArn, d.acmCertificateArn == null ? "cloudfront" : "acm");
  }

  @Override
  public AliasEdit editAliases(DistributionRef ref, UnaryOperator<List<String>> edit) {
    Dist d = require(ref);
    int read = d.version;
    List<String> before = d.aliases;
    List<String> after = List.copyOf(edit.apply(before));
    if (after.equals(before)) {
      return new AliasEdit(before, before, false);
    }
    if (!beforeWrite.isEmpty()) {
      beforeWrite.poll().run();
    }
    if (d.version != read) {
      conflicts++;
      throw new VersionConflictException("distribution " + d.id + " changed since it was read", null);
    }
    for (String alias : after) {
      if (before.contains(alias)) {
        continue;
      }
      Optional<Dist> holder = distributions.values().stream().filter(o -> o != d && o.aliases.contains(alias)).findFirst();
      if (holder.isPresent()) {
        throw new AliasTakenException("CNAMEAlreadyExists: " + alias + " is on " + holder.get().id, null);
      }
    }
    d.aliases = after;
    d.version++;
    d.status = Distribution.IN_PROGRESS;
    writes++;
    return new AliasEdit(before, after, true);
  }

  @Override
  public List<AliasHolder> holders(DistributionRef validator, String alias) {
    List<AliasHolder> out = new ArrayList<>();
    for (Dist d : distributions.values()) {
      boolean own = d.account.equals(validator.accountId());
      for (String a : d.aliases) {
        if (overlaps(a, alias)) {
          out.add(new AliasHolder(a, "distribution", own ? d.id : mask(d.id), own ? d.account : mask(d.account)));
        }
      }
    }
    return out;
  }

  /**
   * Whether every edge location routes {@code host} to some enabled distribution, whichever of
   * their old (deployed) and new aliases each in-progress distribution is seen with there.
   */
  public boolean servedEverywhere(String host) {
    List<Dist> all = new ArrayList<>(distributions.values());
    for (int combination = 0; combination < (1 << all.size()); combination++) {
      boolean served = false;
      for (int i = 0; i < all.size(); i++) {
        Dist d = all.get(i);
        List<String> seen = (combination & (1 << i)) == 0 ? d.deployedAliases : d.aliases;
        served |= d.enabled && seen.stream().anyMatch(a -> matches(a, host));
      }
      if (!served) {
        return false;
      }
    }
    return true;
  }

  /** The distribution serving {@code host} once everything is deployed: the most specific alias wins. */
  public String servedBy(String host) {
    for (Dist d : distributions.values()) {
      if (d.enabled && d.deployedAliases.contains(host)) {
        return d.id;
      }
    }
    for (Dist d : distributions.values()) {
      if (d.enabled && d.deployedAliases.stream().anyMatch(a -> matches(a, host))) {
        return d.id;
      }
    }
    return null;
  }

  private Dist require(DistributionRef ref) {
    Dist d = distributions.get(ref.distributionId());
    if (d == null) {
      throw new AssertionError("no distribution " + ref.distributionId());
    }
    if (!d.account.equals(ref.accountId())) {
      throw new AssertionError(ref.distributionId() + " is in " + d.account + ", asked as " + ref.accountId());
    }
    return d;
  }

  private static boolean matches(String alias, String host) {
    return alias.equals(host) || (alias.startsWith("*.") && host.indexOf('.') > 0 && host.substring(host.indexOf('.')).equals(alias.substring(1)));
  }

  private static boolean overlaps(String a, String b) {
    return matches(a, b) || matches(b, a);
  }

  private static String mask(String id) {
    int keep = id.length() / 2;
    return "*".repeat(id.length() - keep) + id.substring(id.length() - keep);
  }
}
