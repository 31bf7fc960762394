package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.TestPlans;
import dev.cutover.verify.support.Asset;
import dev.cutover.verify.support.SlowDownProxy;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 answering 503 SlowDown to one request in five: the verification still finishes and says
 * exactly what it says without the fault. The client here does no retries of its own, so every
 * SlowDown reaches the step and only the step's backoff carries the run (in AWS the SDK retries
 * first, until its retry token bucket runs dry under sustained throttling).
 */
@ExtendWith(EmbeddedS3.class)
class SlowDownTest {

  private static final String BLUE = "slow-blue";
  private static final String GREEN = "slow-green";
  private static final String REPORTS = "slow-reports";

  @BeforeAll
  static void seed() {
    S3Client s3 = EmbeddedS3.client();
    EmbeddedS3.bucket(BLUE);
    EmbeddedS3.bucket(GREEN);
    EmbeddedS3.bucket(REPORTS);
    for (int i = 0; i < 40; i++) {
      Asset asset =
          Asset.of("slow/asset-" + i + ".css", ("a" + i + "{}").getBytes(StandardCharsets.UTF_8))
              .header("Cache-Control", "max-age=60")
              .tag("n", Integer.toString(i));
      asset.putTo(s3, BLUE);
      (i % 10 == 3 ? asset.header("Cache-Control", "no-store") : asset).putTo(s3, GREEN);
    }
    Asset.of("slow/gone.css", "g{}".getBytes(StandardCharsets.UTF_8)).putTo(s3, BLUE);
  }

  @Test
  void a_diff_under_twenty_percent_slowdown_completes_with_the_same_findings() {
    ObjectNode payload = TestPlans.payload(TestPlans.json(BLUE, GREEN, REPORTS, "slow/"));
    JsonNode calm = Verification.run(EmbeddedS3.client(), payload);

    JsonNode throttled;
    long slowDowns;
    long requests;
    try (SlowDownProxy proxy = new SlowDownProxy(EmbeddedS3.endpoint(), 5)) {
      S3Client s3 = EmbeddedS3.clientWithoutRetries(proxy.endpoint());
      // Its own execution, so its report does not overwrite the calm run's.
      throttled = Verification.run(s3, payload.deepCopy().put("executionId", TestPlans.EXECUTION_ID + "-throttled"));
      slowDowns = proxy.slowDowns();
      requests = proxy.requests();
    }

    assertThat(slowDowns).isEqualTo(requests / 5).isGreaterThan(20);
    assertThat(throttled.path("retries").asLong()).isEqualTo(slowDowns);
    assertThat(calm.path("retries").asLong()).isZero();
    assertThat(throttled.path("counts")).isEqualTo(calm.path("counts"));
    assertThat(throttled.path("examples")).isEqualTo(calm.path("examples"));
    assertThat(throttled.path("objectsCompared").asLong()).isEqualTo(41);
    assertThat(throttled.at("/counts/metadataDiffers").asLong()).isEqualTo(4);
    assertThat(throttled.at("/counts/missingOnTarget").asLong()).isEqualTo(1);
    assertThat(throttled.at("/report/key").asText()).isNotEqualTo(calm.at("/report/key").asText());
    assertThat(reportKeys(throttled)).isEqualTo(reportKeys(calm)).hasSize(5);
  }

  private static Set<String> reportKeys(JsonNode result) {
    Set<String> keys = new HashSet<>();
    Verification.reportLines(EmbeddedS3.client(), result).forEach(line -> keys.add(line.path("key").asText()));
    return keys;
  }
}
