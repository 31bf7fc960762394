package dev.cutover.preflight;

import static dev.cutover.testing.TestPlans.BLUE;
import static dev.cutover.testing.TestPlans.GREEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.json.Json;
import dev.cutover.plan.Plan;
import dev.cutover.preflight.port.LifecycleRule;
import dev.cutover.preflight.port.ObjectProbe.Access;
import dev.cutover.preflight.port.ObjectProbe;
import dev.cutover.testing.TestPlans;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The result stays far below the 256 KB Step Functions payload limit in the worst case: every
 * check failing, every example a 1,024-byte key, a thousand lifecycle rules, the largest sample.
 */
class ResultSizeTest {

  @Test
  void the_worst_result_is_far_below_the_payload_limit() {
    MemoryFacts facts = new MemoryFacts();
    MemoryBucket blue = facts.add(BLUE, "us-east-1");
    MemoryBucket green = facts.add(GREEN, "us-east-1");
    String longTail = "é".repeat(500);
    ObjectProbe[] kinds = {
      ObjectProbe.of(Access.FORBIDDEN), ObjectProbe.of(Access.CUSTOMER_KEY_REQUIRED),
      new ObjectProbe(Access.READABLE, "aws:kms", null, "ARCHIVE_ACCESS"),
      new ObjectProbe(Access.READABLE, "aws:kms", "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-7777-6666-555544443333", null),
    };
    for (int i = 0; i < 2000; i++) {
      String key = "static/" + String.format("%05d", i) + longTail;
      blue.put(key, 1, i % 5 == 0 ? "GLACIER" : "STANDARD", kinds[i % kinds.length]);
      green.put(key, 1);
    }
    for (int i = 0; i < 1000; i++) {
      String id = "rule-" + i + "x".repeat(240);
      green.lifecycle.add(new LifecycleRule(id, true, "", true, 1, null, List.of("GLACIER", "DEEP_ARCHIVE")));
      blue.lifecycle.add(new LifecycleRule(id, true, "", true, 1, null, List.of("GLACIER", "DEEP_ARCHIVE")));
    }
    Plan plan = TestPlans.plan(p -> p.withObject("/target").remove("kmsKeyArn"));

    PreflightResult result = new PreflightStep(facts, new PreflightSettings(PreflightSettings.MAX_SAMPLE_SIZE)).run(plan);

    int bytes = Json.write(result).getBytes(StandardCharsets.UTF_8).length;
    assertThat(result.counts().get("BLOCKER")).isGreaterThanOrEqualTo(4);
    assertThat(result.findings()).allSatisfy(f -> {
      if (f.examples() != null) {
        assertThat(f.examples()).hasSizeLessThanOrEqualTo(Finding.MAX_EXAMPLES)
            .allSatisfy(k -> assertThat(k.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Keys.MAX_KEY_BYTES));
      }
    });
    assertThat(bytes).isLessThan(64 * 1024);
  }
}
