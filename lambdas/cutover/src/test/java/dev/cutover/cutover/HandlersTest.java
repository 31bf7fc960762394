package dev.cutover.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.cutover.port.DnsChange;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.cutover.port.DnsZone;
import dev.cutover.cutover.port.ZoneRef;
import dev.cutover.errors.InternalErrorException;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import dev.cutover.plan.PlanProblem;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The two Lambda entries: payload checks with field paths, the result's JSON, the error contract. */
class HandlersTest {

  private final World world = World.withAliasRecords();

  @Test
  void every_payload_problem_is_reported_at_once_with_its_field_path() {
    ObjectNode payload = TestPlans.payload("MOVE_EVERYTHING", TestPlans.json());
    payload.remove("executionId");
    payload.put("dryRun", true);
    ((ObjectNode) payload.get("plan").get("dns")).put("hostedZoneId", "/hostedzone/Z0123456789ABCDEFGHIJ");

    assertThat(problems(() -> cutover(payload)))
        .containsOnlyKeys("executionId", "action", "dryRun", "plan.dns.hostedZoneId")
        .hasEntrySatisfying("action", m -> assertThat(m).contains("\"MOVE_EVERYTHING\" is not an action of the cutover step").contains("POINT_DNS"));
  }

  @Test
  void the_status_actions_need_their_own_fields_and_others_refuse_them() {
    ObjectNode status = TestPlans.payload("DNS_STATUS", TestPlans.json());
    status.put("side", "BLUE");
    assertThat(problems(() -> cutover(status)))
        .containsOnlyKeys("changeId", "side")
        .hasEntrySatisfying("changeId", m -> assertThat(m).contains("is missing"))
        .hasEntrySatisfying("side", m -> assertThat(m).contains("DISTRIBUTION_STATUS only"));

    ObjectNode distribution = TestPlans.payload("DISTRIBUTION_STATUS", TestPlans.json());
    distribution.put("side", "PURPLE");
    distribution.put("changeId", "C1");
    assertThat(problems(() -> cutover(distribution)))
        .containsOnlyKeys("side", "changeId")
        .hasEntrySatisfying("side", m -> assertThat(m).contains("use BLUE or GREEN"));

    ObjectNode badId = TestPlans.payload("DNS_STATUS", TestPlans.json());
    badId.put("changeId", "not a change");
    assertThat(problems(() -> cutover(badId))).containsOnlyKeys("changeId");
  }

  @Test
  void only_migrate_runs_change_anything_in_the_cutover_and_check_runs_in_any() throws IOException {
    ObjectNode validateOnly = TestPlans.json();
    validateOnly.put("mode", "VALIDATE_ONLY");

    assertThat(problems(() -> cutover(TestPlans.payload("RECORD", validateOnly))))
        .containsOnlyKeys("plan.mode")
        .hasEntrySatisfying("plan.mode", m -> assertThat(m).contains("VALIDATE_ONLY runs do not RECORD"));
    assertThat(cutover(TestPlans.payload("CHECK", validateOnly)).get("outcome").asText()).isEqualTo("CHECKED");
    assertThat(world.records.objects()).isEmpty();
  }

  @Test
  void a_rollback_run_rolls_back_with_the_rollback_plan() throws IOException {
    cutover(TestPlans.payload("RECORD", TestPlans.json()));

    JsonNode result = rollback(TestPlans.payload("DETACH_GREEN", TestPlans.event("rollback.json")));

    assertThat(result.get("outcome").asText()).isEqualTo("ALIAS_ALREADY_ABSENT");
    assertThat(problems(() -> cutover(TestPlans.payload("POINT_DNS", TestPlans.event("rollback.json"))))).containsOnlyKeys("plan.mode");
  }

  @Test
  void an_apex_hostname_is_refused_even_where_the_plan_allows_it() {
    ObjectNode plan = TestPlans.event("rollback.json");
    ((ObjectNode) plan.get("dns")).put("hostname", "example.com");

    assertThat(problems(() -> rollback(TestPlans.payload("RESTORE_DNS", plan))))
        .containsOnlyKeys("plan.dns.hostname")
        .hasEntrySatisfying("plan.dns.hostname", m -> assertThat(m).contains("zone apex"));
  }

  @Test
  void a_payload_that_is_not_json_is_an_invalid_plan() {
    assertThatThrownBy(() -> new CutoverHandler(world.ports(), null, Clock.systemUTC(), d -> {})
            .handleRequest(new ByteArrayInputStream("{\"action\": ".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new FakeContext("cutover-cutover")))
        .isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void the_result_is_small_json_without_empty_fields() throws IOException {
    JsonNode recorded = cutover(TestPlans.payload("RECORD", TestPlans.json()));
    JsonNode pointed = cutover(TestPlans.payload("POINT_DNS", TestPlans.json()));

    assertThat(fieldNames(recorded)).containsExactly("action", "outcome", "changed", "hostname", "record");
    assertThat(recorded.get("record").asText()).isEqualTo("s3://platform-cutover-reports/cutover/assets-to-platform-account/cutover/record.json");
    assertThat(pointed.get("outcome").asText()).isEqualTo("DNS_CHANGE_SUBMITTED");
    assertThat(pointed.get("changeId").asText()).startsWith("C");
    assertThat(pointed.get("dnsStatus").asText()).isEqualTo("PENDING");
    assertThat(pointed.toString().length()).isLessThan(1024);
  }

  @Test
  void the_zone_is_reached_with_the_dns_role_when_one_is_set_and_green_s_otherwise() throws IOException {
    List<String> roles = new ArrayList<>();
    DnsZone recording = recordingRoles(world.zone, roles);
    Ports ports = new Ports(world.edge, recording, world.certificates, world.records);

    run(new CutoverHandler(ports, "arn:aws:iam::555566667777:role/dns-admin", Clock.systemUTC(), d -> {}), TestPlans.payload("RECORD", TestPlans.json()));
    run(new RollbackHandler(ports, null, d -> {}), TestPlans.payload("RESTORE_DNS", TestPlans.json()));

    assertThat(roles).first().isEqualTo("arn:aws:iam::555566667777:role/dns-admin");
    assertThat(roles).last().isEqualTo("arn:aws:iam::444455556666:role/cutover-target");
    assertThatThrownBy(() -> run(new CutoverHandler(ports, "dns-admin", Clock.systemUTC(), d -> {}), TestPlans.payload("CHECK", TestPlans.json())))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("CUTOVER_DNS_ROLE_ARN is \"dns-admin\", which is not an IAM role ARN");
  }

  @Test
  void an_unexpected_failure_leaves_the_handler_as_an_error_of_the_contract() {
    DnsZone broken = recordingRoles(null, new ArrayList<>());
    Ports ports = new Ports(world.edge, broken, world.certificates, world.records);

    assertThatThrownBy(() -> run(new CutoverHandler(ports, null, Clock.systemUTC(), d -> {}), TestPlans.payload("CHECK", TestPlans.json())))
        .isInstanceOf(InternalErrorException.class);
  }

  private JsonNode cutover(ObjectNode payload) throws IOException {
    return run(new CutoverHandler(world.ports(), null, Clock.fixed(World.NOW, ZoneOffset.UTC), d -> {}), payload);
  }

  private JsonNode rollback(ObjectNode payload) throws IOException {
    return run(new RollbackHandler(world.ports(), null, d -> {}), payload);
  }

  private static JsonNode run(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, ObjectNode payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-cutover"));
    return Json.mapper().readTree(out.toByteArray());
  }

  /** The problems an InvalidPlanException lists, by field. */
  private static Map<String, String> problems(ThrowingRunnable call) {
    try {
      call.run();
    } catch (Exception e) {
      assertThat(e).asInstanceOf(type(InvalidPlanException.class)).isNotNull();
      return ((InvalidPlanException) e).problems().stream().collect(Collectors.toMap(PlanProblem::field, PlanProblem::message, (a, b) -> a + " | " + b));
    }
    throw new AssertionError("expected an InvalidPlanException");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A zone that notes the role each call comes with; without a zone behind it, it fails as a defect would. */
  private static DnsZone recordingRoles(DnsZone behind, List<String> roles) {
    return new DnsZone() {
      @Override
      public List<DnsRecord> records(ZoneRef zone, String name) {
        roles.add(zone.roleArn());
        if (behind == null) {
          throw new IllegalStateException("a bug in a port");
        }
        return behind.records(zone, name);
      }

      @Override
      public DnsChange replace(ZoneRef zone, List<DnsRecord> expected, List<DnsRecord> replacement, String comment) {
        roles.add(zone.roleArn());
        return behind.replace(zone, expected, replacement, comment);
      }

      @Override
      public DnsChange change(ZoneRef zone, String changeId) {
        roles.add(zone.roleArn());
        return behind.change(zone, changeId);
      }
    };
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
