package dev.cutover.preflight;

import static dev.cutover.testing.TestPlans.BLUE;
import static dev.cutover.testing.TestPlans.GREEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.json.Json;
import dev.cutover.plan.Plan;
import dev.cutover.preflight.port.DefaultEncryption;
import dev.cutover.preflight.port.ObjectProbe.Access;
import dev.cutover.preflight.port.ObjectProbe;
import dev.cutover.testing.TestPlans;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The cost of a run, worked out here by hand from the list prices on the AWS pricing pages (S3
 * Batch Operations $0.25 per job and $1.00 per million objects; S3 Standard PUT $0.005 per 1,000;
 * KMS $0.03 per 10,000 requests; inter-region transfer $0.02 per GB of 2^30 bytes), not from the
 * step's own constants.
 */
class EstimateTest {

  static final double JOB = 0.25;
  static final double PER_MILLION_OBJECTS = 1.00;
  static final double PER_1000_PUTS = 0.005;
  static final double PER_10000_KMS = 0.03;
  static final double PER_GB_BETWEEN_REGIONS = 0.02;
  static final double GB = 1024.0 * 1024 * 1024;

  @Test
  void cross_region_with_kms_on_both_sides_prices_every_part() {
    MemoryFacts facts = new MemoryFacts();
    MemoryBucket blue = facts.add(BLUE, "us-east-1");
    facts.add(GREEN, "us-west-2");
    facts.awsManagedKeys.put("111122223333", "arn:aws:kms:us-east-1:111122223333:key/0000aaaa-1111-2222-3333-444455556666");
    blue.encryption = Optional.of(new DefaultEncryption("aws:kms", "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-7777-6666-555544443333", true));
    ObjectProbe kms = new ObjectProbe(Access.READABLE, "aws:kms", "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-7777-6666-555544443333", null);
    for (int i = 0; i < 1231; i++) {
      blue.put(String.format("static/%05d.js", i), 1_000_000, "STANDARD", kms);
    }
    for (int i = 0; i < 3; i++) {
      blue.put("static/cold-" + i + ".tar", 5_000_000, "DEEP_ARCHIVE", kms);
    }
    Plan plan = TestPlans.plan(p -> {
      p.withObject("/target").put("region", "us-west-2");
      p.withObject("/target").put("kmsKeyArn", "arn:aws:kms:us-west-2:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    });

    PreflightResult result = new PreflightStep(facts, PreflightSettings.DEFAULT).run(plan);

    long objects = 1234;
    long replicated = 1231;
    double replicatedBytes = 1231 * 1_000_000.0;
    double batchObjects = objects * PER_MILLION_OBJECTS / 1_000_000;   // 0.001234
    double puts = replicated * PER_1000_PUTS / 1000;                   // 0.006155
    double kmsCalls = replicated * 2 * PER_10000_KMS / 10_000;          // Decrypt on blue + GenerateDataKey on green: 0.007386
    double transfer = replicatedBytes / GB * PER_GB_BETWEEN_REGIONS;    // 1.1465 GB: 0.022929
    Estimate estimate = result.estimate();
    assertThat(estimate.basis()).isEqualTo("listing");
    assertThat(estimate.objects()).isEqualTo(objects);
    assertThat(estimate.bytes()).isEqualTo(1231 * 1_000_000L + 3 * 5_000_000L);
    assertThat(estimate.archivedObjects()).isEqualTo(3);
    assertThat(estimate.costUsd().batchJobs().doubleValue()).isCloseTo(JOB, within(1e-6));
    assertThat(estimate.costUsd().batchObjects().doubleValue()).isCloseTo(batchObjects, within(1e-6));
    assertThat(estimate.costUsd().replicationPuts().doubleValue()).isCloseTo(puts, within(1e-6));
    assertThat(estimate.costUsd().kmsRequests().doubleValue()).isCloseTo(kmsCalls, within(1e-6));
    assertThat(estimate.costUsd().dataTransfer().doubleValue()).isCloseTo(transfer, within(1e-6));
    assertThat(estimate.costUsd().total().doubleValue()).isCloseTo(JOB + batchObjects + puts + kmsCalls + transfer, within(1e-6));
    assertThat(result.findings()).anySatisfy(f -> {
      assertThat(f.check()).isEqualTo("estimate");
      assertThat(f.side()).isEqualTo(BucketSide.BOTH);
      assertThat(f.message()).contains("us-east-1").contains("us-west-2");
    });
  }

  @Test
  void same_region_without_kms_pays_no_transfer_and_no_kms() {
    MemoryFacts facts = new MemoryFacts();
    MemoryBucket blue = facts.add(BLUE, "us-east-1");
    facts.add(GREEN, "us-east-1");
    for (int i = 0; i < 40; i++) {
      blue.put("static/" + i + ".css", 2048);
    }
    Plan plan = TestPlans.plan(p -> p.withObject("/target").remove("kmsKeyArn"));

    Estimate estimate = new PreflightStep(facts, PreflightSettings.DEFAULT).run(plan).estimate();

    assertThat(estimate.costUsd().kmsRequests().signum()).isZero();
    assertThat(estimate.costUsd().dataTransfer().signum()).isZero();
    assertThat(estimate.costUsd().replicationPuts().doubleValue()).isCloseTo(40 * PER_1000_PUTS / 1000, within(1e-6));
    assertThat(estimate.costUsd().total().doubleValue())
        .isCloseTo(JOB + 40 * PER_MILLION_OBJECTS / 1e6 + 40 * PER_1000_PUTS / 1000, within(1e-6));
    assertThat(estimate.sampledForEncryption()).isEqualTo(40);
  }

  @Test
  void one_sampled_kms_object_makes_blue_a_kms_side_even_with_sse_s3_by_default() {
    MemoryFacts facts = new MemoryFacts();
    MemoryBucket blue = facts.add(BLUE, "us-east-1");
    facts.add(GREEN, "us-east-1");
    for (int i = 0; i < 9; i++) {
      blue.put("static/" + i + ".css", 10);
    }
    blue.put("static/k.css", 10, "STANDARD",
        new ObjectProbe(Access.READABLE, "aws:kms", "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-7777-6666-555544443333", null));
    Plan plan = TestPlans.plan(p -> p.withObject("/target").remove("kmsKeyArn"));

    Estimate estimate = new PreflightStep(facts, PreflightSettings.DEFAULT).run(plan).estimate();

    // One KMS side (blue), every replicated object counted: an upper bound.
    assertThat(estimate.costUsd().kmsRequests().doubleValue()).isCloseTo(10 * PER_10000_KMS / 10_000, within(1e-7));
  }

  @Test
  void the_estimate_carries_the_prices_it_used_under_the_contract_names() throws Exception {
    MemoryFacts facts = new MemoryFacts();
    facts.add(BLUE, "us-east-1").put("static/a.css", 1);
    facts.add(GREEN, "us-east-1");

    JsonNode json = Json.mapper().readTree(Json.write(new PreflightStep(facts, PreflightSettings.DEFAULT).run(TestPlans.plan()).estimate()));

    assertThat(json.fieldNames()).toIterable()
        .containsExactly("basis", "objects", "bytes", "archivedObjects", "sampledForEncryption", "costUsd", "prices");
    assertThat(json.get("costUsd").fieldNames()).toIterable()
        .containsExactly("batchJobs", "batchObjects", "replicationPuts", "kmsRequests", "dataTransfer", "total");
    JsonNode prices = json.get("prices");
    assertThat(prices.get("source").asText()).startsWith("AWS list prices, us-east-1, ");
    assertThat(prices.get("batchJobUsd").asDouble()).isEqualTo(JOB);
    assertThat(prices.get("batchPerMillionObjectsUsd").asDouble()).isEqualTo(PER_MILLION_OBJECTS);
    assertThat(prices.get("putPer1000Usd").asDouble()).isEqualTo(PER_1000_PUTS);
    assertThat(prices.get("kmsPer10000Usd").asDouble()).isEqualTo(PER_10000_KMS);
    assertThat(prices.get("interRegionPerGbUsd").asDouble()).isEqualTo(PER_GB_BETWEEN_REGIONS);
    assertThat(json.get("costUsd").get("total").isNumber()).isTrue();
  }
}
