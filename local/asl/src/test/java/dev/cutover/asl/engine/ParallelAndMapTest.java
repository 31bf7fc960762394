package dev.cutover.asl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.StatesError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parallel and inline Map states, from the developer guide's "Parallel" and "Map" state pages. */
class ParallelAndMapTest {

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

  private static long count(Execution e, String type) {
    return e.history().stream().filter(h -> h.type().equals(type)).count();
  }

  @Test
  void parallel_output_is_the_branch_outputs_in_branch_order() {
    Execution e = run("""
        {'StartAt':'Both','States':{'Both':{'Type':'Parallel','ResultPath':'$.results','End':true,'Branches':[
          {'StartAt':'Slow','States':{'Slow':{'Type':'Wait','Seconds':30,'Next':'A'},'A':{'Type':'Pass','Result':'first','End':true}}},
          {'StartAt':'B','States':{'B':{'Type':'Pass','Parameters':{'got.$':'$.x'},'End':true}}}]}}}""", "{'x':1}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).contains(json("{'x':1,'results':['first',{'got':1}]}"));
    assertThat(e.stopTime()).contains(EngineHarness.T0.plusSeconds(30));
  }

  @Test
  void a_failing_branch_fails_the_parallel_state_with_its_error_and_stops_the_others() {
    Execution e = run("""
        {'StartAt':'Both','States':{'Both':{'Type':'Parallel','Next':'Done','Catch':[{'ErrorEquals':['Broken'],'ResultPath':'$.error','Next':'Handled'}],'Branches':[
          {'StartAt':'Long','States':{'Long':{'Type':'Wait','Seconds':3600,'End':true}}},
          {'StartAt':'Bad','States':{'Bad':{'Type':'Fail','Error':'Broken','Cause':'branch two'}}}]},
          'Done':{'Type':'Succeed'},'Handled':{'Type':'Pass','End':true}}}""", "{}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).contains(json("{'error':{'Error':'Broken','Cause':'branch two'}}"));
    assertThat(e.stopTime()).contains(EngineHarness.T0);
    assertThat(count(e, "ParallelStateFailed")).isEqualTo(1);
  }

  @Test
  void retrying_a_parallel_state_runs_every_branch_again() {
    List<Integer> calls = new ArrayList<>();
    resources.put("flaky", inv -> {
      calls.add(calls.size());
      if (calls.size() == 1) {
        throw new StatesError("Busy", "first time");
      }
      return json("'ok'".replace('\'', '"'));
    });

    Execution e = run("""
        {'StartAt':'Both','States':{'Both':{'Type':'Parallel','Retry':[{'ErrorEquals':['Busy'],'IntervalSeconds':5}],'End':true,'Branches':[
          {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'flaky','End':true}}}]}}}""", "{}");

    assertThat(e.output()).contains(json("['ok']"));
    assertThat(calls).hasSize(2);
    assertThat(e.stopTime()).contains(EngineHarness.T0.plusSeconds(5));
  }

  // "Map state": ItemsPath and ItemSelector with the context object's Map.Item.
  @Test
  void map_runs_the_processor_for_each_selected_item() {
    Execution e = run("""
        {'StartAt':'Each','States':{'Each':{'Type':'Map','ItemsPath':'$.detail.shipped','ItemSelector':{'index.$':'$$.Map.Item.Index','item.$':'$$.Map.Item.Value','order.$':'$.detail.order'},
          'ItemProcessor':{'StartAt':'Ship','States':{'Ship':{'Type':'Pass','End':true}}},'ResultPath':'$.detail.shipped','End':true}}}""",
        "{'detail':{'order':7,'shipped':[{'prod':'R31'},{'prod':'S39'}]}}");

    assertThat(e.output()).contains(json("""
        {'detail':{'order':7,'shipped':[{'index':0,'item':{'prod':'R31'},'order':7},{'index':1,'item':{'prod':'S39'},'order':7}]}}"""));
    assertThat(count(e, "MapIterationStarted")).isEqualTo(2);
    assertThat(count(e, "MapIterationSucceeded")).isEqualTo(2);
  }

  @Test
  void max_concurrency_one_runs_iterations_one_after_another() {
    String definition = """
        {'StartAt':'Each','States':{'Each':{'Type':'Map','MaxConcurrency':%d,
          'ItemProcessor':{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':10,'End':true}}},'End':true}}}""";

    assertThat(run(definition.formatted(1), "[1,2,3]").stopTime()).contains(EngineHarness.T0.plusSeconds(30));
    Execution unlimited = harness.start(definition.formatted(0), "[1,2,3]");
    engine.runToCompletion(clock);
    assertThat(unlimited.stopTime()).contains(EngineHarness.T0.plusSeconds(40));
  }

  @Test
  void a_distributed_map_is_refused_rather_than_run_as_an_inline_one() {
    Execution reader = run("""
        {'StartAt':'Each','States':{'Each':{'Type':'Map','ItemReader':{'Resource':'arn:aws:states:::s3:getObject','Parameters':{'Bucket':'b','Key':'k'}},
          'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}}}""", "{}");

    assertThat(reader.error()).contains("States.Runtime");
    assertThat(reader.cause()).hasValueSatisfying(c -> assertThat(c).contains("ItemReader", "inline Maps only"));
  }

  @Test
  void map_of_no_items_returns_an_empty_array() {
    Execution e = run("{'StartAt':'Each','States':{'Each':{'Type':'Map','ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}}}", "[]");

    assertThat(e.output()).contains(json("[]"));
  }

  @Test
  void tolerated_failures_let_the_map_succeed_and_more_fail_it() {
    resources.put("check", inv -> {
      if (inv.payload().asInt() % 2 == 0) {
        throw new StatesError("Mismatch", "item " + inv.payload());
      }
      return inv.payload();
    });
    String definition = """
        {'StartAt':'Each','States':{'Each':{'Type':'Map','ToleratedFailureCount':%d,
          'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'check','End':true}}},'End':true}}}""";

    Execution tolerated = run(definition.formatted(1), "[1,2,3]");
    assertThat(tolerated.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(tolerated.output()).contains(json("[1,{'Error':'Mismatch','Cause':'item 2'},3]"));

    Execution exceeded = harness.start(definition.formatted(1), "[2,4,5]");
    engine.runToCompletion(clock);
    assertThat(exceeded.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(exceeded.error()).contains("States.ExceededToleratedFailureThreshold");
  }

  @Test
  void without_tolerance_a_failed_iteration_fails_the_map_with_its_error() {
    resources.put("check", inv -> {
      throw new StatesError("Mismatch", "always");
    });

    Execution e = run("{'StartAt':'Each','States':{'Each':{'Type':'Map','ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'check','End':true}}},'End':true}}}", "[1]");

    assertThat(e.error()).contains("Mismatch");
  }

  // "Transforming data with JSONata": Items, ItemSelector with $states.context.Map.Item, Output.
  @Test
  void jsonata_map_selects_items_and_shapes_each_input() {
    Execution e = run("""
        {'QueryLanguage':'JSONata','StartAt':'Each','States':{'Each':{'Type':'Map','Items':'{% $states.input.keys %}',
          'ItemSelector':{'key':'{% $states.context.Map.Item.Value %}','n':'{% $states.context.Map.Item.Index %}'},
          'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','Output':'{% $states.input.key & \\'#\\' & $states.input.n %}','End':true}}},
          'Output':{'done':'{% $states.result %}'},'End':true}}}""", "{'keys':['a.js','b.css']}");

    assertThat(e.output()).contains(json("{'done':['a.js#0','b.css#1']}"));
  }

  // "Passing data between states with variables": inner scopes read outer variables; their own assignments stay inside.
  @Test
  void iterations_read_outer_variables_and_keep_their_own_assignments_inside() {
    Execution e = run("""
        {'QueryLanguage':'JSONata','StartAt':'Set','States':{
          'Set':{'Type':'Pass','Assign':{'bucket':'green'},'Next':'Each'},
          'Each':{'Type':'Map','Items':[1,2],'ItemProcessor':{'StartAt':'In','States':{
            'In':{'Type':'Pass','Assign':{'inner':'{% $states.input %}'},'Next':'Out'},
            'Out':{'Type':'Pass','Output':'{% $bucket & \\'/\\' & $inner %}','End':true}}},'Next':'After'},
          'After':{'Type':'Pass','Output':{'results':'{% $states.input %}','innerVisible':'{% $exists($inner) %}'},'End':true}}}""", "{}");

    assertThat(e.output()).contains(json("{'results':['green/1','green/2'],'innerVisible':false}"));
  }

  @Test
  void a_callback_inside_an_iteration_completes_that_iteration() {
    List<String> tokens = new ArrayList<>();
    resources.put("ask.waitForTaskToken", inv -> {
      tokens.add(inv.payload().get("token").asText());
      return json("{}");
    });
    Execution e = harness.start("""
        {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemProcessor":{"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"ask.waitForTaskToken","Parameters":{"token.$":"$$.Task.Token"},"End":true}}},"End":true}}}""", "[1,2]");
    engine.runUntilIdle();

    assertThat(tokens).hasSize(2);
    engine.sendTaskSuccess(tokens.get(1), json("'second'".replace('\'', '"')));
    engine.sendTaskSuccess(tokens.get(0), json("'first'".replace('\'', '"')));
    engine.runUntilIdle();

    assertThat(e.output()).contains(json("['first','second']"));
  }
}
