package dev.cutover.parity;

import static dev.cutover.parity.support.CloudFrontFixtures.BLUE_DOMAIN;
import static dev.cutover.parity.support.CloudFrontFixtures.GREEN_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.json.Json;
import dev.cutover.parity.aws.HttpProbe;
import dev.cutover.parity.support.CloudFrontFixtures;
import dev.cutover.parity.support.LocalEdge.Asset;
import dev.cutover.parity.support.LocalEdge;
import dev.cutover.parity.support.TestAccounts;
import dev.cutover.plan.Plans;
import dev.cutover.testing.TestPlans;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * The whole step: both configurations from the CloudFront stub, then the same requests through
 * two local servers standing in for the two distributions' {@code *.cloudfront.net} names.
 */
class ParityStepTest {

  private static final String CSS = "main { display: grid; }\n".repeat(30);
  private static final List<String> KEYS =
      List.of("static/app.css", "static/my file.js", "static/ünïcode/é.css", "static/a+b.js", "static/100%.txt");

  @RegisterExtension
  static final WireMockExtension CLOUDFRONT = CloudFrontFixtures.extension();

  private static CloudFrontClient client;
  private final LocalEdge blue = new LocalEdge();
  private final LocalEdge green = new LocalEdge();

  @BeforeAll
  static void client() {
    client = CloudFrontFixtures.client(CLOUDFRONT, RetryMode.STANDARD);
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @BeforeEach
  void serve() {
    new CloudFrontFixtures().install(CLOUDFRONT);
    for (LocalEdge edge : List.of(blue, green)) {
      edge.put("/", Asset.of("text/html", "<!doctype html><title>assets</title>"));
      edge.put("static/app.css", Asset.of("text/css", CSS));
      edge.put("static/my file.js", Asset.of("text/javascript", "console.log('space');"));
      edge.put("static/ünïcode/é.css", Asset.of("text/css", "p { content: 'é'; }"));
      edge.put("static/a+b.js", Asset.of("text/javascript", "export const plus = 1;"));
      edge.put("static/100%.txt", Asset.of("text/plain", "one hundred percent"));
    }
  }

  @AfterEach
  void close() {
    blue.close();
    green.close();
  }

  private ParityResult run(TestAccounts accounts, List<String> sampleKeys, ObjectNode plan, Deadline deadline) {
    Map<String, URI> names = Map.of(BLUE_DOMAIN, blue.base(), GREEN_DOMAIN, green.base());
    ParityStep step = new ParityStep(accounts, new HttpProbe(), names::get, 4);
    ParityJob job = new ParityJob(TestPlans.EXECUTION_ID, Plans.parse(plan), sampleKeys, "cutover/assets-to-platform-account/parity/run/findings.json");
    return step.run(job, deadline);
  }

  private ParityResult run(List<String> sampleKeys) {
    return run(new TestAccounts(client, List.of()), sampleKeys, TestPlans.json(), Deadline.NONE);
  }

  @Test
  void equal_edges_pass_and_every_probe_went_to_its_own_distribution() {
    ParityResult result = run(KEYS);

    assertThat(result.passed()).isTrue();
    assertThat(result.configFindings()).isEmpty();
    assertThat(result.probeFindings()).isEmpty();
    assertThat(result.probed()).as("the keys and the root, which serves the default root object").isEqualTo(KEYS.size() + 1);
    assertThat(result.blue()).isEqualTo(new EdgeSummary("E2QWRUHAPOMQZL", BLUE_DOMAIN, "Deployed", CloudFrontFixtures.BLUE_ETAG));
    assertThat(result.green().domainName()).isEqualTo(GREEN_DOMAIN);
    for (LocalEdge edge : List.of(blue, green)) {
      assertThat(edge.requests()).extracting(LocalEdge.Request::rawPath)
          .containsExactlyInAnyOrder("/", "/static/app.css", "/static/my%20file.js", "/static/%C3%BCn%C3%AFcode/%C3%A9.css", "/static/a%2Bb.js", "/static/100%25.txt");
      assertThat(edge.requests()).allSatisfy(r -> {
        assertThat(r.headers()).containsEntry("origin", "https://assets.example.com");
        assertThat(r.headers()).containsEntry("accept-encoding", "gzip, br");
      });
    }
  }

  @Test
  void a_header_that_differs_is_one_finding_for_that_key() {
    green.put("static/app.css", Asset.of("text/plain", CSS));

    ParityResult result = run(KEYS);

    assertThat(result.passed()).isFalse();
    assertThat(result.probeFindings()).containsExactly(new ProbeFinding("static/app.css", "Content-Type", "text/css", "text/plain"));
    assertThat(result.counts()).containsEntry("probeDifferences", 1L).containsEntry("keysWithProbeDifferences", 1L);
  }

  @Test
  void a_body_that_differs_is_found_by_its_hash() throws Exception {
    green.put("static/a+b.js", Asset.of("text/javascript", "export const plus = 2;"));

    ParityResult result = run(KEYS);

    assertThat(result.probeFindings()).singleElement().satisfies(f -> {
      assertThat(f.key()).isEqualTo("static/a+b.js");
      assertThat(f.field()).isEqualTo("body");
      assertThat(f.blue()).isEqualTo("sha256:" + sha256("export const plus = 1;") + " (22 bytes)");
      assertThat(f.green()).startsWith("sha256:").isNotEqualTo(f.blue());
    });
  }

  @Test
  void a_key_green_does_not_serve_shows_as_a_status_difference() {
    green.remove("static/ünïcode/é.css");

    ParityResult result = run(KEYS);

    assertThat(result.probeFindings()).filteredOn(f -> f.field().equals("status"))
        .containsExactly(new ProbeFinding("static/ünïcode/é.css", "status", "200", "403"));
    assertThat(result.counts()).containsEntry("keysWithProbeDifferences", 1L);
  }

  @Test
  void compression_differs_but_the_decoded_bodies_are_equal() {
    green.compresses(false);

    ParityResult result = run(KEYS);

    assertThat(result.probeFindings()).isNotEmpty().allSatisfy(f -> {
      assertThat(f.field()).isEqualTo("Content-Encoding");
      assertThat(f.blue()).isEqualTo("gzip");
      assertThat(f.green()).isNull();
    });
    assertThat(result.probeFindings()).extracting(ProbeFinding::key).contains("static/app.css", "/");
  }

  @Test
  void cors_that_green_does_not_answer_is_found() {
    green.cors(null);

    ParityResult result = run(List.of("static/app.css"));

    assertThat(result.probeFindings()).extracting(ProbeFinding::key, ProbeFinding::field, ProbeFinding::blue, ProbeFinding::green)
        .containsExactlyInAnyOrder(
            tuple("/", "Access-Control-Allow-Origin", "https://assets.example.com", null),
            tuple("/", "Access-Control-Allow-Methods", "GET, HEAD", null),
            tuple("static/app.css", "Access-Control-Allow-Origin", "https://assets.example.com", null),
            tuple("static/app.css", "Access-Control-Allow-Methods", "GET, HEAD", null));
  }

  @Test
  void a_redirect_back_to_the_same_distribution_is_equal_and_one_elsewhere_is_not() {
    for (LocalEdge edge : List.of(blue, green)) {
      edge.put("static/old.css", Asset.of("text/css", "").withStatus(301, Map.of("Location", edge.base() + "/static/app.css")));
    }
    blue.put("static/moved.css", Asset.of("text/css", "").withStatus(302, Map.of("Location", blue.base() + "/static/app.css")));
    green.put("static/moved.css", Asset.of("text/css", "").withStatus(302, Map.of("Location", green.base() + "/static/elsewhere.css")));

    ParityResult result = run(List.of("static/old.css", "static/moved.css"));

    assertThat(result.probeFindings()).containsExactly(
        new ProbeFinding("static/moved.css", "Location", "http://<this distribution>/static/app.css", "http://<this distribution>/static/elsewhere.css"));
    assertThat(green.requests()).extracting(LocalEdge.Request::rawPath).doesNotContain("/static/app.css", "/static/elsewhere.css");
  }

  @Test
  void error_bodies_are_not_compared_they_carry_request_ids() {
    ParityResult result = run(List.of("static/missing-on-both.css"));

    assertThat(result.passed()).isTrue();
    assertThat(blue.requests()).extracting(LocalEdge.Request::rawPath).contains("/static/missing-on-both.css");
  }

  @Test
  void without_sample_keys_a_spread_of_blues_listing_is_probed() {
    List<String> listed = List.of(
        "static/", "static/a.css", "static/b.css", "static/c.css", "static/d.css", "static/e.css",
        "static/f.css", "static/g.css", "static/h.css", "static/i.css");
    for (LocalEdge edge : List.of(blue, green)) {
      listed.forEach(k -> edge.put(k, Asset.of("text/css", k)));
    }
    ObjectNode plan = TestPlans.json();
    ((ObjectNode) plan.get("validation")).put("probeSampleSize", 3);
    TestAccounts accounts = new TestAccounts(client, listed);

    ParityResult result = run(accounts, null, plan, Deadline.NONE);

    assertThat(accounts.listings).singleElement().satisfies(b -> {
      assertThat(b.bucket()).isEqualTo("legacy-web-assets");
      assertThat(b.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/cutover-source");
      assertThat(b.expectedOwner()).isEqualTo("111122223333");
    });
    assertThat(blue.requests()).extracting(LocalEdge.Request::rawPath)
        .as("three keys spread over the nine objects (the folder marker is not an object), and the root")
        .containsExactlyInAnyOrder("/", "/static/a.css", "/static/d.css", "/static/g.css");
    assertThat(result.probed()).isEqualTo(4);
    assertThat(result.passed()).isTrue();
  }

  @Test
  void given_keys_are_probed_hottest_first_up_to_the_sample_size() {
    ObjectNode plan = TestPlans.json();
    ((ObjectNode) plan.get("validation")).put("probeSampleSize", 2);

    run(new TestAccounts(client, List.of()), KEYS, plan, Deadline.NONE);

    assertThat(green.requests()).extracting(LocalEdge.Request::rawPath).containsExactlyInAnyOrder("/", "/static/app.css", "/static/my%20file.js");
  }

  @Test
  void keys_are_requested_below_the_bucket_origins_path() {
    CloudFrontFixtures fixtures = new CloudFrontFixtures();
    fixtures.edit("blue-distribution.xml", "<OriginPath></OriginPath>", "<OriginPath>/static</OriginPath>");
    fixtures.edit("green-distribution.xml", "<OriginPath></OriginPath>", "<OriginPath>/static</OriginPath>");
    fixtures.install(CLOUDFRONT);
    blue.originPath("/static");
    green.originPath("/static");

    ParityResult result = run(List.of("static/app.css", "static/a+b.js"));

    assertThat(result.passed()).isTrue();
    assertThat(green.requests()).extracting(LocalEdge.Request::rawPath).containsExactlyInAnyOrder("/", "/app.css", "/a%2Bb.js");
  }

  @Test
  void keys_left_unprobed_at_the_deadline_fail_the_run() {
    AtomicInteger asked = new AtomicInteger();
    Deadline afterTwo = () -> asked.incrementAndGet() > 2;

    ParityResult result = run(new TestAccounts(client, List.of()), KEYS, TestPlans.json(), afterTwo);

    assertThat(result.passed()).isFalse();
    assertThat(result.probed()).isEqualTo(2);
    assertThat(result.counts()).containsEntry("keysProbed", 2L).containsEntry("keysNotProbed", 4L);
  }

  @Test
  void config_and_probe_findings_go_to_the_report_in_full() throws Exception {
    CloudFrontFixtures fixtures = new CloudFrontFixtures();
    fixtures.edit("green-distribution.xml", "<HttpVersion>http2and3</HttpVersion>", "<HttpVersion>http2</HttpVersion>");
    fixtures.install(CLOUDFRONT);
    green.put("static/app.css", Asset.of("text/plain", CSS));
    TestAccounts accounts = new TestAccounts(client, List.of());

    ParityResult result = run(accounts, KEYS, TestPlans.json(), Deadline.NONE);

    assertThat(result.report().uri()).isEqualTo("s3://platform-cutover-reports/cutover/assets-to-platform-account/parity/run/findings.json");
    assertThat(accounts.reportBuckets).singleElement().satisfies(b -> {
      assertThat(b.roleArn()).isEqualTo("arn:aws:iam::444455556666:role/cutover-target");
      assertThat(b.expectedOwner()).isEqualTo("444455556666");
    });
    JsonNode report = Json.mapper().readTree(accounts.written.get("cutover/assets-to-platform-account/parity/run/findings.json"));
    assertThat(report.get("passed").asBoolean(true)).isFalse();
    assertThat(report.get("executionId").asText()).isEqualTo(TestPlans.EXECUTION_ID);
    assertThat(report.at("/configFindings/0/path").asText()).isEqualTo("HttpVersion");
    assertThat(report.at("/probeFindings/0/field").asText()).isEqualTo("Content-Type");
    assertThat(report.get("probes")).hasSize(KEYS.size() + 1);
    assertThat(report.at("/probes/0/blue/status").asInt()).isEqualTo(200);
    assertThat(report.at("/normalisedConfigs/green/HttpVersion").asText()).isEqualTo("http2");
    assertThat(report.at("/blue/etag").asText()).isEqualTo(CloudFrontFixtures.BLUE_ETAG);
  }

  private static String sha256(String text) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
