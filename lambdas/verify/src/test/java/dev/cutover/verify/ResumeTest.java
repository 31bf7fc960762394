package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.aws.S3KeyOrder;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.plan.PlanProblem;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import dev.cutover.verify.port.BucketRef;
import dev.cutover.verify.port.Buckets;
import dev.cutover.verify.port.ObjectStore;
import dev.cutover.verify.port.ReportStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A listing verification that outlasts one Lambda invocation: it stops before the timeout, says
 * where, and the next invocation, given that result, carries on so that the last result is the
 * same as one uninterrupted run's.
 */
class ResumeTest {

  private static final String PREFIX = "static/";

  /** 30 missing keys (more than the 20 examples kept), 5 extra, 4 of another size, 6 changed. */
  private static Buckets buckets(MemoryReports reports) {
    MemoryStore blue = MemoryStore.s3("legacy-web-assets", 7);
    MemoryStore green = MemoryStore.s3("platform-web-assets", 7);
    for (int i = 0; i < 120; i++) {
      String key = String.format("%sa/%03d.js", PREFIX, i);
      blue.put(key, "body-" + i);
      if (i % 4 == 1) {
        continue; // missing on green
      }
      green.put(key, i % 29 == 0 ? "longer-body-" + i : i % 17 == 0 ? "bodx-" + i : "body-" + i);
    }
    for (int i = 0; i < 5; i++) {
      green.put(PREFIX + "z/extra-" + i + ".css", "x");
    }
    return new Buckets() {
      @Override
      public ObjectStore objects(BucketRef bucket) {
        return bucket.bucket().equals("legacy-web-assets") ? blue : green;
      }

      @Override
      public ReportStore reports(BucketRef bucket) {
        return reports;
      }
    };
  }

  private static ObjectNode payload() {
    return TestPlans.payload(TestPlans.json("legacy-web-assets", "platform-web-assets", "platform-cutover-reports", PREFIX));
  }

  private static JsonNode invoke(Buckets buckets, JsonNode payload, FakeContext context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new VerifyHandler(buckets, () -> Verification.SETTINGS, d -> {})
          .handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), out, context);
      return Json.mapper().readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An invocation whose clock runs down a second each time the step looks at it. */
  private static FakeContext shortInvocation(int keysOfTime) {
    AtomicInteger asked = new AtomicInteger();
    long reserve = VerifyHandler.TIME_RESERVE.toMillis();
    return new FakeContext("cutover-verify", () -> (int) (reserve + 1000L * keysOfTime - 1000L * asked.getAndIncrement()));
  }

  private static List<String> findingKeys(MemoryReports reports, JsonNode result) {
    List<String> keys = new ArrayList<>();
    for (JsonNode location : result.path("reports")) {
      String text = reports.objects.get(location.path("key").asText());
      assertThat(text).as("findings file %s", location).isNotNull();
      Arrays.stream(text.split("\n")).filter(line -> !line.isBlank()).forEach(line -> {
        try {
          keys.add(Json.mapper().readTree(line).path("key").asText());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return keys;
  }

  @Test
  void a_verification_cut_into_invocations_ends_with_the_result_of_one_uninterrupted_run() {
    MemoryReports wholeReports = new MemoryReports();
    JsonNode whole = invoke(buckets(wholeReports), payload(), new FakeContext("cutover-verify"));
    assertThat(whole.path("complete").asBoolean()).isTrue();
    assertThat(whole.path("segment").asInt()).isEqualTo(1);
    assertThat(whole.path("resumeAfter").isNull()).isTrue();

    MemoryReports reports = new MemoryReports();
    Buckets buckets = buckets(reports);
    List<JsonNode> results = new ArrayList<>();
    JsonNode result = invoke(buckets, payload(), shortInvocation(9));
    results.add(result);
    while (!result.path("complete").asBoolean()) {
      assertThat(result.path("passed").asBoolean()).as("an unfinished verification never passes").isFalse();
      ObjectNode next = payload();
      next.set("resume", result);
      result = invoke(buckets, next, shortInvocation(9));
      results.add(result);
    }

    assertThat(results).hasSizeGreaterThan(5);
    assertThat(results).extracting(r -> r.path("segment").asInt()).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(1, results.size()).boxed().toList());
    for (String field : List.of("passed", "objectsCompared", "sourceObjects", "targetObjects", "mismatchedObjects", "counts", "examples")) {
      assertThat(result.get(field)).as(field).isEqualTo(whole.get(field));
    }
    assertThat(result.path("examples").path("missingOnTarget")).hasSize(20);
    assertThat(result.path("reports")).hasSize(results.size());
    assertThat(result.path("reports").get(1).path("key").asText()).endsWith("/findings-0002.jsonl");
    List<String> pieced = findingKeys(reports, result);
    // Within a file, findings are in the order comparisons finish; across files, in key order.
    assertThat(pieced).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(findingKeys(wholeReports, whole));
  }

  @Test
  void each_invocation_resumes_after_the_key_the_one_before_stopped_at() {
    MemoryReports reports = new MemoryReports();
    Buckets buckets = buckets(reports);
    JsonNode first = invoke(buckets, payload(), shortInvocation(9));
    ObjectNode next = payload();
    next.set("resume", first);
    JsonNode second = invoke(buckets, next, shortInvocation(9));

    String stoppedAt = first.path("resumeAfter").asText();
    assertThat(first.path("complete").asBoolean()).isFalse();
    assertThat(stoppedAt).startsWith(PREFIX);
    List<String> secondKeys = findingKeys(reports, second).subList(findingKeys(reports, first).size(), findingKeys(reports, second).size());
    assertThat(secondKeys).isNotEmpty().allSatisfy(key -> assertThat(S3KeyOrder.compare(key, stoppedAt)).isPositive());
    assertThat(second.path("objectsCompared").asLong()).isGreaterThan(first.path("objectsCompared").asLong());
  }

  @Test
  void an_invocation_with_no_time_left_still_compares_one_key_so_the_loop_always_moves() {
    JsonNode result = invoke(buckets(new MemoryReports()), payload(), new FakeContext("cutover-verify", () -> 0));

    assertThat(result.path("complete").asBoolean()).isFalse();
    assertThat(result.path("objectsCompared").asLong()).isEqualTo(1);
    assertThat(result.path("resumeAfter").asText()).isEqualTo(PREFIX + "a/000.js");
  }

  private static List<String> problemsWith(JsonNode resume, boolean withKeys) {
    ObjectNode payload = payload();
    payload.set("resume", resume);
    if (withKeys) {
      payload.putArray("keys").add(PREFIX + "a/000.js");
    }
    try {
      VerifyInput.parse(payload);
      throw new AssertionError("accepted " + resume);
    } catch (InvalidPlanException e) {
      return e.problems().stream().map(p -> p.field() + ": " + p.message()).toList();
    }
  }

  private static ObjectNode unfinished() {
    JsonNode first = invoke(buckets(new MemoryReports()), payload(), shortInvocation(3));
    assertThat(first.path("complete").asBoolean()).isFalse();
    return (ObjectNode) first;
  }

  @Test
  void a_resume_is_refused_with_a_keys_from_window_as_with_keys() {
    ObjectNode payload = payload();
    payload.set("resume", unfinished());
    payload.putObject("keysFrom").put("uri", "s3://platform-cutover-reports/cutover/assets-to-platform-account/logscan/run/top-keys.jsonl");

    assertThatThrownBy(() -> VerifyInput.parse(payload))
        .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("resume"))
        .hasMessageContaining("leave it out when keys or keysFrom are given");
  }

  @Test
  void a_resume_that_is_not_this_migrations_unfinished_listing_is_refused_by_field() {
    ObjectNode finished = unfinished();
    finished.put("complete", true);
    assertThat(problemsWith(finished, false)).anySatisfy(p -> assertThat(p).startsWith("resume.complete: is true"));

    ObjectNode other = unfinished();
    other.put("migrationId", "another-migration");
    assertThat(problemsWith(other, false)).anySatisfy(p -> assertThat(p).startsWith("resume.migrationId: is \"another-migration\""));

    ObjectNode outside = unfinished();
    outside.put("resumeAfter", "private/secret.txt");
    assertThat(problemsWith(outside, false)).anySatisfy(p -> assertThat(p).startsWith("resume.resumeAfter: \"private/secret.txt\" is not under the source prefix"));

    ObjectNode badCounts = unfinished();
    ((ObjectNode) badCounts.get("counts")).put("missingOnTarget", -3);
    ((ObjectNode) badCounts.get("counts")).put("lost", 1);
    assertThat(problemsWith(badCounts, false))
        .anySatisfy(p -> assertThat(p).startsWith("resume.counts.missingOnTarget: is not a whole number"))
        .anySatisfy(p -> assertThat(p).startsWith("resume.counts.lost: is not a category"));

    assertThat(problemsWith(unfinished(), true)).anySatisfy(p -> assertThat(p).startsWith("resume: applies to a listing verification only"));
    assertThat(problemsWith(Json.mapper().getNodeFactory().textNode("findings-0002"), false))
        .containsExactly("resume: must be the verify step's previous result (a JSON object with complete: false), or left out to start at the first key.");
  }

  @Test
  void segment_files_are_numbered_beside_the_first() {
    assertThat(VerifyStep.segmentKey("cutover/m/verify/run/findings.jsonl", 1)).isEqualTo("cutover/m/verify/run/findings.jsonl");
    assertThat(VerifyStep.segmentKey("cutover/m/verify/run/findings.jsonl", 12)).isEqualTo("cutover/m/verify/run/findings-0012.jsonl");
    assertThat(VerifyStep.segmentKey("cutover/m.v1/verify/run/findings", 2)).isEqualTo("cutover/m.v1/verify/run/findings-0002");
  }
}
