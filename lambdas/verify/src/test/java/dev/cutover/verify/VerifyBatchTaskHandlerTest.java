package dev.cutover.verify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.plan.Plans;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import dev.cutover.verify.aws.S3Buckets;
import dev.cutover.verify.port.BucketRef;
import dev.cutover.verify.support.Asset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Batch Operations "Invoke AWS Lambda function" handler, schema 2.0: request and response
 * fixtures shaped as the S3 user guide shows them, one result per task.
 */
@ExtendWith(EmbeddedS3.class)
class VerifyBatchTaskHandlerTest {

  private static final String BLUE = "batch-blue";
  private static final String GREEN = "batch-green";

  @BeforeAll
  static void seed() {
    S3Client s3 = EmbeddedS3.client();
    EmbeddedS3.bucket(BLUE);
    EmbeddedS3.bucket(GREEN);
    List<Asset> same =
        List.of(
            text("static/with space/a b.png"),
            text("static/c++/a+b.css"),
            text("static/100%/x.css"));
    for (Asset asset : same) {
      asset.putTo(s3, BLUE);
      asset.putTo(s3, GREEN);
    }
    Asset cache = text("static/cache.css").header("Cache-Control", "max-age=60").meta("build", "1");
    cache.putTo(s3, BLUE);
    cache.header("Cache-Control", "no-cache").meta("build", "2").putTo(s3, GREEN);
    text("static/only-blue.css").putTo(s3, BLUE);
  }

  @Test
  void a_url_encoded_key_that_matches_on_green_succeeds() {
    JsonNode response = invoke(ref -> EmbeddedS3.client(), fixture("request-2.0.json"));

    assertThat(response).isEqualTo(fixtureTree("response-2.0.json"));
    assertThat(fieldNames(response)).containsExactly("invocationSchemaVersion", "treatMissingKeysAs", "invocationId", "results");
    assertThat(fieldNames(response.at("/results/0"))).containsExactly("taskId", "resultCode", "resultString");
  }

  @Test
  void every_task_gets_its_own_result_encoded_or_plain_keys_alike() {
    JsonNode response = invoke(ref -> EmbeddedS3.client(), fixture("request-2.0-tasks.json"));

    assertThat(response).isEqualTo(fixtureTree("response-2.0-tasks.json"));
  }

  @Test
  void schema_1_0_fails_every_task_permanently_saying_to_use_2_0() {
    JsonNode response = invoke(ref -> { throw new AssertionError("no bucket is read for a 1.0 request"); }, fixture("request-1.0.json"));

    assertThat(response).isEqualTo(fixtureTree("response-1.0.json"));
  }

  @Test
  void missing_user_arguments_fail_every_task_naming_each_argument() {
    ObjectNode request = (ObjectNode) fixtureTree("request-2.0.json");
    ObjectNode args = (ObjectNode) request.at("/job/userArguments");
    args.remove("targetBucket");
    args.put("targetBucket ", "typo");
    args.put("metadataFields", "Content-Type,ETag");

    JsonNode response = invoke(ref -> { throw new AssertionError("no bucket is read with bad arguments"); }, Json.write(request).getBytes(StandardCharsets.UTF_8));

    assertThat(response.at("/results/0/resultCode").asText()).isEqualTo("PermanentFailure");
    assertThat(response.at("/results/0/resultString").asText())
        .contains("userArguments.targetBucket  is not an argument")
        .contains("userArguments.targetBucket is required")
        .contains("userArguments.metadataFields has \"ETag\"");
  }

  @Test
  void throttling_that_outlasts_the_retries_is_a_temporary_failure_so_batch_operations_retries_the_task() {
    WireMockServer s3 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    s3.start();
    try {
      s3.stubFor(head(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("x-amz-request-id", "4442587FB7D0A2F9")));
      S3Client throttled = EmbeddedS3.clientWithoutRetries(URI.create("http://127.0.0.1:" + s3.port()));

      JsonNode response = invoke(ref -> throttled, fixture("request-2.0.json"));

      assertThat(response.at("/results/0/resultCode").asText()).isEqualTo("TemporaryFailure");
      assertThat(response.at("/results/0/resultString").asText()).contains("HeadObject").contains("HTTP 503");
    } finally {
      s3.stop();
    }
  }

  @Test
  void both_sides_are_read_with_the_roles_and_regions_the_job_names() {
    List<BucketRef> opened = new ArrayList<>();

    invoke(ref -> { opened.add(ref); return EmbeddedS3.client(); }, fixture("request-2.0.json"));

    assertThat(opened)
        .containsExactlyInAnyOrder(
            new BucketRef(BLUE, "us-east-1", "arn:aws:iam::111122223333:role/cutover-source", "assets-to-platform-account", null),
            new BucketRef(GREEN, "us-east-1", "arn:aws:iam::444455556666:role/cutover-target", "assets-to-platform-account", null));
  }

  @Test
  void the_arguments_built_from_a_plan_are_accepted_and_fit_batch_operations_limits() {
    Map<String, String> args = BatchArguments.fromPlan(Plans.parse(TestPlans.json(BLUE, GREEN, "reports", "static/")));

    BatchArguments parsed = BatchArguments.parse(args);

    assertThat(args).hasSizeLessThanOrEqualTo(10);
    assertThat(args).allSatisfy((k, v) -> {
      assertThat(k.length()).isBetween(1, 64);
      assertThat(v.length()).isLessThanOrEqualTo(1024);
    });
    assertThat(parsed.targetBucket()).isEqualTo(GREEN);
    assertThat(parsed.sourceAccountId()).isEqualTo("111122223333");
    assertThat(parsed.metadataFields()).hasSize(10);
  }

  @Test
  void a_payload_that_is_not_a_batch_invocation_is_refused() {
    assertThatThrownBy(() -> invoke(ref -> EmbeddedS3.client(), "{\"executionId\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("not an S3 Batch Operations invocation");
  }

  private static JsonNode invoke(Function<BucketRef, S3Client> clients, byte[] request) {
    VerifyBatchTaskHandler handler =
        new VerifyBatchTaskHandler(new S3Buckets(clients), () -> Verification.SETTINGS, d -> {});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(request), out, new FakeContext("cutover-verify"));
      return Json.mapper().readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] fixture(String name) {
    try (InputStream in = VerifyBatchTaskHandlerTest.class.getResourceAsStream("/batch/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode fixtureTree(String name) {
    try {
      return Json.mapper().readTree(fixture(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Asset text(String key) {
    return Asset.of(key, key.getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/css");
  }
}
