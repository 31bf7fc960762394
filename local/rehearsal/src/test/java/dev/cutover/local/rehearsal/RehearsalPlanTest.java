package dev.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plan.Mode;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Plans;
import org.junit.jupiter.api.Test;

class RehearsalPlanTest {

  private final RehearsalPlan plan = RehearsalPlan.defaults("E1BLUEREHEARSAL", "E2GREENREHEARSAL");

  @Test
  void the_rehearsal_plan_passes_the_steps_own_validation_in_every_mode() {
    Plan migrate = Plans.parse(plan.json("MIGRATE"));
    Plan validate = Plans.parse(plan.json("VALIDATE_ONLY"));
    Plan rollback = Plans.parse(plan.json("ROLLBACK"));

    assertThat(migrate.mode()).isEqualTo(Mode.MIGRATE);
    assertThat(migrate.source().distributionId()).isEqualTo("E1BLUEREHEARSAL");
    assertThat(migrate.dns().hostname()).isEqualTo("assets.example.com");
    assertThat(validate.mode()).isEqualTo(Mode.VALIDATE_ONLY);
    assertThat(rollback.mode()).isEqualTo(Mode.ROLLBACK);
  }

  @Test
  void the_approver_the_rehearsal_signs_as_is_one_the_plan_allows_and_not_the_starter() {
    assertThat(plan.approver()).contains(":assumed-role/release-manager/");
    assertThat(plan.json("MIGRATE").at("/approval/approvers/0").asText()).endsWith(":role/release-manager");
    assertThat(plan.json("MIGRATE").at("/approval/approverMustDifferFromStarter").asBoolean()).isTrue();
  }
}
