package dev.cutover.local.endpoint;

import static dev.cutover.local.endpoint.Fixture.json;
import static dev.cutover.local.endpoint.Fixture.quotes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.asl.StatesError;
import dev.cutover.asl.engine.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/** The endpoint in virtual time, driven by the SDK's {@code SfnClient} as a host would drive AWS. */
class StepFunctionsEndpointTest {

  private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
  private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:greet";
  private static final String GREET = """
      {'StartAt':'Prepare','States':{
        'Prepare':{'Type':'Pass','Parameters':{'name.$':'$.who'},'Next':'Greet'},
        'Greet':{'Type':'Task','Resource':'%s','End':true}}}""".formatted(LAMBDA);
  private static final String WAIT_A_MINUTE = "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':60,'End':true}}}";

  private final VirtualClock clock = new VirtualClock(T0);
  private final Fixture fixture = new Fixture(clock);
  private final software.amazon.awssdk.services.sfn.SfnClient sfn = fixture.sfn;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void history_of_parallel_and_map_states_includes_their_events_without_details() {
    String machine = fixture.machine("fan", """
        {'StartAt':'Both','States':{'Both':{'Type':'Parallel','Next':'Each','Branches':[
          {'StartAt':'A','States':{'A':{'Type':'Pass','Result':[1,2],'End':true}}}]},
          'Each':{'Type':'Map','ItemsPath':'$[0]','ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}}}""");
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("fan-1")).executionArn();
    fixture.endpoint.drive();

    var events = sfn.getExecutionHistory(b -> b.executionArn(execution).includeExecutionData(false)).events();

    assertThat(events).extracting(e -> e.typeAsString())
        .containsSubsequence("ParallelStateEntered", "ParallelStateStarted", "PassStateEntered", "ParallelStateSucceeded", "ParallelStateExited",
            "MapStateEntered", "MapStateStarted", "MapIterationStarted", "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited",
            "ExecutionSucceeded");
    assertThat(events.stream().filter(e -> e.typeAsString().equals("MapStateStarted")).findFirst().orElseThrow().mapStateStartedEventDetails().length())
        .isEqualTo(2);
    assertThat(events.stream().filter(e -> e.typeAsString().equals("MapIterationStarted")).map(e -> e.mapIterationStartedEventDetails().index()))
        .containsExactly(0, 1);
  }

  @Test
  void an_execution_runs_to_success_and_reports_its_output_and_history() {
    fixture.resources.put(LAMBDA, invocation -> json("{\"greeting\":\"hello " + invocation.payload().get("name").asText() + "\"}"));
    String machine = fixture.machine("greeter", GREET);

    StartExecutionResponse started = sfn.startExecution(b -> b.stateMachineArn(machine).name("run-1").input("{\"who\":\"world\"}"));
    fixture.endpoint.drive();
    DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(started.executionArn()));

    assertThat(machine).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:greeter");
    assertThat(started.executionArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:greeter:run-1");
    assertThat(started.startDate()).isEqualTo(T0);
    assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(described.name()).isEqualTo("run-1");
    assertThat(described.stateMachineArn()).isEqualTo(machine);
    assertThat(described.startDate()).isEqualTo(T0);
    assertThat(described.stopDate()).isEqualTo(T0);
    assertThat(json(described.input())).isEqualTo(json("{\"who\":\"world\"}"));
    assertThat(described.inputDetails().included()).isTrue();
    assertThat(json(described.output())).isEqualTo(json("{\"greeting\":\"hello world\"}"));
    assertThat(described.outputDetails().included()).isTrue();
    assertThat(described.error()).isNull();

    List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn())).events();
    assertThat(events).extracting(HistoryEvent::type).containsExactly(
        HistoryEventType.EXECUTION_STARTED,
        HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
        HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED,
        HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
        HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(events).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(events).extracting(HistoryEvent::previousEventId).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(events).extracting(HistoryEvent::timestamp).containsOnly(T0);
    assertThat(json(events.get(0).executionStartedEventDetails().input())).isEqualTo(json("{\"who\":\"world\"}"));
    assertThat(events.get(1).stateEnteredEventDetails().name()).isEqualTo("Prepare");
    assertThat(json(events.get(2).stateExitedEventDetails().output())).isEqualTo(json("{\"name\":\"world\"}"));
    assertThat(events.get(4).taskScheduledEventDetails().resourceType()).isEqualTo("lambda");
    assertThat(json(events.get(4).taskScheduledEventDetails().parameters())).isEqualTo(json("{\"name\":\"world\"}"));
    assertThat(json(events.get(6).taskSucceededEventDetails().output())).isEqualTo(json("{\"greeting\":\"hello world\"}"));
    assertThat(json(events.get(8).executionSucceededEventDetails().output())).isEqualTo(json("{\"greeting\":\"hello world\"}"));
  }

  @Test
  void state_machines_are_described_listed_by_page_and_deleted() {
    String alpha = fixture.machine("alpha", WAIT_A_MINUTE);
    fixture.machine("beta", WAIT_A_MINUTE);
    fixture.machine("gamma", WAIT_A_MINUTE);

    DescribeStateMachineResponse described = sfn.describeStateMachine(b -> b.stateMachineArn(alpha));
    assertThat(described.name()).isEqualTo("alpha");
    assertThat(described.status()).isEqualTo(StateMachineStatus.ACTIVE);
    assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
    assertThat(described.definition()).isEqualTo(quotes(WAIT_A_MINUTE));
    assertThat(described.roleArn()).isEqualTo(Fixture.ROLE);
    assertThat(described.creationDate()).isEqualTo(T0);

    assertThat(sfn.listStateMachines(b -> b.maxResults(2)).stateMachines()).extracting(StateMachineListItem::name)
        .containsExactly("alpha", "beta");
    assertThat(sfn.listStateMachinesPaginator(b -> b.maxResults(2)).stateMachines()).extracting(StateMachineListItem::name)
        .containsExactly("alpha", "beta", "gamma");

    sfn.deleteStateMachine(b -> b.stateMachineArn(alpha));
    sfn.deleteStateMachine(b -> b.stateMachineArn(alpha));

    assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(alpha))).isInstanceOf(StateMachineDoesNotExistException.class);
    assertThat(sfn.listStateMachines(b -> {}).stateMachines()).extracting(StateMachineListItem::name).containsExactly("beta", "gamma");
  }

  @Test
  void creating_the_same_machine_again_returns_it_and_a_changed_definition_is_refused() {
    var first = sfn.createStateMachine(b -> b.name("m").definition(quotes(WAIT_A_MINUTE)).roleArn(Fixture.ROLE));
    clock.advance(Duration.ofHours(1));
    var again = sfn.createStateMachine(b -> b.name("m").definition(quotes(WAIT_A_MINUTE)).roleArn(Fixture.ROLE));

    assertThat(again.stateMachineArn()).isEqualTo(first.stateMachineArn());
    assertThat(again.creationDate()).isEqualTo(T0);
    assertThatThrownBy(() -> fixture.machine("m", GREET))
        .isInstanceOfSatisfying(StateMachineAlreadyExistsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("State Machine Already Exists: '" + first.stateMachineArn() + "'"));
  }

  @Test
  void starting_the_same_execution_again_is_idempotent_only_while_it_runs_with_the_same_input() {
    String machine = fixture.machine("waiter", WAIT_A_MINUTE);
    StartExecutionResponse first = sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":1}"));
    fixture.endpoint.drive();
    clock.advance(Duration.ofSeconds(10));

    StartExecutionResponse again = sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":1}"));

    assertThat(again.executionArn()).isEqualTo(first.executionArn());
    assertThat(again.startDate()).isEqualTo(T0);
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":2}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);

    clock.advance(Duration.ofMinutes(1));
    fixture.endpoint.drive();

    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":1}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);
  }

  @Test
  void a_wait_state_runs_in_virtual_time() {
    String machine = fixture.machine("hour", "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'Next':'Done'},'Done':{'Type':'Succeed'}}}");
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    fixture.endpoint.drive();

    assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(execution).matches("arn:aws:states:us-east-1:123456789012:execution:hour:[0-9a-f-]{36}");

    clock.advance(Duration.ofMinutes(59));
    fixture.endpoint.drive();
    assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status()).isEqualTo(ExecutionStatus.RUNNING);

    clock.advance(Duration.ofMinutes(1));
    fixture.endpoint.drive();
    DescribeExecutionResponse done = sfn.describeExecution(b -> b.executionArn(execution));

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.stopDate()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(json(done.input())).isEqualTo(json("{}"));
  }

  @Test
  void a_failing_task_fails_the_execution_with_its_error_and_cause() {
    fixture.resources.put(LAMBDA, invocation -> {
      throw new StatesError("Copy.Failed", "the green bucket is not empty");
    });
    String machine = fixture.machine("failing", GREET);
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"who\":\"x\"}")).executionArn();
    fixture.endpoint.drive();

    DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(execution));
    assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(described.error()).isEqualTo("Copy.Failed");
    assertThat(described.cause()).isEqualTo("the green bucket is not empty");
    assertThat(described.output()).isNull();
    assertThat(described.stopDate()).isEqualTo(T0);

    List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
    HistoryEvent taskFailed = events.stream().filter(e -> e.type() == HistoryEventType.TASK_FAILED).findFirst().orElseThrow();
    assertThat(taskFailed.taskFailedEventDetails().error()).isEqualTo("Copy.Failed");
    assertThat(taskFailed.taskFailedEventDetails().cause()).isEqualTo("the green bucket is not empty");
    assertThat(events.getLast().type()).isEqualTo(HistoryEventType.EXECUTION_FAILED);
    assertThat(events.getLast().executionFailedEventDetails().error()).isEqualTo("Copy.Failed");
  }

  @Test
  void executions_are_listed_newest_first_by_status_and_by_page() {
    String machine = fixture.machine("mixed", """
        {'StartAt':'C','States':{
          'C':{'Type':'Choice','Choices':[{'Variable':'$.wait','BooleanEquals':true,'Next':'W'}],'Default':'Done'},
          'W':{'Type':'Wait','Seconds':3600,'Next':'Done'},
          'Done':{'Type':'Succeed'}}}""");
    for (int i = 0; i < 5; i++) {
      String input = "{\"wait\":" + (i % 2 == 1) + "}";
      String name = "run-" + i;
      sfn.startExecution(b -> b.stateMachineArn(machine).name(name).input(input));
      fixture.endpoint.drive();
      clock.advance(Duration.ofSeconds(1));
    }

    List<String> pages = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListExecutionsResponse page = sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(2).nextToken(next));
      pages.add(page.executions().stream().map(ExecutionListItem::name).toList().toString());
      token = page.nextToken();
    } while (token != null);

    assertThat(pages).containsExactly("[run-4, run-3]", "[run-2, run-1]", "[run-0]");
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING)).executions())
        .extracting(ExecutionListItem::name).containsExactly("run-3", "run-1");
    assertThat(sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.SUCCEEDED).maxResults(1)).executions())
        .extracting(ExecutionListItem::name).containsExactly("run-4", "run-2", "run-0");
    ExecutionListItem oldest = sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().getLast();
    assertThat(oldest.startDate()).isEqualTo(T0);
    assertThat(oldest.stopDate()).isEqualTo(T0);
    assertThat(oldest.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(oldest.stateMachineArn()).isEqualTo(machine);
  }

  @Test
  void history_pages_forward_and_in_reverse_and_can_leave_out_execution_data() {
    String machine = fixture.machine("two", "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','End':true}}}");
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"k\":\"v\"}")).executionArn();
    fixture.endpoint.drive();

    GetExecutionHistoryResponse first = sfn.getExecutionHistory(b -> b.executionArn(execution).maxResults(4));
    GetExecutionHistoryResponse second = sfn.getExecutionHistory(b -> b.executionArn(execution).maxResults(4).nextToken(first.nextToken()));
    assertThat(first.events()).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L);
    assertThat(second.events()).extracting(HistoryEvent::id).containsExactly(5L, 6L);
    assertThat(second.nextToken()).isNull();

    GetExecutionHistoryResponse newest = sfn.getExecutionHistory(b -> b.executionArn(execution).reverseOrder(true).maxResults(4));
    GetExecutionHistoryResponse oldest =
        sfn.getExecutionHistory(b -> b.executionArn(execution).reverseOrder(true).maxResults(4).nextToken(newest.nextToken()));
    assertThat(newest.events()).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_SUCCEEDED,
        HistoryEventType.PASS_STATE_EXITED, HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED);
    assertThat(oldest.events()).extracting(HistoryEvent::id).containsExactly(2L, 1L);
    assertThat(oldest.nextToken()).isNull();
    assertThat(sfn.getExecutionHistoryPaginator(b -> b.executionArn(execution).maxResults(1)).events()).hasSize(6);

    List<HistoryEvent> withoutData = sfn.getExecutionHistory(b -> b.executionArn(execution).includeExecutionData(false)).events();
    assertThat(withoutData.getFirst().executionStartedEventDetails().input()).isNull();
    assertThat(withoutData.get(1).stateEnteredEventDetails().name()).isEqualTo("A");
    assertThat(withoutData.get(1).stateEnteredEventDetails().input()).isNull();
    assertThat(withoutData.getLast().executionSucceededEventDetails().output()).isNull();
  }
}
