package dev.cutover.asl.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What Step Functions refuses at CreateStateMachine / ValidateStateMachineDefinition. Codes,
 * messages and locations are the ones AWS answers (as measured against
 * {@code aws stepfunctions validate-state-machine-definition} and reported in public issue
 * trackers of Step Functions emulators), and the field rules of the ASL specification
 * (states-language.net) and the developer guide's state pages.
 */
class DefinitionsTest {

  private static List<Diagnostic> refuse(String json) {
    InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> Definitions.parse(json.replace('\'', '"')));
    assertThat(e).as("definition should be refused").isNotNull();
    return e.diagnostics();
  }

  private static void assertRefused(String json, String code, String message, String location) {
    assertThat(refuse(json)).contains(new Diagnostic(code, message, location));
  }

  @Test
  void a_valid_definition_keeps_its_states_in_order_with_their_language() {
    StateMachineDefinition d = Definitions.parse("""
        {"QueryLanguage":"JSONata","StartAt":"A","TimeoutSeconds":600,"States":{
          "A":{"Type":"Pass","Output":"{% $states.input %}","Next":"B"},
          "B":{"Type":"Succeed"}}}""");

    assertThat(d.startAt()).isEqualTo("A");
    assertThat(d.states().keySet()).containsExactly("A", "B");
    assertThat(d.state("A").language()).isEqualTo(QueryLanguage.JSONata);
    assertThat(d.state("A").next()).contains("B");
    assertThat(d.timeoutSeconds()).contains(600);
  }

  @Test
  void next_naming_no_state_is_a_missing_transition_target() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'NOPE'},'B':{'Type':'Succeed'}}}",
        "MISSING_TRANSITION_TARGET", "Missing 'Next' target: NOPE", "/States/A/Next");
  }

  @Test
  void dangling_default_choice_and_catch_targets_all_say_next() {
    List<Diagnostic> d = refuse("""
        {'StartAt':'C','States':{
          'C':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,'Next':'X1'}],'Default':'X2'},
          'T':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:f','Catch':[{'ErrorEquals':['States.ALL'],'Next':'X3'}],'End':true}}}""");

    assertThat(d).contains(
        new Diagnostic("MISSING_TRANSITION_TARGET", "Missing 'Next' target: X1", "/States/C/Choices[0]/Next"),
        new Diagnostic("MISSING_TRANSITION_TARGET", "Missing 'Next' target: X2", "/States/C/Default"),
        new Diagnostic("MISSING_TRANSITION_TARGET", "Missing 'Next' target: X3", "/States/T/Catch[0]/Next"));
  }

  @Test
  void start_at_naming_no_state_is_refused_at_start_at() {
    assertRefused("{'StartAt':'Nope','States':{'A':{'Type':'Succeed'}}}",
        "MISSING_TRANSITION_TARGET", "Missing 'Next' target: Nope", "/StartAt");
  }

  @Test
  void a_state_nothing_routes_to_is_not_reachable() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true},'Orphan':{'Type':'Pass','Next':'A'}}}",
        "MISSING_TRANSITION_TARGET", "State \"Orphan\" is not reachable.", "/States/Orphan");
  }

  @Test
  void a_state_reached_only_through_a_catcher_is_reachable() {
    Definitions.parse("""
        {"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],"End":true},
          "Recover":{"Type":"Pass","End":true}}}""");
  }

  @Test
  void a_loop_with_no_terminal_state_is_missing_its_end_and_nothing_else_is_reported() {
    List<Diagnostic> d = refuse("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'},'C':{'Type':'Pass','Next':'A'}}}");

    assertThat(d).containsExactly(new Diagnostic("MISSING_END_STATE", "Workflow has no terminal state", null));
  }

  @Test
  void field_a_state_type_does_not_support_is_refused_at_the_state() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Pass','TimeoutSeconds':5,'End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "Field 'TimeoutSeconds' is not supported", "/States/A");
  }

  @Test
  void catch_on_a_pass_state_is_refused() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Pass','Catch':[{'ErrorEquals':['States.ALL'],'Next':'A'}],'End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "Field 'Catch' is not supported", "/States/A");
  }

  @Test
  void retry_on_a_wait_state_is_refused() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':1,'Retry':[{'ErrorEquals':['States.ALL']}],'End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "Field 'Retry' is not supported", "/States/A");
  }

  @Test
  void unknown_top_level_field_is_refused() {
    assertRefused("{'Coment':'typo','StartAt':'A','States':{'A':{'Type':'Succeed'}}}",
        "SCHEMA_VALIDATION_FAILED", "Field 'Coment' is not supported", "/");
  }

  @Test
  void jsonata_field_in_a_jsonpath_state_is_refused() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Pass','Output':{'a':1},'End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", "/States/A");
  }

  @Test
  void jsonpath_field_in_a_jsonata_state_is_refused() {
    assertRefused("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','InputPath':'$.a','End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage", "/States/A");
  }

  @Test
  void a_state_cannot_go_back_to_jsonpath_under_a_jsonata_machine() {
    assertRefused("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','QueryLanguage':'JSONPath','End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", "/States/A");
  }

  @Test
  void a_jsonpath_machine_may_have_a_jsonata_state() {
    StateMachineDefinition d = Definitions.parse("""
        {"StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% 1 + 1 %}","End":true}}}""");

    assertThat(d.queryLanguage()).isEqualTo(QueryLanguage.JSONPath);
    assertThat(d.state("A").language()).isEqualTo(QueryLanguage.JSONata);
  }

  @Test
  void states_in_a_map_processor_inherit_the_machine_language_not_the_map_state() {
    assertRefused("""
        {'StartAt':'M','States':{'M':{'Type':'Map','QueryLanguage':'JSONata','ItemProcessor':{'StartAt':'P','States':{
          'P':{'Type':'Pass','Output':'{% 1 %}','End':true}}},'End':true}}}""",
        "SCHEMA_VALIDATION_FAILED", "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", "/States/M/ItemProcessor/States/P");
  }

  @Test
  void item_processor_cannot_declare_a_query_language() {
    assertRefused("{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Succeed'}}},'End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "Field 'QueryLanguage' is not supported", "/States/M/ItemProcessor");
  }

  @Test
  void jsonata_that_does_not_parse_is_refused_at_creation() {
    List<Diagnostic> d = refuse("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','Output':{'x':'{% 1 + %}'},'End':true}}}");

    assertThat(d).singleElement().satisfies(x -> {
      assertThat(x.code()).isEqualTo("SCHEMA_VALIDATION_FAILED");
      assertThat(x.location()).isEqualTo("/States/A/Output/x");
      assertThat(x.message()).isEqualTo("'1 +' is not a valid JSONata expression. S0207: Unexpected end of expression");
    });
  }

  @Test
  void jsonata_delimiters_with_surrounding_text_are_refused_at_creation() {
    List<Diagnostic> d = refuse("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','Output':' {% 1 %}','End':true}}}");

    assertThat(d).singleElement().extracting(Diagnostic::location).isEqualTo("/States/A/Output");
  }

  @Test
  void state_with_neither_next_nor_end_is_refused() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Pass'},'B':{'Type':'Succeed'}}}",
        "SCHEMA_VALIDATION_FAILED", "A Pass state must have either 'Next' or 'End: true'", "/States/A");
  }

  @Test
  void state_with_both_next_and_end_is_refused() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B','End':true},'B':{'Type':'Succeed'}}}",
        "SCHEMA_VALIDATION_FAILED", "There should only be one of the following fields: [Next, End]", "/States/A");
  }

  @Test
  void unknown_state_type_is_refused() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Sleep','End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "The field 'Type' should be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map", "/States/A/Type");
  }

  @Test
  void wait_needs_exactly_one_of_its_time_fields() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':5,'Timestamp':'2026-01-01T00:00:00Z','End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "There should be exactly one of the following fields: [Seconds, SecondsPath, Timestamp, TimestampPath]", "/States/A");
  }

  @Test
  void task_without_resource_is_refused() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Task','End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "The field 'Resource' is required", "/States/A");
  }

  @Test
  void heartbeat_not_below_timeout_is_refused() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','TimeoutSeconds':10,'HeartbeatSeconds':10,'End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "HeartbeatSeconds must be smaller than TimeoutSeconds", "/States/A/HeartbeatSeconds");
  }

  @Test
  void states_all_must_be_alone_and_last() {
    assertRefused("""
        {'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Retry':[
          {'ErrorEquals':['States.ALL']},{'ErrorEquals':['States.Timeout']}],'End':true}}}""",
        "SCHEMA_VALIDATION_FAILED", "States.ALL must appear alone in the last ErrorEquals", "/States/A/Retry[0]/ErrorEquals");
  }

  @Test
  void backoff_rate_below_one_is_refused() {
    assertRefused("{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':['States.ALL'],'BackoffRate':0.5}],'End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "Minimum value is 1.0", "/States/A/Retry[0]/BackoffRate");
  }

  @Test
  void map_with_both_literal_and_path_concurrency_is_refused() {
    assertRefused("{'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':2,'MaxConcurrencyPath':'$.n','ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Succeed'}}},'End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "There should only be one of the following fields: [MaxConcurrency, MaxConcurrencyPath]", "/States/M");
  }

  @Test
  void tolerated_failure_percentage_above_100_is_refused() {
    assertRefused("{'StartAt':'M','States':{'M':{'Type':'Map','ToleratedFailurePercentage':150,'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Succeed'}}},'End':true}}}",
        "SCHEMA_VALIDATION_FAILED", "Maximum value is 100.0", "/States/M/ToleratedFailurePercentage");
  }

  @Test
  void a_transition_cannot_leave_its_parallel_branch() {
    assertRefused("""
        {'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'StartAt':'B1','States':{'B1':{'Type':'Pass','Next':'After'}}}],'Next':'After'},
          'After':{'Type':'Succeed'}}}""",
        "MISSING_TRANSITION_TARGET", "Missing 'Next' target: After", "/States/P/Branches[0]/States/B1/Next");
  }

  @Test
  void state_names_are_unique_across_nested_branches() {
    assertRefused("""
        {'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'StartAt':'P','States':{'P':{'Type':'Succeed'}}}],'End':true}}}""",
        "DUPLICATE_STATE_NAME", "Duplicate State name: P", "/States/P/Branches[0]/States/P");
  }

  @Test
  void jsonata_choice_rule_needs_a_condition() {
    assertRefused("{'QueryLanguage':'JSONata','StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Next':'D'}],'Default':'D'},'D':{'Type':'Succeed'}}}",
        "SCHEMA_VALIDATION_FAILED", "The field 'Condition' is required", "/States/C/Choices[0]");
  }

  @Test
  void malformed_jsonpath_choice_rule_is_refused_at_creation_naming_the_rule() {
    List<Diagnostic> d = refuse("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.n','NumericEquals':'1','Next':'D'}],'Default':'D'},'D':{'Type':'Succeed'}}}");

    assertThat(d).singleElement().satisfies(x -> {
      assertThat(x.location()).isEqualTo("/States/C/Choices");
      assertThat(x.message()).contains("NumericEquals must be a number").contains("States.C.Choices[0]");
    });
  }

  @Test
  void malformed_json_is_an_invalid_json_description() {
    List<Diagnostic> d = refuse("{'StartAt':'A',");

    assertThat(d).singleElement().extracting(Diagnostic::code).isEqualTo("INVALID_JSON_DESCRIPTION");
  }

  @Test
  void every_problem_is_reported_at_once_in_aws_message_form() {
    InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> Definitions.parse("""
        {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"NOPE","Result":1},"B":{"Type":"Wait","End":true}}}"""));

    assertThat(e.diagnostics()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(e.getMessage())
        .startsWith("Invalid State Machine Definition: '")
        .contains("MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE at /States/A/Next")
        .contains("SCHEMA_VALIDATION_FAILED: There should be exactly one of the following fields: [Seconds, SecondsPath, Timestamp, TimestampPath] at /States/B");
  }
}
