package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanParsingTest {

  @ParameterizedTest
  @ValueSource(strings = {"migrate.json", "validate-only.json", "rollback.json"})
  void example_inputs_in_events_are_valid(String name) {
    assertThatCode(() -> Plans.parse(PlanFixtures.event(name))).doesNotThrowAnyException();
  }

  @Test
  void migrate_example_reads_every_section() {
    Plan plan = Plans.parse(PlanFixtures.event("migrate.json"));

    assertThat(plan.mode()).isEqualTo(Mode.MIGRATE);
    assertThat(plan.source().bucket()).isEqualTo("legacy-web-assets");
    assertThat(plan.target().kmsKeyArn()).endsWith(":key/1234abcd-12ab-34cd-56ef-1234567890ab");
    assertThat(plan.dns().wildcardAlias()).isEqualTo("*.example.com");
    assertThat(plan.approval().approvers()).hasSize(2);
    assertThat(plan.effectiveTargetPrefix()).isEqualTo("static/");
  }

  @Test
  void left_out_sections_take_the_documented_defaults() {
    Plan plan = Plans.parse(PlanFixtures.event("rollback.json"));

    assertThat(plan.validation().metadataFields()).isEqualTo(PlanDefaults.METADATA_FIELDS);
    assertThat(plan.validation().mismatchTolerance()).isZero();
    assertThat(plan.validation().parityAllow()).isEmpty();
    assertThat(plan.approval().timeoutSeconds()).isEqualTo(86_400);
    assertThat(plan.approval().approverMustDifferFromStarter()).isTrue();
    assertThat(plan.bake().durationSeconds()).isEqualTo(1_800);
    assertThat(plan.bake().max5xxErrorRatePercent()).isEqualTo(1.0);
    assertThat(plan.batch().priority()).isEqualTo(10);
    assertThat(plan.replication().replicateDeleteMarkers()).isTrue();
    assertThat(plan.replication().reverseReplicationAfterCutover()).isFalse();
  }

  @Test
  void parsed_plan_round_trips_with_its_defaults_filled_in() {
    Plan plan = Plans.parse(PlanFixtures.event("validate-only.json"));

    String written = Json.write(plan);
    Plan again = Plans.parse(written);

    assertThat(again).isEqualTo(plan);
    assertThat(written).contains("\"approverMustDifferFromStarter\":true");
  }

  @Test
  void legacy_source_bucket_name_is_accepted_in_us_east_1() {
    Plan plan = Plans.parse(PlanFixtures.migrateWith("source.bucket", "\"Legacy_Web_Assets\""));

    assertThat(plan.source().bucket()).isEqualTo("Legacy_Web_Assets");
  }

  @Test
  void apex_hostname_is_accepted_when_nothing_will_move() {
    ObjectNode root = PlanFixtures.migrateTree();
    PlanFixtures.set(root, "mode", "\"VALIDATE_ONLY\"");
    PlanFixtures.set(root, "dns.hostname", "\"example.com\"");

    assertThat(Plans.parse(root.toString()).dns().isApex()).isTrue();
  }

  @Test
  void validate_only_needs_no_approvers() {
    ObjectNode root = PlanFixtures.migrateTree();
    PlanFixtures.set(root, "mode", "\"VALIDATE_ONLY\"");
    PlanFixtures.set(root, "approval", null);

    assertThat(Plans.parse(root.toString()).approval().approvers()).isEmpty();
  }

  @Test
  void account_regional_bucket_of_its_own_account_and_region_is_accepted() {
    Plan plan = Plans.parse(PlanFixtures.migrateWith("target.bucket", "\"assets-444455556666-us-east-1-an\""));

    assertThat(plan.target().bucket()).isEqualTo("assets-444455556666-us-east-1-an");
  }

  @Test
  void multi_region_kms_key_in_the_target_region_is_accepted() {
    Plan plan = Plans.parse(PlanFixtures.migrateWith("target.kmsKeyArn", "\"arn:aws:kms:us-east-1:444455556666:key/mrk-1234abcd12ab34cd56ef1234567890ab\""));

    assertThat(plan.target().kmsKeyArn()).contains("mrk-");
  }

  @Test
  void parity_allow_list_takes_paths_and_globs_that_can_match() {
    ObjectNode root = PlanFixtures.migrateTree();
    PlanFixtures.set(root, "validation.parityAllow", "[\"CacheBehaviors[/legacy/*].Compress\", \"Logging.Enabled\", \"*.ResponseHeadersPolicy\", \"Cache*\"]");

    assertThat(Plans.parse(root.toString()).validation().parityAllow())
        .containsExactly("CacheBehaviors[/legacy/*].Compress", "Logging.Enabled", "*.ResponseHeadersPolicy", "Cache*");
  }
}
