package dev.cutover.replication;

import static dev.cutover.replication.testing.Xml.at;
import static dev.cutover.replication.testing.Xml.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.cutover.errors.ConcurrentChangeException;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.json.Json;
import dev.cutover.plan.PlanProblem;
import dev.cutover.replication.aws.S3BucketReplication;
import dev.cutover.replication.aws.S3Clients;
import dev.cutover.replication.aws.S3RecordStore;
import dev.cutover.replication.port.Bucket;
import dev.cutover.replication.testing.Payloads;
import dev.cutover.replication.testing.SourceBucketStub;
import dev.cutover.replication.testing.TestS3;
import dev.cutover.replication.testing.Xml;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The step end to end through its handler: blue's S3 API is WireMock (S3Mock has no replication
 * configuration), the report bucket is S3Mock, both reached with real SDK clients.
 */
@ExtendWith(EmbeddedS3.class)
class ReplicationHandlerTest {

  private static final String BLUE = "legacy-web-assets";
  private static final byte[] OTHER_TEAMS = Payloads.bytes("/replication/other-teams.xml");

  private static SourceBucketStub blue;
  private static S3Client blueS3;
  private static S3Client reportS3;

  private final List<Bucket> clientsAskedFor = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    blue = new SourceBucketStub(BLUE);
    blueS3 = TestS3.client(blue.endpoint());
    reportS3 = TestS3.client(EmbeddedS3.endpoint());
    EmbeddedS3.bucket(Payloads.REPORT_BUCKET);
  }

  @AfterAll
  static void stop() {
    blueS3.close();
    reportS3.close();
    blue.close();
  }

  @BeforeEach
  void reset() {
    blue.reset();
  }

  @Test
  void enable_without_prior_configuration_records_none_then_puts_only_cutovers_rule() {
    ObjectNode plan = Payloads.plan();

    JsonNode result = invoke("ENABLE", plan);

    assertThat(result.path("outcome").asText()).isEqualTo("RULE_ADDED");
    assertThat(result.path("changed").asBoolean()).isTrue();
    assertThat(result.path("ruleId").asText()).isEqualTo(ruleId(plan));
    assertThat(result.path("priority").asInt()).isEqualTo(1);
    assertThat(result.path("otherRules").asInt()).isZero();
    assertThat(result.path("originalHadConfiguration").asBoolean()).isFalse();
    assertThat(result.path("originalRecordedNow").asBoolean()).isTrue();
    assertThat(result.path("original").asText())
        .isEqualTo("s3://" + Payloads.REPORT_BUCKET + "/" + recordKey(plan));
    assertThat(record(plan)).hasValue(new byte[0]);
    assertThat(blue.puts()).hasSize(1);
    Document put = Xml.parse(blue.puts().getFirst());
    assertThat(put.getDocumentElement().getNamespaceURI()).isEqualTo(SourceBucketStub.NAMESPACE);
    assertThat(text(put.getDocumentElement(), "Role")).isEqualTo(Payloads.REPLICATION_ROLE);
    assertThat(Xml.rules(put)).singleElement().satisfies(rule -> assertThat(text(rule, "ID")).isEqualTo(ruleId(plan)));
  }

  @Test
  void cutovers_rule_replicates_the_prefix_to_green_with_green_as_owner() {
    ObjectNode plan = Payloads.plan();
    ((ObjectNode) plan.path("target")).remove("kmsKeyArn");

    invoke("ENABLE", plan);

    Element rule = Xml.rule(Xml.parse(blue.puts().getFirst()), ruleId(plan));
    assertThat(text(rule, "Status")).isEqualTo("Enabled");
    assertThat(text(rule, "Priority")).isEqualTo("1");
    assertThat(text(rule, "Filter/Prefix")).isEqualTo("static/");
    assertThat(text(rule, "DeleteMarkerReplication/Status")).isEqualTo("Enabled");
    assertThat(text(rule, "Destination/Bucket")).isEqualTo("arn:aws:s3:::platform-web-assets");
    assertThat(text(rule, "Destination/Account")).isEqualTo("444455556666");
    assertThat(text(rule, "Destination/AccessControlTranslation/Owner")).isEqualTo("Destination");
    assertThat(at(rule, "SourceSelectionCriteria")).isEmpty();
    assertThat(at(rule, "Destination/EncryptionConfiguration")).isEmpty();
    assertThat(at(rule, "Prefix")).as("V1 prefix").isEmpty();
  }

  @Test
  void kms_settings_are_in_the_rule_when_the_plan_has_a_target_key() {
    ObjectNode plan = Payloads.plan();
    String key = plan.path("target").path("kmsKeyArn").asText();
    assertThat(key).startsWith("arn:aws:kms:");

    invoke("ENABLE", plan);

    Element rule = Xml.rule(Xml.parse(blue.puts().getFirst()), ruleId(plan));
    assertThat(text(rule, "SourceSelectionCriteria/SseKmsEncryptedObjects/Status")).isEqualTo("Enabled");
    assertThat(text(rule, "Destination/EncryptionConfiguration/ReplicaKmsKeyID")).isEqualTo(key);
  }

  @Test
  void delete_markers_are_not_replicated_when_the_plan_says_so_and_a_whole_bucket_has_an_empty_filter() {
    ObjectNode plan = Payloads.plan();
    ((ObjectNode) plan.path("replication")).put("replicateDeleteMarkers", false);
    ((ObjectNode) plan.path("source")).remove("prefix");

    invoke("ENABLE", plan);

    Element rule = Xml.rule(Xml.parse(blue.puts().getFirst()), ruleId(plan));
    assertThat(text(rule, "DeleteMarkerReplication/Status")).isEqualTo("Disabled");
    assertThat(at(rule, "Filter")).hasValueSatisfying(filter -> assertThat(filter.getTextContent()).isEmpty());
  }

  @Test
  void enable_keeps_other_teams_rules_as_they_were_and_puts_cutovers_rule_above_them() {
    blue.replication(OTHER_TEAMS);
    ObjectNode plan = Payloads.plan();

    JsonNode result = invoke("ENABLE", plan);

    assertThat(result.path("priority").asInt()).isEqualTo(8);
    assertThat(result.path("otherRules").asInt()).isEqualTo(2);
    assertThat(result.path("originalHadConfiguration").asBoolean()).isTrue();
    assertThat(record(plan)).hasValue(OTHER_TEAMS);
    Document original = Xml.parse(OTHER_TEAMS);
    Document put = Xml.parse(blue.puts().getFirst());
    assertThat(Xml.rules(put)).hasSize(3);
    for (Element theirs : Xml.rules(original)) {
      assertThat(Xml.rule(put, text(theirs, "ID")).isEqualNode(theirs)).as("rule %s unchanged", text(theirs, "ID")).isTrue();
    }
    assertThat(text(Xml.rule(put, ruleId(plan)), "Priority")).isEqualTo("8");
  }

  @Test
  void restore_after_enable_puts_back_the_original_byte_for_byte() {
    blue.replication(OTHER_TEAMS);
    ObjectNode plan = Payloads.plan();
    invoke("ENABLE", plan);
    blue.serveLastPut();

    JsonNode result = invoke("RESTORE", plan);

    assertThat(result.path("outcome").asText()).isEqualTo("ORIGINAL_PUT");
    assertThat(result.path("changed").asBoolean()).isTrue();
    assertThat(result.path("otherRules").asInt()).isEqualTo(2);
    assertThat(blue.puts()).hasSize(2);
    assertThat(blue.puts().getLast()).isEqualTo(OTHER_TEAMS);
    assertThat(blue.deleteRequests()).isEmpty();
    assertThat(record(plan)).as("the record stays").hasValue(OTHER_TEAMS);
  }

  @Test
  void restore_after_enable_without_prior_configuration_deletes_it_and_a_second_restore_changes_nothing() {
    ObjectNode plan = Payloads.plan();
    invoke("ENABLE", plan);
    blue.serveLastPut();

    JsonNode first = invoke("RESTORE", plan);
    blue.noReplication();
    JsonNode second = invoke("RESTORE", plan);

    assertThat(first.path("outcome").asText()).isEqualTo("CONFIGURATION_DELETED");
    assertThat(first.path("originalHadConfiguration").asBoolean()).isFalse();
    assertThat(second.path("outcome").asText()).isEqualTo("ALREADY_RESTORED");
    assertThat(second.path("changed").asBoolean()).isFalse();
    assertThat(blue.deleteRequests()).hasSize(1);
    assertThat(blue.puts()).hasSize(1);
    assertThat(record(plan)).hasValue(new byte[0]);
  }

  @Test
  void second_restore_of_a_prior_configuration_puts_nothing() {
    blue.replication(OTHER_TEAMS);
    ObjectNode plan = Payloads.plan();
    invoke("ENABLE", plan);
    blue.serveLastPut();
    invoke("RESTORE", plan);
    blue.replication(Xml.rerendered(OTHER_TEAMS));

    JsonNode again = invoke("RESTORE", plan);

    assertThat(again.path("outcome").asText()).isEqualTo("ALREADY_RESTORED");
    assertThat(blue.puts()).hasSize(2);
  }

  @Test
  void enable_twice_puts_once() {
    blue.replication(OTHER_TEAMS);
    ObjectNode plan = Payloads.plan();
    invoke("ENABLE", plan);
    blue.serveLastPut();

    JsonNode second = invoke("ENABLE", plan);

    assertThat(second.path("outcome").asText()).isEqualTo("ALREADY_ENABLED");
    assertThat(second.path("changed").asBoolean()).isFalse();
    assertThat(second.path("originalRecordedNow").asBoolean()).isFalse();
    assertThat(second.path("priority").asInt()).isEqualTo(8);
    assertThat(blue.puts()).hasSize(1);
  }

  @Test
  void enable_after_the_plan_changed_updates_cutovers_rule_in_place() {
    blue.replication(OTHER_TEAMS);
    ObjectNode plan = Payloads.plan();
    invoke("ENABLE", plan);
    blue.serveLastPut();
    ((ObjectNode) plan.path("replication")).put("replicateDeleteMarkers", false);

    JsonNode second = invoke("ENABLE", plan);

    assertThat(second.path("outcome").asText()).isEqualTo("RULE_UPDATED");
    Document put = Xml.parse(blue.puts().getLast());
    assertThat(Xml.rules(put)).hasSize(3);
    assertThat(text(Xml.rule(put, ruleId(plan)), "DeleteMarkerReplication/Status")).isEqualTo("Disabled");
    assertThat(text(Xml.rule(put, ruleId(plan)), "Priority")).isEqualTo("8");
    assertThat(record(plan)).hasValue(OTHER_TEAMS);
  }

  @Test
  void enable_twice_puts_once_when_s3_returns_its_own_rendering_of_the_configuration() {
    blue.replication(OTHER_TEAMS);
    ObjectNode plan = Payloads.plan();
    invoke("ENABLE", plan);
    byte[] rendered = Xml.rerendered(blue.puts().getFirst());
    assertThat(rendered).isNotEqualTo(blue.puts().getFirst());
    blue.replication(rendered);

    JsonNode second = invoke("ENABLE", plan);

    assertThat(second.path("outcome").asText()).isEqualTo("ALREADY_ENABLED");
    assertThat(blue.puts()).hasSize(1);
  }

  @Test
  void retried_enable_after_the_original_was_recorded_does_not_overwrite_it() {
    blue.replication(OTHER_TEAMS);
    ObjectNode plan = Payloads.plan();
    invoke("ENABLE", plan);
    byte[] withCutoversRule = blue.puts().getFirst();
    blue.replication(withCutoversRule);

    invoke("ENABLE", plan);

    assertThat(record(plan)).hasValue(OTHER_TEAMS);
    assertThat(record(plan).orElseThrow()).isNotEqualTo(withCutoversRule);
  }

  @Test
  void enable_that_failed_after_recording_is_retried_without_rewriting_the_record() {
    blue.replication(OTHER_TEAMS);
    blue.server().stubFor(
        WireMock.put(WireMock.urlEqualTo(blue.replicationPath()))
            .willReturn(WireMock.aResponse().withStatus(503).withBody(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>")));
    ObjectNode plan = Payloads.plan();

    assertThatThrownBy(() -> invoke("ENABLE", plan)).isInstanceOf(TransientException.class);
    assertThat(record(plan)).hasValue(OTHER_TEAMS);
    blue.server().stubFor(WireMock.put(WireMock.urlEqualTo(blue.replicationPath())).willReturn(WireMock.aResponse().withStatus(200)));
    JsonNode retried = invoke("ENABLE", plan);

    assertThat(retried.path("outcome").asText()).isEqualTo("RULE_ADDED");
    assertThat(retried.path("originalRecordedNow").asBoolean()).isFalse();
    assertThat(record(plan)).hasValue(OTHER_TEAMS);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = "Suspended")
  void source_without_versioning_is_refused_before_any_change(String status) {
    blue.versioning(status);
    ObjectNode plan = Payloads.plan();

    assertThatThrownBy(() -> invoke("ENABLE", plan))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(BLUE)
        .hasMessageContaining("put-bucket-versioning --bucket " + BLUE + " --versioning-configuration Status=Enabled");
    assertThat(blue.puts()).isEmpty();
    assertThat(record(plan)).isEmpty();
  }

  @Test
  void enable_refuses_rules_of_another_role_before_any_change() {
    blue.replication(
        new String(OTHER_TEAMS, StandardCharsets.UTF_8)
            .replace("role/cutover-replication", "role/analytics-replication")
            .getBytes(StandardCharsets.UTF_8));
    ObjectNode plan = Payloads.plan();

    assertThatThrownBy(() -> invoke("ENABLE", plan))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("arn:aws:iam::111122223333:role/analytics-replication")
        .hasMessageContaining("\"analytics-to-archive\", \"logs-to-security\"")
        .hasMessageContaining("one role per configuration");
    assertThat(blue.puts()).isEmpty();
    assertThat(record(plan)).isEmpty();
  }

  @Test
  void enable_refuses_v1_rules_before_any_change() {
    blue.replication(Payloads.bytes("/replication/v1.xml"));
    ObjectNode plan = Payloads.plan();

    assertThatThrownBy(() -> invoke("ENABLE", plan))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("V1")
        .hasMessageContaining("\"legacy-backup\"");
    assertThat(blue.puts()).isEmpty();
    assertThat(record(plan)).isEmpty();
  }

  @Test
  void enable_without_a_replication_role_names_the_variable_and_changes_nothing() {
    ObjectNode plan = Payloads.plan();

    assertThatThrownBy(() -> invoke(null, "ENABLE", plan))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(ReplicationHandler.REPLICATION_ROLE_ARN)
        .hasMessageContaining("111122223333");
    assertThat(blue.puts()).isEmpty();
    assertThat(record(plan)).isEmpty();
  }

  @Test
  void enable_refuses_a_replication_role_of_another_account() {
    assertThatThrownBy(() -> invoke("arn:aws:iam::444455556666:role/cutover-replication", "ENABLE", Payloads.plan()))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("account 444455556666")
        .hasMessageContaining("111122223333");
    assertThat(blue.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void restore_refuses_to_undo_a_rule_someone_else_added_since_enable() {
    blue.replication(OTHER_TEAMS);
    ObjectNode plan = Payloads.plan();
    invoke("ENABLE", plan);
    blue.replication(Xml.withExtraRule(blue.puts().getFirst(), "finance-reports"));

    assertThatThrownBy(() -> invoke("RESTORE", plan))
        .isInstanceOf(ConcurrentChangeException.class)
        .hasMessageContaining("added \"finance-reports\"")
        .hasMessageContaining(recordKey(plan));
    assertThat(blue.puts()).hasSize(1);
    assertThat(blue.deleteRequests()).isEmpty();
  }

  @Test
  void enable_refuses_when_the_configuration_changed_since_it_was_recorded() {
    blue.replication(OTHER_TEAMS);
    ObjectNode plan = Payloads.plan();
    invoke("ENABLE", plan);
    blue.replication(Xml.withExtraRule(blue.puts().getFirst(), "finance-reports"));

    assertThatThrownBy(() -> invoke("ENABLE", plan))
        .isInstanceOf(ConcurrentChangeException.class)
        .hasMessageContaining("added \"finance-reports\"");
    assertThat(blue.puts()).hasSize(1);
  }

  @Test
  void restore_when_enable_never_changed_anything_changes_nothing() {
    blue.replication(OTHER_TEAMS);

    JsonNode result = invoke("RESTORE", Payloads.plan());

    assertThat(result.path("outcome").asText()).isEqualTo("NOTHING_TO_RESTORE");
    assertThat(result.path("changed").asBoolean()).isFalse();
    assertThat(result.has("originalHadConfiguration")).isFalse();
    assertThat(blue.puts()).isEmpty();
    assertThat(blue.deleteRequests()).isEmpty();
  }

  @Test
  void blue_is_reached_as_the_source_account_and_the_record_as_the_target_account() {
    ObjectNode plan = Payloads.plan();

    invoke("ENABLE", plan);

    String migrationId = plan.path("migrationId").asText();
    assertThat(clientsAskedFor)
        .contains(new Bucket(BLUE, "111122223333", "us-east-1", "arn:aws:iam::111122223333:role/cutover-source", migrationId))
        .contains(new Bucket(Payloads.REPORT_BUCKET, "444455556666", "us-east-1", "arn:aws:iam::444455556666:role/cutover-target", migrationId));
    assertThat(blue.server().getAllServeEvents())
        .allSatisfy(e -> assertThat(e.getRequest().getHeader("x-amz-expected-bucket-owner")).isEqualTo("111122223333"));
  }

  @Test
  void payload_problems_name_their_fields_before_anything_is_called() {
    ObjectNode plan = Payloads.plan();
    ((ObjectNode) plan.path("source")).remove("bucket");
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("executionId", Payloads.EXECUTION_ID);
    payload.put("action", "ENABEL");
    payload.set("plan", plan);

    assertThatThrownBy(() -> invoke(Payloads.REPLICATION_ROLE, Json.write(payload).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> assertThat(e.problems()).extracting(PlanProblem::field).containsExactlyInAnyOrder("action", "plan.source.bucket"));
    assertThat(blue.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void a_payload_that_is_not_json_is_refused_as_a_whole() {
    assertThatThrownBy(() -> invoke(Payloads.REPLICATION_ROLE, "{\"executionId\": ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> assertThat(e.problems()).singleElement().satisfies(p -> {
              assertThat(p.field()).isEqualTo("$");
              assertThat(p.message()).contains("not valid JSON");
            }));
    assertThat(blue.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void enable_is_refused_in_a_validate_only_run() {
    ObjectNode plan = Payloads.plan();
    plan.put("mode", "VALIDATE_ONLY");

    assertThatThrownBy(() -> invoke("ENABLE", plan))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("plan.mode"));
    assertThat(blue.server().getAllServeEvents()).isEmpty();
  }

  private JsonNode invoke(String action, JsonNode plan) {
    return invoke(Payloads.REPLICATION_ROLE, action, plan);
  }

  private JsonNode invoke(String replicationRole, String action, JsonNode plan) {
    return invoke(replicationRole, Payloads.payload(action, plan));
  }

  private JsonNode invoke(String replicationRole, byte[] payload) {
    S3Clients clients =
        bucket -> {
          clientsAskedFor.add(bucket);
          return bucket.name().equals(BLUE) ? blueS3 : reportS3;
        };
    ReplicationHandler handler =
        new ReplicationHandler(new S3BucketReplication(clients), new S3RecordStore(clients), replicationRole);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(payload), out, new FakeContext("cutover-replication"));
      return Json.mapper().readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String ruleId(JsonNode plan) {
    return "cutover-" + plan.path("migrationId").asText();
  }

  private static String recordKey(JsonNode plan) {
    return "cutover/" + plan.path("migrationId").asText() + "/replication/original.xml";
  }

  private static Optional<byte[]> record(JsonNode plan) {
    try {
      return Optional.of(
          reportS3.getObjectAsBytes(r -> r.bucket(Payloads.REPORT_BUCKET).key(recordKey(plan))).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }
}
