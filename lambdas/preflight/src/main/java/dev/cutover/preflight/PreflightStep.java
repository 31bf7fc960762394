package dev.cutover.preflight;

import dev.cutover.plan.Plan;
import dev.cutover.preflight.port.DefaultEncryption;
import dev.cutover.preflight.port.Facts;
import dev.cutover.preflight.port.ObjectProbe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The preflight step: checks the world before anything changes and returns every finding at
 * once. Read-only: it only asks (HeadBucket, bucket configuration, ListObjectsV2, HeadObject on a
 * sample, KMS DescribeKey), never writes.
 *
 * <p>In order: both buckets are reached with the plan's roles (a bucket that is missing, in
 * another region or behind a role that cannot be assumed ends that side's checks with one
 * BLOCKER); blue's prefix is listed in full and a bounded sample asked HEAD ({@link
 * SourceSurvey}); then every check in {@link #CHECKS} runs, each adding its findings; then the
 * run is priced ({@link Estimate}). A refused call is a finding that names the role, the
 * resource and the permission to grant, never a crash. Throttling and 5xx answers that outlast
 * the SDK's retries are thrown as {@code TransientException} for the state machine to retry.
 */
public final class PreflightStep {

  /** Every check, in the order they run. Edge checks (certificate, aliases) join here. */
  static final List<PreflightCheck> CHECKS =
      List.of(
          new VersioningCheck(),
          new OwnershipCheck(),
          new EncryptionCheck(),
          new ArchiveCheck(),
          new ReadabilityCheck(),
          new LifecycleCheck(),
          new ContentsCheck());

  private final Facts facts;
  private final PreflightSettings settings;
  private final Prices prices;
  private final List<PreflightCheck> checks;

  public PreflightStep(Facts facts, PreflightSettings settings) {
    this(facts, settings, Prices.US_EAST_1, CHECKS);
  }

  PreflightStep(Facts facts, PreflightSettings settings, Prices prices, List<PreflightCheck> checks) {
    this.facts = facts;
    this.settings = settings;
    this.prices = prices;
    this.checks = List.copyOf(checks);
  }

  public PreflightResult run(Plan plan) {
    Findings findings = new Findings();
    SideView blue = new SideView(BucketSide.SOURCE, plan.source(), plan.source().prefixOrEmpty(), plan.migrationId(), facts, findings);
    SideView green = new SideView(BucketSide.TARGET, plan.target(), plan.effectiveTargetPrefix(), plan.migrationId(), facts, findings);
    blue.checkReachable();
    green.checkReachable();
    SourceSurvey survey =
        blue.reachable() ? SourceSurvey.take(blue, settings.sampleSize(), seed(plan.migrationId())) : SourceSurvey.none();
    Inspection inspection = new Inspection(plan, blue, green, survey, findings);
    for (PreflightCheck check : checks) {
      check.run(inspection);
    }
    Estimate estimate = estimate(inspection);
    return PreflightResult.of(plan.migrationId(), findings.all(), estimate);
  }

  private Estimate estimate(Inspection inspection) {
    Plan plan = inspection.plan();
    SourceSurvey survey = inspection.survey();
    boolean crossRegion = !plan.source().region().equals(plan.target().region());
    if (crossRegion) {
      inspection.add(Finding.of("estimate", Severity.INFO, BucketSide.BOTH, inspection.blue().subject() + " -> " + inspection.green().subject(),
          "Blue is in " + plan.source().region() + " and green in " + plan.target().region()
              + ": replication crosses regions, and the data it moves is charged as inter-region transfer.", ""));
    }
    if (!survey.listed) {
      return new Estimate(Estimate.UNAVAILABLE, 0, 0, 0, survey.probes.size(),
          Estimate.cost(prices, 0, 0, 0, 0, crossRegion), prices);
    }
    long replicated = survey.objects - survey.archivedObjects;
    long replicatedBytes = survey.bytes - survey.archivedBytes;
    int kmsSides = (blueUsesKms(inspection) ? 1 : 0) + (greenUsesKms(inspection) ? 1 : 0);
    return new Estimate(Estimate.LISTING, survey.objects, survey.bytes, survey.archivedObjects, survey.probes.size(),
        Estimate.cost(prices, survey.objects, replicated, replicatedBytes, kmsSides, crossRegion), prices);
  }

  /** Blue uses SSE-KMS when its default encryption does or any sampled object is under a KMS key. */
  private static boolean blueUsesKms(Inspection inspection) {
    boolean byDefault =
        inspection.blue().defaultEncryption(Severity.BLOCKER).flatMap(d -> d).filter(DefaultEncryption::usesKms).isPresent();
    return byDefault || !inspection.survey().probes(ObjectProbe::usesKms).isEmpty();
  }

  /** Green uses SSE-KMS when the plan names a replica key or its default encryption is SSE-KMS. */
  private static boolean greenUsesKms(Inspection inspection) {
    Optional<DefaultEncryption> byDefault = inspection.green().defaultEncryption(Severity.WARNING).flatMap(d -> d);
    return inspection.plan().target().kmsKeyArn() != null || byDefault.filter(DefaultEncryption::usesKms).isPresent();
  }

  /** The sample's seed: the same migration samples the same keys on every run. */
  static long seed(String migrationId) {
    CRC32 crc = new CRC32();
    crc.update(migrationId.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
