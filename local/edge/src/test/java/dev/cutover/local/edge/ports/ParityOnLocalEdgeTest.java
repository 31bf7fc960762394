package dev.cutover.local.edge.ports;

import static dev.cutover.local.edge.ports.MigrationWorld.GREEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import dev.cutover.parity.ParityHandler;
import dev.cutover.parity.port.AccountRef;
import dev.cutover.parity.port.Accounts;
import dev.cutover.parity.port.BucketRef;
import dev.cutover.parity.port.EdgeConfigs;
import dev.cutover.parity.port.KeyListing;
import dev.cutover.parity.port.ReportLocation;
import dev.cutover.parity.port.ReportStore;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;

/**
 * The real parity handler ({@code ParityHandler.local}) on the local edge: configurations read as
 * the API shape through {@link ParityEdgeConfigs}, probes through each distribution's own name with
 * {@link ParityProbe}. Two distributions set up alike pass; a changed setting or a changed object
 * is found.
 */
@ExtendWith(EmbeddedS3.class)
class ParityOnLocalEdgeTest {

  static final List<String> KEYS = List.of("static/same.css", "static/logo.svg", "static/app.bundle.js");

  private final MigrationWorld world = new MigrationWorld();
  private final Map<String, byte[]> reports = new ConcurrentHashMap<>();
  private final Accounts accounts = new Accounts() {
    @Override
    public EdgeConfigs edge(AccountRef account) {
      return new ParityEdgeConfigs(world.edge, account.accountId());
    }

    @Override
    public KeyListing keys(BucketRef bucket) {
      return (prefix, max) -> KEYS;
    }

    @Override
    public ReportStore reports(BucketRef bucket) {
      return (key, content, type) -> {
        reports.put(key, content);
        return new ReportLocation(bucket.bucket(), key);
      };
    }
  };
  private final ParityHandler parity = ParityHandler.local(accounts, new ParityProbe(world.zone.resolverTo(world.edge), Duration.ofSeconds(5), 1 << 20),
      domain -> world.edge.urlFor(domain));

  ParityOnLocalEdgeTest() {
    for (String bucket : List.of("legacy-web-assets", "platform-web-assets")) {
      put(bucket, "static/same.css", "text/css", "body{color:#333}\n".repeat(100));
      put(bucket, "static/logo.svg", "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'/>");
      put(bucket, "static/app.bundle.js", "application/javascript", "export const v = 1;\n".repeat(80));
    }
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void two_distributions_set_up_alike_pass() throws Exception {
    JsonNode result = run();

    assertThat(result.path("passed").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("probed").asInt()).isEqualTo(3);
    assertThat(result.path("configFindings")).isEmpty();
    assertThat(reports).hasSize(1);
  }

  @Test
  void a_setting_that_differs_and_an_object_that_differs_are_found() throws Exception {
    var g = world.edge.distribution(GREEN);
    String policy = world.edge.putResponseHeadersPolicy(MigrationWorld.GREEN_ACCOUNT, ResponseHeadersPolicyConfig.builder().name("extra")
        .customHeadersConfig(c -> c.quantity(1).items(h -> h.header("X-Extra").value("1").override(true))).build());
    world.edge.updateDistribution(GREEN, g.config().toBuilder()
        .defaultCacheBehavior(g.config().defaultCacheBehavior().toBuilder().compress(false).responseHeadersPolicyId(policy).build()).build(), g.etag());
    world.clock.advance(MigrationWorld.DEPLOY);
    put("platform-web-assets", "static/logo.svg", "image/svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");

    JsonNode result = run();

    assertThat(result.path("passed").asBoolean()).isFalse();
    assertThat(result.path("configFindings").toString()).contains("Compress").contains("ResponseHeadersPolicy");
    assertThat(result.path("probeFindings").toString())
        .contains("static/logo.svg").contains("Content-Type")
        // Compression off on green: the same bytes arrive uncompressed, which the probe's hash sees through.
        .doesNotContain("\"field\":\"body\"");
    assertThat(result.path("probeFindings").toString()).contains("Content-Encoding");
  }

  @Test
  void edge_configs_are_per_account() {
    ParityEdgeConfigs asBlue = new ParityEdgeConfigs(world.edge, MigrationWorld.BLUE_ACCOUNT);

    assertThat(asBlue.distribution(MigrationWorld.BLUE).config().path("DefaultCacheBehavior").path("Compress").asBoolean()).isTrue();
    assertThat(asBlue.distribution(MigrationWorld.BLUE).config().path("Aliases").toString()).contains("assets.example.com");
    assertThatThrownBy(() -> asBlue.distribution(GREEN)).isInstanceOf(PreconditionFailedException.class).hasMessageContaining("does not exist in account 111122223333");
    assertThatThrownBy(() -> asBlue.cachePolicy("nope")).isInstanceOf(PreconditionFailedException.class);
  }

  private JsonNode run() throws Exception {
    ObjectNode payload = TestPlans.payload(TestPlans.json());
    var keys = payload.putArray("sampleKeys");
    KEYS.forEach(keys::add);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parity.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-parity"));
    return Json.mapper().readTree(out.toByteArray());
  }

  private void put(String bucket, String key, String type, String body) {
    world.s3.putObject(r -> r.bucket(bucket).key(key).contentType(type).cacheControl("public, max-age=31536000"), RequestBody.fromString(body, StandardCharsets.UTF_8));
  }
}
