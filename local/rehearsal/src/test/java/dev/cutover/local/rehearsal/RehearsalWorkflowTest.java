package dev.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.asl.definition.Definitions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RehearsalWorkflowTest {

  private static Map<String, String> everything() {
    Map<String, String> values = new HashMap<>();
    for (String name : RehearsalWorkflow.placeholders()) {
      values.put(name, name.endsWith("FunctionArn") ? "arn:aws:lambda:us-east-1:444455556666:function:cutover-" + name : "value-of-" + name);
    }
    return values;
  }

  @Test
  void the_file_from_the_statemachine_jar_names_each_step_and_parses_once_substituted() {
    assertThat(RehearsalWorkflow.placeholders())
        .contains("PreflightFunctionArn", "CutoverFunctionArn", "RollbackFunctionArn", "NotificationTopicArn", "LogsTable");

    String definition = RehearsalWorkflow.definition(everything());

    assertThat(definition).doesNotContain("${");
    assertThat(Definitions.parse(definition).startAt()).isEqualTo("WhatWasAsked");
  }

  @Test
  void a_missing_or_an_unknown_substitution_is_named() {
    Map<String, String> values = everything();
    values.remove("WatchFunctionArn");
    values.put("WatchFunctionArm", "typo");

    assertThatThrownBy(() -> RehearsalWorkflow.definition(values))
        .hasMessageContaining("no value for [WatchFunctionArn]")
        .hasMessageContaining("no placeholder for [WatchFunctionArm]");
  }
}
