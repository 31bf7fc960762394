package dev.cutover.asl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.StatesError;
import dev.cutover.asl.definition.Definitions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole executions on the engine in virtual time, from the developer guide's examples. */
class EngineTest {

  private final EngineHarness harness = new EngineHarness();
  private final VirtualClock clock = harness.clock;
  private final Map<String, TaskResource> resources = harness.resources;
  private final Engine engine = harness.engine;

  private static JsonNode json(String text) {
    return EngineHarness.json(text);
  }

  private Execution run(String definition, String input) {
    return harness.run(definition, input);
  }

  private static List<String> types(Execution e) {
    return e.history().stream().map(HistoryEvent::type).toList();
  }

  private static List<Instant> times(Execution e, String type) {
    return e.history().stream().filter(h -> h.type().equals(type)).map(HistoryEvent::timestamp).toList();
  }

  // "Pass workflow state" page: Result placed with ResultPath.
  @Test
  void pass_result_is_placed_at_result_path() {
    Execution e = run("""
        {'StartAt':'No-op','States':{'No-op':{'Type':'Pass','Result':{'x-datum':0.381018,'y-datum':622.2269926397355},'ResultPath':'$.coords','End':true}}}""",
        "{'georefOf':'Home'}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).contains(json("{'georefOf':'Home','coords':{'x-datum':0.381018,'y-datum':622.2269926397355}}"));
  }

  // "Processing input and output": InputPath, Parameters with the context object, OutputPath.
  @Test
  void parameters_read_the_effective_input_and_the_context_object() {
    Execution e = run("""
        {'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':'$.order','Parameters':{'id.$':'$.id','execution.$':'$$.Execution.Name','state.$':'$$.State.Name'},
          'ResultPath':'$.picked','OutputPath':'$.picked','End':true}}}""",
        "{'order':{'id':42},'other':true}");

    assertThat(e.output()).contains(json("{'id':42,'execution':'run-1','state':'P'}"));
  }

  // "Transforming data with JSONata": Output and Assign; a variable is visible from the next state on.
  @Test
  void jsonata_assign_is_visible_to_later_states_not_to_the_same_state_output() {
    Execution e = run("""
        {'QueryLanguage':'JSONata','StartAt':'A','States':{
          'A':{'Type':'Pass','Assign':{'total':'{% $states.input.a + $states.input.b %}'},'Output':{'seen':'{% $exists($total) %}'},'Next':'B'},
          'B':{'Type':'Pass','Output':{'before':'{% $states.input.seen %}','total':'{% $total %}'},'End':true}}}""",
        "{'a':2,'b':3}");

    assertThat(e.output()).contains(json("{'before':false,'total':5}"));
  }

  // "Wait workflow state": a day-long wait runs in virtual time.
  @Test
  void a_day_long_wait_completes_in_virtual_time() {
    Execution e = harness.start("""
        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"Next":"Done"},"Done":{"Type":"Succeed"}}}""", "{}");
    engine.runUntilIdle();

    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(engine.nextWakeUp()).contains(EngineHarness.T0.plus(Duration.ofDays(1)));

    engine.runToCompletion(clock);

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(times(e, "WaitStateExited")).containsExactly(EngineHarness.T0.plus(Duration.ofDays(1)));
  }

  @Test
  void wait_until_a_timestamp_read_from_the_input() {
    Execution e = run("{'StartAt':'W','States':{'W':{'Type':'Wait','TimestampPath':'$.at','End':true}}}", "{'at':'2026-11-25T06:30:00Z'}");

    assertThat(e.stopTime()).contains(Instant.parse("2026-11-25T06:30:00Z"));
  }

  // "Choice workflow state": the first matching rule wins; no match and no Default fails.
  @Test
  void choice_takes_the_first_matching_rule() {
    String def = """
        {'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[
          {'Variable':'$.n','NumericGreaterThan':10,'Next':'Big'},{'Variable':'$.n','NumericGreaterThan':0,'Next':'Small'}],'Default':'Zero'},
          'Big':{'Type':'Pass','Result':'big','End':true},'Small':{'Type':'Pass','Result':'small','End':true},'Zero':{'Type':'Pass','Result':'zero','End':true}}}""";

    assertThat(run(def, "{'n':50}").output()).contains(json("'big'".replace('\'', '"')));
    assertThat(harness.start(def, "{'n':5}")).satisfies(x -> {
      engine.runToCompletion(clock);
      assertThat(x.output()).contains(json("\"small\""));
    });
  }

  @Test
  void no_matching_choice_without_default_fails_with_no_choice_matched() {
    Execution e = run("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.n','NumericEquals':1,'Next':'D'}]},'D':{'Type':'Succeed'}}}", "{'n':2}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("States.NoChoiceMatched");
  }

  @Test
  void jsonata_choice_condition_routes_and_its_output_applies() {
    Execution e = run("""
        {'QueryLanguage':'JSONata','StartAt':'C','States':{'C':{'Type':'Choice','Choices':[
          {'Condition':'{% $states.input.status = \\'READY\\' %}','Output':{'go':true},'Next':'D'}],'Default':'F'},
          'D':{'Type':'Succeed'},'F':{'Type':'Fail','Error':'NotReady'}}}""", "{'status':'READY'}");

    assertThat(e.output()).contains(json("{'go':true}"));
  }

  // "Task workflow state" / "Processing input and output": ResultSelector then ResultPath.
  @Test
  void task_result_is_selected_and_placed() {
    resources.put("arn:aws:states:::lambda:invoke", inv -> json("{'Payload':{'size':7},'StatusCode':200}"));

    Execution e = run("""
        {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'f','Payload.$':'$'},
          'ResultSelector':{'size.$':'$.Payload.size'},'ResultPath':'$.result','End':true}}}""", "{'key':'a.js'}");

    assertThat(e.output()).contains(json("{'key':'a.js','result':{'size':7}}"));
    assertThat(types(e)).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    HistoryEvent scheduled = e.history().get(2);
    assertThat(scheduled.detailsField()).isEqualTo("taskScheduledEventDetails");
    assertThat(scheduled.details().get("resourceType").asText()).isEqualTo("lambda");
    assertThat(scheduled.details().get("resource").asText()).isEqualTo("invoke");
    assertThat(json(scheduled.details().get("parameters").asText())).isEqualTo(json("{'FunctionName':'f','Payload':{'key':'a.js'}}"));
  }

  // "Handling errors in Step Functions workflows": IntervalSeconds, BackoffRate, MaxAttempts.
  @Test
  void retries_wait_with_exponential_backoff_in_virtual_time() {
    List<Instant> calls = new ArrayList<>();
    resources.put("r", inv -> {
      calls.add(clock.instant());
      if (calls.size() < 3) {
        throw new StatesError("Busy", "try later");
      }
      return json("{'ok':true}");
    });

    Execution e = run("""
        {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':['Busy'],'IntervalSeconds':3,'BackoffRate':2.0,'MaxAttempts':4}],'End':true}}}""", "{}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(calls).containsExactly(EngineHarness.T0, EngineHarness.T0.plusSeconds(3), EngineHarness.T0.plusSeconds(9));
  }

  @Test
  void max_delay_caps_the_backoff() {
    List<Instant> calls = new ArrayList<>();
    resources.put("r", inv -> {
      calls.add(clock.instant());
      throw new StatesError("Busy", "try later");
    });

    run("""
        {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':['Busy'],'IntervalSeconds':10,'BackoffRate':10,'MaxAttempts':3,'MaxDelaySeconds':60}],'End':true}}}""", "{}");

    assertThat(calls).containsExactly(EngineHarness.T0, EngineHarness.T0.plusSeconds(10), EngineHarness.T0.plusSeconds(70), EngineHarness.T0.plusSeconds(130));
  }

  @Test
  void full_jitter_waits_no_longer_than_the_backoff() {
    List<Instant> calls = new ArrayList<>();
    resources.put("r", inv -> {
      calls.add(clock.instant());
      throw new StatesError("Busy", "try later");
    });

    run("""
        {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':['Busy'],'IntervalSeconds':8,'MaxAttempts':1,'JitterStrategy':'FULL'}],'End':true}}}""", "{}");

    assertThat(calls).hasSize(2);
    assertThat(Duration.between(calls.get(0), calls.get(1))).isBetween(Duration.ZERO, Duration.ofSeconds(8));
  }

  @Test
  void max_attempts_zero_never_retries() {
    List<Instant> calls = new ArrayList<>();
    resources.put("r", inv -> {
      calls.add(clock.instant());
      throw new StatesError("Busy", "try later");
    });

    Execution e = run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':['Busy'],'MaxAttempts':0}],'End':true}}}", "{}");

    assertThat(calls).hasSize(1);
    assertThat(e.error()).contains("Busy");
    assertThat(e.cause()).contains("try later");
  }

  // "Handling errors": after retries, Catch with ResultPath keeps the input and adds the error.
  @Test
  void catch_after_retries_keeps_the_input_and_adds_the_error_output() {
    resources.put("r", inv -> {
      throw new StatesError("Boom", "it broke");
    });

    Execution e = run("""
        {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':['Boom'],'MaxAttempts':1}],
          'Catch':[{'ErrorEquals':['Other'],'Next':'Wrong'},{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'Recover'}],'End':true},
          'Wrong':{'Type':'Fail'},'Recover':{'Type':'Pass','End':true}}}""", "{'keep':1}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).contains(json("{'keep':1,'error':{'Error':'Boom','Cause':'it broke'}}"));
    assertThat(times(e, "TaskScheduled")).hasSize(2);
  }

  @Test
  void jsonata_catcher_output_reads_the_error_output() {
    resources.put("r", inv -> {
      throw new StatesError("Boom", "it broke");
    });

    Execution e = run("""
        {'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task','Resource':'r',
          'Catch':[{'ErrorEquals':['States.TaskFailed'],'Output':{'failed':'{% $states.errorOutput.Error %}','was':'{% $states.input %}'},'Next':'Recover'}],'End':true},
          'Recover':{'Type':'Pass','End':true}}}""", "{'k':1}");

    assertThat(e.output()).contains(json("{'failed':'Boom','was':{'k':1}}"));
  }

  // "Error names": States.ALL does not catch States.Runtime, which always fails the execution.
  @Test
  void states_all_does_not_catch_a_runtime_error() {
    Execution e = run("""
        {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','InputPath':'$.missing','Catch':[{'ErrorEquals':['States.ALL'],'Next':'Recover'}],'End':true},
          'Recover':{'Type':'Pass','End':true}}}""", "{}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("States.Runtime");
  }

  @Test
  void task_failed_matches_task_errors_but_not_timeouts() {
    assertThat(Engine.matches(json("['States.TaskFailed']"), "Lambda.ServiceException")).isTrue();
    assertThat(Engine.matches(json("['States.TaskFailed']"), "States.Timeout")).isFalse();
    assertThat(Engine.matches(json("['States.ALL']"), "States.Timeout")).isTrue();
  }

  @Test
  void jsonata_task_arguments_and_output_see_input_and_result() {
    resources.put("r", inv -> json("{'echo':" + inv.payload() + "}"));

    Execution e = run("""
        {'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Arguments':{'key':'{% $states.input.k %}','exec':'{% $states.context.Execution.Name %}'},
          'Output':'{% $states.result.echo %}','End':true}}}""", "{'k':'v'}");

    assertThat(e.output()).contains(json("{'key':'v','exec':'run-1'}"));
  }

  // A resource that throws something other than a States error fails like a Lambda function does: named by the exception's class.
  @Test
  void an_unexpected_exception_from_a_resource_is_a_task_failure_named_by_its_class() {
    resources.put("r", inv -> {
      throw new IllegalStateException("disk full");
    });

    Execution e = run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'Caught'}],'End':true},'Caught':{'Type':'Pass','End':true}}}", "{}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).contains(json("{'Error':'java.lang.IllegalStateException','Cause':'disk full'}"));
  }

  @Test
  void an_execution_name_is_used_once_per_state_machine() {
    String definition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    Execution first = engine.start(EngineHarness.MACHINE, Definitions.parse(definition), "same", json("{'a':1}"));

    assertThatThrownBy(
            () -> engine.start(EngineHarness.MACHINE, Definitions.parse(definition), "same", json("{'a':2}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Execution Already Exists");
    assertThat(engine.execution(first.arn())).containsSame(first);
  }

  @Test
  void execution_started_is_stamped_with_the_start_time_and_role() {
    Execution e = run("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}", "{}");

    HistoryEvent started = e.history().getFirst();
    assertThat(started.timestamp()).isEqualTo(e.startTime());
    assertThat(started.details().get("roleArn").asText()).startsWith("arn:aws:iam::123456789012:role/");
  }

  // "Fail workflow state": ErrorPath and CausePath.
  @Test
  void fail_state_reads_error_and_cause_from_paths() {
    Execution e = run("{'StartAt':'F','States':{'F':{'Type':'Fail','ErrorPath':'$.e','CausePath':'$.c'}}}", "{'e':'Bad','c':'very bad'}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("Bad");
    assertThat(e.cause()).contains("very bad");
    assertThat(types(e)).containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
  }

  @Test
  void a_jsonata_error_in_output_fails_with_query_evaluation_error() {
    Execution e = run("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','Output':'{% $states.input.nope %}','End':true}}}", "{}");

    assertThat(e.error()).contains("States.QueryEvaluationError");
  }

  @Test
  void retry_count_is_in_the_context_object() {
    List<Integer> counts = new ArrayList<>();
    resources.put("r", inv -> {
      counts.add(inv.context().get("State").get("RetryCount").asInt());
      if (counts.size() < 3) {
        throw new StatesError("Busy", "x");
      }
      return json("{}");
    });

    run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':['Busy']}],'End':true}}}", "{}");

    assertThat(counts).containsExactly(0, 1, 2);
  }
}
