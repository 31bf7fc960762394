package dev.cutover.verify;

import static dev.cutover.verify.Verification.exampleKeys;
import static dev.cutover.verify.Verification.reportLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.TestPlans;
import dev.cutover.verify.support.Asset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/** The listing diff against a real S3 wire protocol: every category, exactly. */
@ExtendWith(EmbeddedS3.class)
class ListingDiffTest {

  private static final String BLUE = "diff-blue";
  private static final String GREEN = "diff-green";
  private static final String REPORTS = "diff-reports";

  private static S3Client s3;

  @BeforeAll
  static void seed() {
    s3 = EmbeddedS3.client();
    EmbeddedS3.bucket(BLUE);
    EmbeddedS3.bucket(GREEN);
    EmbeddedS3.bucket(REPORTS);
    Asset same = text("diff/same.css", "a{color:red}");
    same.putTo(s3, BLUE);
    same.putTo(s3, GREEN);
    text("diff/only-blue.css", "b{}").putTo(s3, BLUE);
    text("diff/only-green.css", "c{}").putTo(s3, GREEN);
    text("diff/resized.png", "12345").putTo(s3, BLUE);
    text("diff/resized.png", "1234567").putTo(s3, GREEN);
    // Same size, different bytes: the stored CRC32 (full object) tells them apart.
    text("diff/altered.js", "let a = 1;").putTo(s3, BLUE);
    text("diff/altered.js", "let a = 2;").putTo(s3, GREEN);
    // Uploaded without any checksum: the single-part, unencrypted ETag (the MD5) tells them apart.
    S3Client noChecksums = EmbeddedS3.clientWithoutChecksums();
    text("diff/legacy.js", "var x = 1;").putTo(noChecksums, BLUE);
    text("diff/legacy.js", "var x = 2;").putTo(noChecksums, GREEN);
    text("diff/legacy-same.js", "var y = 1;").putTo(noChecksums, BLUE);
    text("diff/legacy-same.js", "var y = 1;").putTo(noChecksums, GREEN);
  }

  @Test
  void each_kind_of_difference_lands_in_its_own_category_and_nothing_else_is_reported() {
    JsonNode result = Verification.run(s3, TestPlans.payload(TestPlans.json(BLUE, GREEN, REPORTS, "diff/")));

    assertThat(counts(result))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "missingOnTarget", 1L,
                "extraOnTarget", 1L,
                "sizeDiffers", 1L,
                "checksumDiffers", 2L,
                "metadataDiffers", 0L,
                "contentUnverified", 0L));
    assertThat(exampleKeys(result, "missingOnTarget")).containsExactly("diff/only-blue.css");
    assertThat(exampleKeys(result, "extraOnTarget")).containsExactly("diff/only-green.css");
    assertThat(exampleKeys(result, "sizeDiffers")).containsExactly("diff/resized.png");
    assertThat(exampleKeys(result, "checksumDiffers")).containsExactly("diff/altered.js", "diff/legacy.js");
    assertThat(result.path("objectsCompared").asLong()).isEqualTo(7);
    assertThat(result.path("sourceObjects").asLong()).isEqualTo(6);
    assertThat(result.path("targetObjects").asLong()).isEqualTo(6);
    assertThat(result.path("mismatchedObjects").asLong()).isEqualTo(5);
    assertThat(result.path("passed").asBoolean()).isFalse();
  }

  @Test
  void the_report_holds_every_finding_with_the_values_on_both_sides() {
    JsonNode result = Verification.run(s3, TestPlans.payload(TestPlans.json(BLUE, GREEN, REPORTS, "diff/")));

    Map<String, JsonNode> byKey = new HashMap<>();
    reportLines(s3, result).forEach(line -> byKey.put(line.path("key").asText(), line));
    assertThat(byKey).containsOnlyKeys(
        "diff/only-blue.css", "diff/only-green.css", "diff/resized.png", "diff/altered.js", "diff/legacy.js");
    assertThat(byKey.get("diff/only-blue.css").toString())
        .isEqualTo("{\"key\":\"diff/only-blue.css\",\"categories\":[\"missingOnTarget\"],\"fields\":[],\"source\":{\"size\":\"3\"},\"target\":{}}");
    assertThat(byKey.get("diff/resized.png").path("source").path("size").asText()).isEqualTo("5");
    assertThat(byKey.get("diff/resized.png").path("target").path("size").asText()).isEqualTo("7");
    assertThat(byKey.get("diff/altered.js").path("source").path("checksum").asText()).startsWith("CRC32 FULL_OBJECT ");
    assertThat(byKey.get("diff/legacy.js").path("source").path("checksum").asText()).startsWith("ETag \"");
  }

  @Test
  void mismatches_within_the_plans_tolerance_pass() {
    ObjectNode plan = TestPlans.json(BLUE, GREEN, REPORTS, "diff/");
    ((ObjectNode) plan.get("validation")).put("mismatchTolerance", 5);

    JsonNode result = Verification.run(s3, TestPlans.payload(plan));

    assertThat(result.path("mismatchedObjects").asLong()).isEqualTo(5);
    assertThat(result.path("mismatchTolerance").asInt()).isEqualTo(5);
    assertThat(result.path("passed").asBoolean()).isTrue();
  }

  @Test
  void given_keys_are_compared_alone_and_reported_under_their_own_name() {
    ObjectNode payload = TestPlans.payload(TestPlans.json(BLUE, GREEN, REPORTS, "diff/"));
    payload.putArray("keys").add("diff/same.css").add("diff/altered.js").add("diff/only-blue.css").add("diff/nowhere.css");

    JsonNode result = Verification.run(s3, payload);

    assertThat(result.path("scope").asText()).isEqualTo("keys");
    assertThat(result.path("objectsCompared").asLong()).isEqualTo(4);
    assertThat(result.path("sourceObjects").asLong()).isEqualTo(3);
    assertThat(result.path("targetObjects").asLong()).isEqualTo(2);
    assertThat(exampleKeys(result, "checksumDiffers")).containsExactly("diff/altered.js");
    assertThat(exampleKeys(result, "missingOnTarget")).containsExactly("diff/only-blue.css");
    assertThat(result.path("mismatchedObjects").asLong()).isEqualTo(2);
    assertThat(result.at("/report/key").asText())
        .matches("cutover/assets-to-platform-account/verify/nightly-2026-11-24/keys-[0-9a-f]{16}\\.jsonl");
    assertThat(reportLines(s3, result)).hasSize(2);
  }

  @Test
  void a_server_listing_in_utf16_order_is_refused_rather_than_misread() {
    // S3 lists "\uE000" before "😀" (UTF-8 byte order); S3Mock lists them the other way round.
    String bmp = "order/\uE000-private-use.css";
    String emoji = "order/\uD83D\uDE00-emoji.css";
    for (String key : List.of(bmp, emoji)) {
      text(key, "x{}").putTo(s3, BLUE);
      text(key, "x{}").putTo(s3, GREEN);
    }
    JsonNode payload = TestPlans.payload(TestPlans.json(BLUE, GREEN, REPORTS, "order/"));

    assertThatThrownBy(() -> Verification.run(s3, payload))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("not in UTF-8 binary order")
        .hasMessageContaining(bmp)
        .hasMessageContaining(emoji);
  }

  static Map<String, Long> counts(JsonNode result) {
    Map<String, Long> counts = new HashMap<>();
    result.path("counts").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return counts;
  }

  private static Asset text(String key, String body) {
    return Asset.of(key, body.getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/plain");
  }
}
