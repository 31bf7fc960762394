package dev.cutover.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.plan.Plan;
import org.junit.jupiter.api.Test;

class TestPlansTest {

  @Test
  void the_constants_name_what_the_example_plan_holds() {
    ObjectNode json = TestPlans.json();

    assertThat(json.at("/source/bucket").asText()).isEqualTo(TestPlans.BLUE);
    assertThat(json.at("/source/roleArn").asText()).isEqualTo(TestPlans.BLUE_ROLE);
    assertThat(json.at("/target/bucket").asText()).isEqualTo(TestPlans.GREEN);
    assertThat(json.at("/target/roleArn").asText()).isEqualTo(TestPlans.GREEN_ROLE);
    assertThat(json.at("/target/kmsKeyArn").asText()).isEqualTo(TestPlans.GREEN_KEY);
  }

  @Test
  void json_with_buckets_swaps_them_and_drops_the_kms_key_and_a_null_prefix() {
    ObjectNode json = TestPlans.json("b", "g", "r", null);

    assertThat(json.at("/source/bucket").asText()).isEqualTo("b");
    assertThat(json.at("/source").has("prefix")).isFalse();
    assertThat(json.at("/target/bucket").asText()).isEqualTo("g");
    assertThat(json.at("/target").has("kmsKeyArn")).isFalse();
    assertThat(json.at("/batch/reportBucket").asText()).isEqualTo("r");
    assertThat(TestPlans.json("b", "g", "r", "p/").at("/source/prefix").asText()).isEqualTo("p/");
  }

  @Test
  void each_call_reads_a_fresh_copy_so_edits_do_not_leak_between_tests() {
    TestPlans.json().put("migrationId", "edited");

    assertThat(TestPlans.json().path("migrationId").asText()).isEqualTo("assets-to-platform-account");
  }

  @Test
  void plan_parses_the_example_after_the_edit() {
    Plan plan = TestPlans.plan(p -> p.put("migrationId", "another-migration"));

    assertThat(plan.migrationId()).isEqualTo("another-migration");
    assertThat(TestPlans.plan().migrationId()).isEqualTo("assets-to-platform-account");
  }

  @Test
  void payload_carries_the_execution_id_and_the_plan() {
    ObjectNode plan = TestPlans.json();
    ObjectNode payload = TestPlans.payload(plan);

    assertThat(payload.path("executionId").asText()).isEqualTo(TestPlans.EXECUTION_ID);
    assertThat(payload.get("plan")).isEqualTo(plan);
  }
}
