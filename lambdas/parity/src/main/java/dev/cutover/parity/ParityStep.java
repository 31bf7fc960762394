package dev.cutover.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.InternalErrorException;
import dev.cutover.json.Json;
import dev.cutover.parity.port.AccountRef;
import dev.cutover.parity.port.Accounts;
import dev.cutover.parity.port.BucketRef;
import dev.cutover.parity.port.DistributionSnapshot;
import dev.cutover.parity.port.EdgeConfigs;
import dev.cutover.parity.port.Probe;
import dev.cutover.parity.port.ProbeResponse;
import dev.cutover.parity.port.ReportLocation;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Side;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Proves the green distribution serves what blue serves, or says exactly where it does not: first
 * the two configurations, normalised ({@link Normalizer}) and diffed ({@link ConfigDiff}), with the
 * plan's allow-list applied; then the same requests through both distributions' own {@code
 * *.cloudfront.net} names ({@link ProbeComparison}). Reads only: nothing is changed on either side.
 *
 * <p>The probed keys are the ones the workflow gives (the log scan's hottest first), else a sample
 * spread evenly over the first page (up to {@value #LISTING_PAGE} keys) of blue's listing under the
 * plan's prefix; at most {@code validation.probeSampleSize} either way. When blue has a default
 * root object, the root {@code /} is probed as well. Every probe sends {@code Accept-Encoding: gzip,
 * br}, so compression is compared, and {@code Origin: https://<dns.hostname>}, so CORS is.
 */
final class ParityStep {

  static final int LISTING_PAGE = 1000;
  static final String ROOT_KEY = "/";
  static final String USER_AGENT = "cutover-parity";

  private final Accounts accounts;
  private final Probe probe;
  private final Function<String, URI> edgeAddress;
  private final int concurrency;

  /**
   * @param edgeAddress a distribution's domain name to the base URL its probes go to: {@code
   *     https://<name>} in AWS; tests and the local runtime map it to a loopback server
   * @param concurrency keys probed at once (each key is fetched from both sides)
   */
  ParityStep(Accounts accounts, Probe probe, Function<String, URI> edgeAddress, int concurrency) {
    this.accounts = accounts;
    this.probe = probe;
    this.edgeAddress = edgeAddress;
    this.concurrency = concurrency;
  }

  ParityResult run(ParityJob job, Deadline deadline) {
    Plan plan = job.plan();
    String session = plan.migrationId();
    Side blue = plan.source();
    Side green = plan.target();
    EdgeConfigs blueEdge = accounts.edge(new AccountRef(blue.accountId(), blue.roleArn(), session, blue.region()));
    EdgeConfigs greenEdge = accounts.edge(new AccountRef(green.accountId(), green.roleArn(), session, green.region()));

    ConfigParity config =
        ConfigParity.compare(
            new ConfigParity.Side(blueEdge, blue.distributionId(), blue.bucket()),
            new ConfigParity.Side(greenEdge, green.distributionId(), green.bucket()),
            plan.validation().parityAllow());
    List<ConfigFinding> configFindings = config.findings();
    DistributionSnapshot blueDistribution = config.blue();
    DistributionSnapshot greenDistribution = config.green();

    List<Target> targets = targets(job, blueDistribution);
    List<Probed> probes = probe(targets, blueDistribution, greenDistribution, plan, deadline);
    List<ProbeFinding> probeFindings = new ArrayList<>();
    probes.forEach(p -> probeFindings.addAll(p.findings()));

    long allowed = configFindings.stream().filter(ConfigFinding::allowed).count();
    long notProbed = targets.size() - probes.size();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("configDifferences", (long) configFindings.size());
    counts.put("configDifferencesAllowed", allowed);
    counts.put("probeDifferences", (long) probeFindings.size());
    counts.put("keysWithProbeDifferences", probes.stream().filter(p -> !p.findings().isEmpty()).count());
    counts.put("keysProbed", (long) probes.size());
    counts.put("keysNotProbed", notProbed);
    boolean passed = configFindings.size() == allowed && probeFindings.isEmpty() && notProbed == 0;

    EdgeSummary blueSummary = EdgeSummary.of(blueDistribution);
    EdgeSummary greenSummary = EdgeSummary.of(greenDistribution);
    ObjectNode report = JsonNodeFactory.instance.objectNode();
    report.put("migrationId", plan.migrationId());
    report.put("executionId", job.executionId());
    report.put("passed", passed);
    report.set("blue", Json.mapper().valueToTree(blueSummary));
    report.set("green", Json.mapper().valueToTree(greenSummary));
    report.set("parityAllow", Json.mapper().valueToTree(plan.validation().parityAllow()));
    report.set("counts", Json.mapper().valueToTree(counts));
    report.set("configFindings", Json.mapper().valueToTree(configFindings));
    report.set("probeFindings", Json.mapper().valueToTree(probeFindings));
    ArrayNode probed = report.putArray("probes");
    probes.forEach(p -> probed.add(p.json()));
    ObjectNode normalised = report.putObject("normalisedConfigs");
    normalised.set("blue", config.blueConfig().json());
    normalised.set("green", config.greenConfig().json());
    // The report bucket is in green's account (PlanValidator keeps it apart from both buckets).
    ReportLocation location =
        accounts
            .reports(new BucketRef(plan.batch().reportBucket(), green.region(), green.roleArn(), session, green.accountId()))
            .put(job.reportKey(), Json.write(report).getBytes(StandardCharsets.UTF_8), "application/json");

    return new ParityResult(
        passed,
        plan.migrationId(),
        blueSummary,
        greenSummary,
        Examples.config(configFindings),
        Examples.probe(probeFindings),
        counts,
        probes.size(),
        location);
  }

  // ---------------------------------------------------------------- probes

  private record Target(String key, String path) {}

  private record Probed(Target target, ProbeResponse blue, ProbeResponse green, List<ProbeFinding> findings) {

    JsonNode json() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("key", target.key());
      node.put("path", target.path());
      node.set("blue", ProbeComparison.summary(blue));
      node.set("green", ProbeComparison.summary(green));
      return node;
    }
  }

  private List<Target> targets(ParityJob job, DistributionSnapshot blueDistribution) {
    Plan plan = job.plan();
    int size = plan.validation().probeSampleSize();
    List<String> keys;
    if (job.sampleKeys() != null) {
      keys = job.sampleKeys().stream().limit(size).toList();
    } else {
      Side blue = plan.source();
      List<String> listed =
          accounts
              .keys(new BucketRef(blue.bucket(), blue.region(), blue.roleArn(), plan.migrationId(), blue.accountId()))
              .firstKeys(blue.prefixOrEmpty(), LISTING_PAGE);
      keys = spread(listed.stream().filter(k -> !k.endsWith("/")).toList(), size);
    }
    JsonNode bucketOrigin = Normalizer.bucketOrigin(blueDistribution.config(), plan.source().bucket());
    String originPath = bucketOrigin == null ? "" : bucketOrigin.path("OriginPath").asText("");
    List<Target> targets = new ArrayList<>();
    if (!blueDistribution.config().path("DefaultRootObject").asText("").isEmpty()) {
      targets.add(new Target(ROOT_KEY, "/"));
    }
    keys.forEach(k -> targets.add(new Target(k, KeyPaths.path(k, originPath))));
    return targets;
  }

  /** {@code n} keys spread evenly over {@code keys} (all of them when there are no more). */
  static List<String> spread(List<String> keys, int n) {
    if (keys.size() <= n) {
      return keys;
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(keys.get((int) ((long) i * keys.size() / n)));
    }
    return out;
  }

  private List<Probed> probe(List<Target> targets, DistributionSnapshot blue, DistributionSnapshot green, Plan plan, Deadline deadline) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept-Encoding", "gzip, br");
    headers.put("Origin", "https://" + plan.dns().hostname());
    headers.put("User-Agent", USER_AGENT);
    String blueBase = base(blue.domainName());
    String greenBase = base(green.domainName());
    List<String> blueHosts = List.of(blue.domainName(), URI.create(blueBase).getRawAuthority());
    List<String> greenHosts = List.of(green.domainName(), URI.create(greenBase).getRawAuthority());
    List<Future<Probed>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, targets.size())))) {
      for (Target target : targets) {
        futures.add(pool.submit(() -> {
          if (deadline.reached()) {
            return null;
          }
          ProbeResponse b = probe.get(URI.create(blueBase + target.path()), headers);
          ProbeResponse g = probe.get(URI.create(greenBase + target.path()), headers);
          return new Probed(target, b, g, ProbeComparison.compare(target.key(), b, g, blueHosts, greenHosts));
        }));
      }
      List<Probed> out = new ArrayList<>();
      for (Future<Probed> future : futures) {
        Probed p = future.get();
        if (p != null) {
          out.add(p);
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InternalErrorException("interrupted while probing", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new InternalErrorException(e.getCause().toString(), e.getCause());
    }
  }

  private String base(String domainName) {
    String base = edgeAddress.apply(domainName).toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
