package dev.cutover.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plan.PlanProblem;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorContractTest {

  @Test
  void the_contract_is_a_closed_set_of_final_classes_named_as_the_state_machine_sees_them() {
    List<Class<? extends CutoverException>> classes = ErrorContract.errorClasses();

    assertThat(classes).hasSize(8);
    assertThat(classes).allSatisfy(c -> {
      assertThat(Modifier.isFinal(c.getModifiers())).as("%s is final", c).isTrue();
      assertThat(c.getSuperclass()).isEqualTo(CutoverException.class);
      assertThat(c.getPackageName()).isEqualTo("dev.cutover.errors");
      assertThat(c.getConstructor(String.class)).as("public (String) constructor, used by ErrorContract.handlingOf").isNotNull();
    });
    assertThat(ErrorContract.errorNames())
        .containsExactlyInAnyOrder(
            "dev.cutover.errors.TransientException",
            "dev.cutover.errors.InvalidPlanException",
            "dev.cutover.errors.PreconditionFailedException",
            "dev.cutover.errors.VerificationMismatchException",
            "dev.cutover.errors.ApprovalRejectedException",
            "dev.cutover.errors.ConcurrentChangeException",
            "dev.cutover.errors.UnhealthyAfterCutoverException",
            "dev.cutover.errors.InternalErrorException");
  }

  @Test
  void only_transient_failures_are_retried() {
    assertThat(ErrorContract.retriedErrorNames()).containsExactly("dev.cutover.errors.TransientException");
  }

  @Test
  void error_name_is_the_fully_qualified_class_name_the_lambda_runtime_reports() {
    CutoverException e = new VerificationMismatchException("3 objects differ");

    assertThat(e.errorName()).isEqualTo(e.getClass().getName());
  }

  @Test
  void invalid_plan_lists_each_problem_on_its_own_line() {
    InvalidPlanException e =
        new InvalidPlanException(List.of(new PlanProblem("source.bucket", "too short"), new PlanProblem("dns.hostname", "is the apex")));

    assertThat(e.getMessage())
        .isEqualTo("The execution input has 2 problems; nothing was changed:\n  - source.bucket: too short\n  - dns.hostname: is the apex");
    assertThat(e.problems()).hasSize(2);
  }
}
