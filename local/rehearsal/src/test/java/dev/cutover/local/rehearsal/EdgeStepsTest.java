package dev.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.local.edge.DistributionConfigs;
import dev.cutover.local.edge.LocalDnsZone;
import dev.cutover.local.edge.LocalEdge;
import dev.cutover.local.edge.ports.LocalCertificates;
import dev.cutover.testing.TestPlans;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The edge-side steps wired into the local world: the production parity handler compares two
 * distributions on the local edge, each serving its own bucket of the embedded S3, and probes them
 * through their own names; the watch samples green's health from the edge's own metrics.
 */
class EdgeStepsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BLUE = "E2QWRUHAPOMQZL";
  private static final String GREEN = "E3ABCDEF123456";
  private static LocalWorld world;
  private static LocalEdge edge;
  private static ObjectNode plan;

  @BeforeAll
  static void start() throws Exception {
    world = LocalWorld.start(Clock.systemUTC());
    world.s3().createBucket("edge-blue", true);
    world.s3().createBucket("edge-green", true);
    world.s3().createBucket("edge-reports", false);
    for (String bucket : List.of("edge-blue", "edge-green")) {
      world.admin().putObject(r -> r.bucket(bucket).key("static/app.js").contentType("application/javascript").cacheControl("max-age=60"),
          RequestBody.fromString("export const v = 1;\n".repeat(50)));
      world.admin().putObject(r -> r.bucket(bucket).key("static/index.html").contentType("text/html").cacheControl("no-cache"),
          RequestBody.fromString("<html></html>"));
    }
    edge = LocalEdge.builder(world.admin()).clock(Clock.systemUTC()).deployDelay(Duration.ZERO).logDirectory(Files.createTempDirectory("edge-logs")).start();
    edge.importDistribution(BLUE, "d111111abcdef8.cloudfront.net", "111122223333",
        DistributionConfigs.s3("edge-blue", "us-east-1").aliases("assets.example.com").build());
    edge.importDistribution(GREEN, "d222222abcdef8.cloudfront.net", "444455556666",
        DistributionConfigs.s3("edge-green", "us-east-1").aliases("*.example.com").build());
    world.registerEdgeSteps(edge, new LocalDnsZone(Clock.systemUTC(), Duration.ZERO, 1), new LocalCertificates());
    plan = TestPlans.json("edge-blue", "edge-green", "edge-reports", "static/");
  }

  @AfterAll
  static void stop() {
    edge.close();
    world.close();
  }

  private static JsonNode invoke(String function, Map<String, Object> fields) {
    return Invoke.step(world, function, "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:edge-steps", plan, fields);
  }

  @Test
  void parity_compares_the_two_distributions_on_the_edge_and_probes_both() {
    JsonNode parity = invoke("cutover-parity", Map.of("sampleKeys", List.of("static/app.js", "static/index.html")));

    assertThat(parity.path("passed").asBoolean()).as(parity.toPrettyString()).isTrue();
    assertThat(parity.path("probed").asInt()).isEqualTo(2);
    assertThat(parity.at("/blue/distributionId").asText()).isEqualTo(BLUE);
    assertThat(parity.at("/green/distributionId").asText()).isEqualTo(GREEN);
  }
}
