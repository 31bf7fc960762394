package dev.cutover.parity;

import static dev.cutover.parity.support.CloudFrontFixtures.BLUE_DOMAIN;
import static dev.cutover.parity.support.CloudFrontFixtures.GREEN_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import dev.cutover.parity.aws.HttpProbe;
import dev.cutover.parity.port.AccountRef;
import dev.cutover.parity.port.Accounts;
import dev.cutover.parity.port.BucketRef;
import dev.cutover.parity.port.EdgeConfigs;
import dev.cutover.parity.port.KeyListing;
import dev.cutover.parity.port.Probe;
import dev.cutover.parity.port.ReportStore;
import dev.cutover.parity.support.CloudFrontFixtures;
import dev.cutover.parity.support.LocalEdge.Asset;
import dev.cutover.parity.support.LocalEdge;
import dev.cutover.parity.support.TestAccounts;
import dev.cutover.plan.PlanProblem;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/** The Lambda entry: input refused with every problem at once, and what it opens as whom. */
class ParityHandlerTest {

  @RegisterExtension
  static final WireMockExtension CLOUDFRONT = CloudFrontFixtures.extension();

  private static CloudFrontClient client;

  /** Fails the test if the handler reaches for an account or the network. */
  private static final Accounts UNTOUCHED =
      new Accounts() {
        @Override
        public EdgeConfigs edge(AccountRef account) {
          throw new AssertionError("opened CloudFront of " + account + " despite bad input");
        }

        @Override
        public KeyListing keys(BucketRef bucket) {
          throw new AssertionError("listed " + bucket + " despite bad input");
        }

        @Override
        public ReportStore reports(BucketRef bucket) {
          throw new AssertionError("opened report bucket " + bucket + " despite bad input");
        }
      };

  private static final Probe NO_PROBES = (url, headers) -> {
    throw new AssertionError("probed " + url + " despite bad input");
  };

  @BeforeAll
  static void client() {
    client = CloudFrontFixtures.client(CLOUDFRONT, RetryMode.STANDARD);
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static JsonNode handle(ParityHandler handler, String payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-parity"));
    return Json.mapper().readTree(out.toByteArray());
  }

  private static InvalidPlanException refused(String payload) {
    ParityHandler handler = new ParityHandler(UNTOUCHED, NO_PROBES, d -> URI.create("https://" + d));
    Throwable e = catchThrowable(() -> handle(handler, payload));
    assertThat(e).isInstanceOf(InvalidPlanException.class);
    return (InvalidPlanException) e;
  }

  @Test
  void every_problem_is_reported_at_once_with_its_field() {
    ObjectNode payload = TestPlans.payload(TestPlans.json());
    payload.remove("executionId");
    payload.put("sampleKey", "typo");
    ((ObjectNode) payload.get("plan").get("validation")).putArray("parityAllow").add("Aliases");
    payload.putArray("sampleKeys").add("static/a.css").add("other/b.css").add("static/a.css").add(7);

    InvalidPlanException e = refused(payload.toString());

    assertThat(e.problems()).extracting(PlanProblem::field)
        .containsExactlyInAnyOrder("sampleKey", "executionId", "plan.validation.parityAllow[0]", "sampleKeys[1]", "sampleKeys[2]", "sampleKeys[3]");
    assertThat(e.getMessage()).contains("nothing was changed").contains("not under the source prefix \"static/\"").contains("listed twice");
  }

  @Test
  void more_sample_keys_than_a_task_may_carry_are_refused() {
    ObjectNode payload = TestPlans.payload(TestPlans.json());
    ArrayNode keys = payload.putArray("sampleKeys");
    for (int i = 0; i <= ParityInput.MAX_KEYS; i++) {
      keys.add("static/k" + i);
    }

    assertThat(refused(payload.toString()).problems()).extracting(PlanProblem::field).containsExactly("sampleKeys");
  }

  @Test
  void a_payload_that_is_not_json_is_refused() {
    assertThat(refused("executionId=x").problems()).extracting(PlanProblem::field).containsExactly("$");
  }

  @Test
  void each_side_is_read_as_its_own_account_and_the_result_is_the_documented_shape() throws IOException {
    new CloudFrontFixtures().install(CLOUDFRONT);
    try (LocalEdge blue = new LocalEdge(); LocalEdge green = new LocalEdge()) {
      for (LocalEdge edge : List.of(blue, green)) {
        edge.put("/", Asset.of("text/html", "<!doctype html>"));
        edge.put("static/app.css", Asset.of("text/css", "a { }"));
      }
      TestAccounts accounts = new TestAccounts(client, List.of("static/app.css"));
      Map<String, URI> names = Map.of(BLUE_DOMAIN, blue.base(), GREEN_DOMAIN, green.base());
      ObjectNode payload = TestPlans.payload(TestPlans.json());
      payload.put("executionId", "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:nightly 2026/11/24");

      JsonNode result = handle(new ParityHandler(accounts, new HttpProbe(), names::get), payload.toString());

      String session = "assets-to-platform-account";
      assertThat(accounts.edges).containsExactly(
          new AccountRef("111122223333", "arn:aws:iam::111122223333:role/cutover-source", session, "us-east-1"),
          new AccountRef("444455556666", "arn:aws:iam::444455556666:role/cutover-target", session, "us-east-1"));
      assertThat(accounts.written).containsOnlyKeys("cutover/assets-to-platform-account/parity/nightly-2026-11-24/findings.json");
      assertThat(fieldNames(result)).containsExactly("passed", "migrationId", "blue", "green", "configFindings", "probeFindings", "counts", "probed", "report");
      assertThat(result.get("passed").asBoolean()).isTrue();
      assertThat(result.get("migrationId").asText()).isEqualTo(session);
      assertThat(result.get("probed").asInt()).isEqualTo(2);
      assertThat(result.at("/green/distributionId").asText()).isEqualTo("E3ABCDEF123456");
      assertThat(result.at("/report/uri").asText()).isEqualTo("s3://platform-cutover-reports/cutover/assets-to-platform-account/parity/nightly-2026-11-24/findings.json");
    }
  }

  @Test
  void a_distribution_that_is_not_there_fails_with_the_contracts_precondition_error() {
    // No fixtures installed: CloudFront answers NoSuchDistribution.
    CLOUDFRONT.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/2020-05-31/distribution/.*"))
        .willReturn(CloudFrontFixtures.error(404, "NoSuchDistribution", "The specified distribution does not exist.")));
    ParityHandler handler = new ParityHandler(new TestAccounts(client, List.of()), NO_PROBES, d -> URI.create("https://" + d));

    Throwable e = catchThrowable(() -> handle(handler, TestPlans.payload(TestPlans.json()).toString()));

    assertThat(e).isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("CloudFront distribution E2QWRUHAPOMQZL does not exist in the account of role arn:aws:iam::111122223333:role/cutover-source");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
