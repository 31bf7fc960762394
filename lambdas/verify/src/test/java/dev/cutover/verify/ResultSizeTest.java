package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.json.Json;
import dev.cutover.verify.port.ReportLocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step's result travels in the workflow state, limited to 256 KB with everything else. */
class ResultSizeTest {

  @Test
  void a_result_with_every_category_full_of_the_longest_keys_and_fields_stays_small() {
    Tally tally = new Tally(VerifySettings.DEFAULT.examplesPerCategory(), compared -> {});
    String longest = "\uD83D\uDE00".repeat(256); // 1 024 UTF-8 bytes, S3's longest key
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      fields.add("x-amz-meta-" + "m".repeat(50) + i);
    }
    for (int i = 0; i < 1000; i++) {
      String key = i + longest;
      tally.object(true, true, new Finding(key, List.of(Category.values()), fields, Map.of(), Map.of()));
    }
    // A resumed verification also carries its resume key and one findings file per invocation:
    // 200 invocations of 13 minutes are more than a day of listing.
    List<ReportLocation> reports = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      reports.add(new ReportLocation("reports", VerifyStep.segmentKey("cutover/m-1/verify/run/findings.jsonl", i)));
    }
    VerifyResult result =
        new VerifyResult(false, false, "m-1", "listing", 1000, 1000, 1000, 1000, 0, tally.counts(), tally.examples(),
            reports.getLast(), 0, "999" + longest, 200, reports);

    int bytes = Json.write(result).getBytes(StandardCharsets.UTF_8).length;

    assertThat(result.examples().values()).allSatisfy(examples -> assertThat(examples).hasSize(20));
    assertThat(result.examples().get("sizeDiffers").getFirst().fields()).hasSize(Example.MAX_FIELDS + 1).last().asString().contains("35 more");
    assertThat(result.examples().get("sizeDiffers").getFirst().key().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(Example.MAX_KEY_BYTES);
    assertThat(bytes).isLessThan(96 * 1024);
  }
}
