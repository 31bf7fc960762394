package dev.cutover.local.edge.ports;

import static dev.cutover.local.edge.ports.MigrationWorld.BLUE;
import static dev.cutover.local.edge.ports.MigrationWorld.BLUE_DOMAIN;
import static dev.cutover.local.edge.ports.MigrationWorld.DEPLOY;
import static dev.cutover.local.edge.ports.MigrationWorld.GREEN;
import static dev.cutover.local.edge.ports.MigrationWorld.GREEN_DOMAIN;
import static dev.cutover.local.edge.ports.MigrationWorld.HOST;
import static dev.cutover.local.edge.ports.MigrationWorld.SYNC;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.cutover.CutoverHandler;
import dev.cutover.cutover.RollbackHandler;
import dev.cutover.json.Json;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real cutover and rollback handlers ({@code CutoverHandler.local}, {@code
 * RollbackHandler.local}) on the local edge, zone and certificates, action by action as the
 * workflow runs them, with the clock moved between the wait loops. After every action a user's
 * request — resolved through the zone, routed by the edge — is answered 200, and every edge
 * location can route the hostname whichever of the in-progress configurations it has.
 */
@ExtendWith(EmbeddedS3.class)
class CutoverOnLocalEdgeTest {

  private final MigrationWorld world = new MigrationWorld();
  private final RequestStreamHandler cutover = CutoverHandler.local(world.ports(), Map.of(), world.clock);
  private final RequestStreamHandler rollback = RollbackHandler.local(world.ports(), Map.of());
  private final List<String> servedBy = new ArrayList<>();

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void the_wildcard_method_moves_the_hostname_to_green_and_rollback_moves_it_back_with_every_request_answered() {
    assertThat(run(cutover, "CHECK").path("check").path("phase").asText()).isEqualTo("NOT_STARTED");
    assertThat(outcome(cutover, "RECORD")).isEqualTo("RECORDED");
    observe();

    JsonNode pointed = run(cutover, "POINT_DNS");
    assertThat(pointed.path("outcome").asText()).isEqualTo("DNS_CHANGE_SUBMITTED");
    String change = pointed.path("changeId").asText();
    assertThat(status(cutover, "DNS_STATUS", change)).isEqualTo("DNS_PENDING");
    assertThat(world.zone.resolve(HOST)).as("resolvers see the change once it is INSYNC").hasValue(BLUE_DOMAIN);
    observe();
    world.clock.advance(SYNC);
    assertThat(status(cutover, "DNS_STATUS", change)).isEqualTo("DNS_INSYNC");
    assertThat(world.zone.resolve(HOST)).hasValue(GREEN_DOMAIN);
    // DNS now names green's distribution, yet blue serves: its exact alias wins wherever the request lands.
    assertThat(observe()).isEqualTo(BLUE);

    assertThat(outcome(cutover, "DETACH_BLUE")).isEqualTo("ALIAS_REMOVED");
    assertThat(side(cutover, "DISTRIBUTION_STATUS", "BLUE")).isEqualTo("DISTRIBUTION_IN_PROGRESS");
    assertThat(observe()).as("until blue's change deploys").isEqualTo(BLUE);
    world.clock.advance(DEPLOY);
    assertThat(side(cutover, "DISTRIBUTION_STATUS", "BLUE")).isEqualTo("DISTRIBUTION_DEPLOYED");
    assertThat(observe()).as("green's wildcard").isEqualTo(GREEN);

    assertThat(outcome(cutover, "ATTACH_GREEN")).isEqualTo("ALIAS_ADDED");
    observe();
    world.clock.advance(DEPLOY);
    assertThat(side(cutover, "DISTRIBUTION_STATUS", "GREEN")).isEqualTo("DISTRIBUTION_DEPLOYED");
    assertThat(observe()).isEqualTo(GREEN);
    assertThat(world.edge.distribution(GREEN).aliases()).containsExactly("*.example.com", HOST);
    assertThat(world.edge.distribution(BLUE).aliases()).containsExactly("static.example.com");
    assertThat(outcome(cutover, "ATTACH_GREEN")).as("run again").isEqualTo("ALIAS_ALREADY_PRESENT");

    // Rollback, in its order.
    assertThat(outcome(rollback, "DETACH_GREEN")).isEqualTo("ALIAS_REMOVED");
    observe();
    world.clock.advance(DEPLOY);
    assertThat(side(rollback, "DISTRIBUTION_STATUS", "GREEN")).isEqualTo("DISTRIBUTION_DEPLOYED");
    assertThat(outcome(rollback, "ATTACH_BLUE")).isEqualTo("ALIAS_ADDED");
    assertThat(observe()).isEqualTo(GREEN);
    world.clock.advance(DEPLOY);
    assertThat(observe()).isEqualTo(BLUE);
    JsonNode restored = run(rollback, "RESTORE_DNS");
    assertThat(restored.path("outcome").asText()).isEqualTo("DNS_CHANGE_SUBMITTED");
    observe();
    world.clock.advance(SYNC);
    assertThat(status(rollback, "DNS_STATUS", restored.path("changeId").asText())).isEqualTo("DNS_INSYNC");
    assertThat(world.zone.resolve(HOST)).hasValue(BLUE_DOMAIN);
    assertThat(observe()).isEqualTo(BLUE);

    assertThat(servedBy).doesNotContainNull().containsOnly(BLUE, GREEN);
    assertThat(world.edge.unroutedRequests()).isZero();
    assertThat(world.zone.records(MigrationWorld.ZONE, HOST)).as("the TXT record is left alone")
        .anySatisfy(r -> assertThat(r.type()).isEqualTo("TXT"));
  }

  /** A user's request now, and the zero-downtime property; returns who served it. */
  private String observe() {
    assertThat(world.edge.servedEverywhere(HOST)).as("every edge location routes " + HOST).isTrue();
    var response = world.userGet("/static/app.js");
    assertThat(response.statusCode()).isEqualTo(200);
    String by = response.headers().firstValue("X-Local-Distribution").orElse(null);
    assertThat(response.body()).contains(BLUE.equals(by) ? "legacy-web-assets" : "platform-web-assets");
    servedBy.add(by);
    return by;
  }

  private String outcome(RequestStreamHandler handler, String action) {
    return run(handler, action).path("outcome").asText();
  }

  private String status(RequestStreamHandler handler, String action, String changeId) {
    ObjectNode payload = payload(handler, action);
    payload.put("changeId", changeId);
    return invoke(handler, payload).path("outcome").asText();
  }

  private String side(RequestStreamHandler handler, String action, String side) {
    ObjectNode payload = payload(handler, action);
    payload.put("side", side);
    return invoke(handler, payload).path("outcome").asText();
  }

  private JsonNode run(RequestStreamHandler handler, String action) {
    return invoke(handler, payload(handler, action));
  }

  private ObjectNode payload(RequestStreamHandler handler, String action) {
    return TestPlans.payload(action, handler == rollback ? TestPlans.event("rollback.json") : TestPlans.json());
  }

  private static JsonNode invoke(RequestStreamHandler handler, ObjectNode payload) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover"));
      return Json.mapper().readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
