package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.plan.PlanProblem;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import dev.cutover.verify.aws.S3Buckets;
import dev.cutover.verify.port.BucketRef;
import dev.cutover.verify.port.Buckets;
import dev.cutover.verify.port.ObjectStore;
import dev.cutover.verify.port.ReportStore;
import dev.cutover.verify.support.Asset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A verification over a window of the log scan's key list ({@code keysFrom}), read from the
 * report bucket on the embedded S3 server through the real adapter: exactly the window's keys are
 * compared, and a list whose keys would not be accepted as given keys is refused line by line.
 */
@ExtendWith(EmbeddedS3.class)
class VerifyKeysFromTest {

  static final String BLUE = "keys-from-blue";
  static final String GREEN = "keys-from-green";
  static final String REPORTS = "keys-from-reports";
  static final String LIST = "cutover/assets-to-platform-account/logscan/nightly-2026-11-24/top-keys.jsonl";
  static final String BAD_LIST = "cutover/assets-to-platform-account/logscan/bad/top-keys.jsonl";

  /** The list as the log scan writes it, most requested first. */
  static final List<String> RANKED =
      List.of("static/app.js", "static/a b.css", "static/missing-1.js", "static/ü+.svg", "static/missing-2.js", "static/tail.js");

  static S3Client s3;

  @BeforeAll
  static void seed() {
    s3 = EmbeddedS3.client();
    EmbeddedS3.bucket(BLUE);
    EmbeddedS3.bucket(GREEN);
    EmbeddedS3.bucket(REPORTS);
    for (String key : RANKED) {
      Asset asset = Asset.of(key, ("body of " + key).getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/plain");
      asset.putTo(s3, BLUE);
      if (!key.contains("missing")) {
        asset.putTo(s3, GREEN);
      }
    }
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < RANKED.size(); i++) {
      list.append("{\"key\":\"").append(RANKED.get(i)).append("\",\"requests\":").append(100 - i).append("}\n");
    }
    put(LIST, list.toString());
    put(BAD_LIST, "{\"key\":\"static/app.js\",\"requests\":9}\n{\"key\":\"robots.txt\",\"requests\":8}\nnot json\n{\"key\":\"static/app.js\",\"requests\":7}\n");
  }

  @Test
  void exactly_the_windows_keys_are_compared() {
    JsonNode result = Verification.run(s3, payload(LIST, 2, 3));

    assertThat(result.path("scope").asText()).isEqualTo("keys");
    assertThat(result.path("objectsCompared").asLong()).isEqualTo(3);
    assertThat(result.path("sourceObjects").asLong()).isEqualTo(3);
    assertThat(result.path("targetObjects").asLong()).isEqualTo(1);
    assertThat(result.path("passed").asBoolean()).isFalse();
    assertThat(Verification.exampleKeys(result, "missingOnTarget")).containsExactly("static/missing-1.js", "static/missing-2.js");
    assertThat(result.path("report").path("key").asText()).matches("cutover/assets-to-platform-account/verify/nightly-2026-11-24/keys-[0-9a-f]{16}\\.jsonl");
  }

  @Test
  void the_first_window_and_a_last_window_shorter_than_its_limit() {
    JsonNode first = Verification.run(s3, payload(LIST, 0, 2));
    assertThat(first.path("objectsCompared").asLong()).isEqualTo(2);
    assertThat(first.path("passed").asBoolean()).isTrue();

    JsonNode last = Verification.run(s3, payload(LIST, 5, 1000));
    assertThat(last.path("objectsCompared").asLong()).isEqualTo(1);
    assertThat(last.path("passed").asBoolean()).isTrue();
    assertThat(last.path("report").path("key").asText()).isNotEqualTo(first.path("report").path("key").asText());
  }

  @Test
  void keys_a_task_could_not_be_given_are_refused_by_line_before_any_object_is_read() {
    InvalidPlanException e = refused(payload(BAD_LIST, 0, 1000));

    assertThat(e.problems()).extracting(PlanProblem::field).containsOnly("keysFrom.uri").hasSize(3);
    assertThat(e.getMessage())
        .contains("line 2 of s3://" + REPORTS + "/" + BAD_LIST + ": \"robots.txt\" is not under the source prefix \"static/\"")
        .contains("line 3 of")
        .contains("line 4 of s3://" + REPORTS + "/" + BAD_LIST + ": \"static/app.js\" is listed twice");
  }

  @Test
  void a_window_past_the_end_or_a_list_that_is_not_there_is_refused() {
    InvalidPlanException past = refused(payload(LIST, 6, 1000));
    assertThat(past.problems()).extracting(PlanProblem::field).containsExactly("keysFrom.offset");
    assertThat(past.getMessage()).contains("is 6 but s3://" + REPORTS + "/" + LIST + " has 6 lines");

    InvalidPlanException absent = refused(payload("cutover/assets-to-platform-account/logscan/never-ran/top-keys.jsonl", 0, 1000));
    assertThat(absent.problems()).extracting(PlanProblem::field).containsExactly("keysFrom.uri");
    assertThat(absent.getMessage()).contains("names no object in the report bucket");
  }

  private static ObjectNode payload(String list, long offset, int limit) {
    ObjectNode payload = TestPlans.payload(TestPlans.json(BLUE, GREEN, REPORTS, "static/"));
    payload.putObject("keysFrom").put("uri", "s3://" + REPORTS + "/" + list).put("offset", offset).put("limit", limit);
    return payload;
  }

  /** The handler's refusal of {@code payload}; it fails the test if it reaches for blue or green. */
  private static InvalidPlanException refused(ObjectNode payload) {
    Buckets real = new S3Buckets(ref -> s3);
    Buckets reportsOnly =
        new Buckets() {
          @Override
          public ObjectStore objects(BucketRef bucket) {
            throw new AssertionError("opened " + bucket + " before the key list was checked");
          }

          @Override
          public ReportStore reports(BucketRef bucket) {
            return real.reports(bucket);
          }
        };
    VerifyHandler handler = new VerifyHandler(reportsOnly, () -> Verification.SETTINGS, d -> {});
    Throwable thrown =
        catchThrowable(
            () -> handler.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new FakeContext("cutover-verify")));
    assertThat(thrown).isInstanceOf(InvalidPlanException.class);
    return (InvalidPlanException) thrown;
  }

  private static void put(String key, String content) {
    s3.putObject(r -> r.bucket(REPORTS).key(key).contentType("application/x-ndjson"), RequestBody.fromString(content, StandardCharsets.UTF_8));
  }
}
