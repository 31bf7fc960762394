package dev.cutover.asl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.asl.definition.Definitions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The callback pattern ({@code .waitForTaskToken}), task timeouts and heartbeats, execution
 * timeouts and StopExecution, as the developer guide's "Wait for a Callback with Task Token" and
 * "Task workflow state" pages describe them, in virtual time.
 */
class CallbackTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:approval";
  private static final String RESOURCE = "arn:aws:states:::sns:publish.waitForTaskToken";

  private final VirtualClock clock = new VirtualClock(T0);
  private final List<JsonNode> published = new ArrayList<>();
  private final Engine engine =
      new Engine(clock, r -> r.equals(RESOURCE) ? Optional.of(inv -> {
        published.add(inv.payload());
        return json("{'MessageId':'m-1'}");
      }) : Optional.empty(), new Random(3), "us-east-1", "123456789012");

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String APPROVAL = """
      {'StartAt':'AskForApproval','States':{
        'AskForApproval':{'Type':'Task','Resource':'arn:aws:states:::sns:publish.waitForTaskToken',
          'Parameters':{'Message.$':'$.report','TaskToken.$':'$$.Task.Token'},'ResultPath':'$.decision','TimeoutSeconds':86400,
          'Catch':[{'ErrorEquals':['States.Timeout'],'ResultPath':'$.error','Next':'Expired'},{'ErrorEquals':['Rejected'],'ResultPath':'$.error','Next':'NotApproved'}],
          'Next':'Approved'},
        'Approved':{'Type':'Succeed'},
        'Expired':{'Type':'Fail','Error':'ApprovalExpired'},
        'NotApproved':{'Type':'Fail','Error':'ApprovalRejected'}}}""";

  private Execution startApproval() {
    Execution e = engine.start(MACHINE, Definitions.parse(APPROVAL.replace('\'', '"')), "approve-1", json("{'report':'s3://reports/r.html'}"));
    engine.runUntilIdle();
    return e;
  }

  private String token() {
    return published.getLast().get("TaskToken").asText();
  }

  @Test
  void a_token_never_starts_with_a_dash_that_a_command_line_would_read_as_an_option() {
    // 0xF8 0xF8 ... encodes to "-Pj4..." in URL-safe base64: the worst case for a token's first character.
    java.util.random.RandomGenerator dashes = new Random() {
      @Override
      public void nextBytes(byte[] bytes) {
        java.util.Arrays.fill(bytes, (byte) 0xF8);
      }
    };
    Engine engine = new Engine(clock, r -> r.equals(RESOURCE) ? Optional.of(inv -> {
      published.add(inv.payload());
      return json("{}");
    }) : Optional.empty(), dashes, "us-east-1", "123456789012");

    engine.start(MACHINE, Definitions.parse(APPROVAL.replace('\'', '"')), "dash-1", json("{'report':'r'}"));
    engine.runUntilIdle();

    assertThat(token()).startsWith("AQ").doesNotStartWith("-");
  }

  @Test
  void the_task_waits_with_its_token_until_send_task_success() {
    Execution e = startApproval();

    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(published).singleElement().satisfies(p -> assertThat(p.get("Message").asText()).isEqualTo("s3://reports/r.html"));
    assertThat(token()).hasSizeGreaterThan(40);
    assertThat(engine.nextWakeUp()).contains(T0.plus(Duration.ofDays(1)));

    clock.advance(Duration.ofHours(3));
    engine.sendTaskSuccess(token(), json("{'by':'alice'}"));
    engine.runUntilIdle();

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).contains(json("{'report':'s3://reports/r.html','decision':{'by':'alice'}}"));
    assertThat(e.history().stream().map(HistoryEvent::type))
        .containsSubsequence("TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
  }

  @Test
  void send_task_failure_is_caught_by_its_error_name() {
    Execution e = startApproval();

    engine.sendTaskFailure(token(), "Rejected", "bob said no");
    engine.runUntilIdle();

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("ApprovalRejected");
  }

  @Test
  void nobody_deciding_for_a_day_times_the_task_out_and_a_late_decision_is_refused() {
    Execution e = startApproval();
    String token = token();

    engine.runToCompletion(clock);

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("ApprovalExpired");
    assertThat(e.stopTime()).contains(T0.plus(Duration.ofDays(1)));
    assertThat(e.history().stream().map(HistoryEvent::type)).contains("TaskTimedOut");
    assertThatThrownBy(() -> engine.sendTaskSuccess(token, json("{}")))
        .isInstanceOfSatisfying(TaskTokenException.class, x -> assertThat(x.code()).isEqualTo("TaskTimedOut"));
  }

  @Test
  void a_token_that_was_never_issued_is_invalid() {
    startApproval();

    assertThatThrownBy(() -> engine.sendTaskSuccess("not-a-token", json("{}")))
        .isInstanceOfSatisfying(TaskTokenException.class, x -> assertThat(x.code()).isEqualTo("InvalidToken"));
  }

  @Test
  void heartbeats_keep_a_task_alive_and_silence_times_it_out() {
    Execution e = engine.start(MACHINE, Definitions.parse("""
        {"QueryLanguage":"JSONata","StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:states:::sns:publish.waitForTaskToken",
          "Arguments":{"TaskToken":"{% $states.context.Task.Token %}"},"TimeoutSeconds":3600,"HeartbeatSeconds":60,"End":true}}}"""), "hb", json("{}"));
    engine.runUntilIdle();
    String token = token();

    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(50));
      engine.runUntilIdle();
      engine.sendTaskHeartbeat(token);
    }
    clock.advance(Duration.ofSeconds(50));
    engine.runUntilIdle();
    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);

    engine.runToCompletion(clock);

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("States.HeartbeatTimeout");
    assertThat(e.stopTime()).contains(T0.plusSeconds(150 + 60));
  }

  @Test
  void stopping_an_execution_aborts_it_and_its_token_no_longer_works() {
    Execution e = startApproval();

    engine.stop(e.arn(), "Operator", "stopped by hand");

    assertThat(e.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(e.history().getLast().type()).isEqualTo("ExecutionAborted");
    assertThat(engine.nextWakeUp()).isEmpty();
    assertThatThrownBy(() -> engine.sendTaskSuccess(token(), json("{}")))
        .isInstanceOfSatisfying(TaskTokenException.class, x -> assertThat(x.code()).isEqualTo("TaskDoesNotExist"));
  }

  // "Run a Job (.sync)": the task waits for the job it started; the result is the job's.
  @Test
  void a_sync_job_that_has_not_finished_completes_the_task_later_with_its_result() {
    List<String> jobTokens = new ArrayList<>();
    Engine syncEngine = new Engine(clock, r -> r.equals("arn:aws:states:::athena:startQueryExecution.sync") ? Optional.of(inv -> {
      assertThat(inv.context().has("Task")).as("a .sync token is not in the context object").isFalse();
      jobTokens.add(inv.taskToken());
      return TaskInvocation.NOT_FINISHED;
    }) : Optional.empty(), new Random(3), "us-east-1", "123456789012");
    Execution e = syncEngine.start(MACHINE, Definitions.parse("""
        {"StartAt":"Query","States":{"Query":{"Type":"Task","Resource":"arn:aws:states:::athena:startQueryExecution.sync",
          "Parameters":{"QueryString":"SELECT 1"},"ResultSelector":{"state.$":"$.QueryExecution.Status.State"},"End":true}}}"""), "sync", json("{}"));
    syncEngine.runUntilIdle();
    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);

    clock.advance(Duration.ofMinutes(7));
    syncEngine.sendTaskSuccess(jobTokens.getFirst(), json("{'QueryExecution':{'Status':{'State':'SUCCEEDED'}}}"));
    syncEngine.runUntilIdle();

    assertThat(e.output()).contains(json("{'state':'SUCCEEDED'}"));
    assertThat(e.stopTime()).contains(T0.plus(Duration.ofMinutes(7)));
  }

  @Test
  void a_sync_job_that_finishes_at_once_completes_the_task_at_once() {
    Engine syncEngine = new Engine(clock, r -> Optional.of(inv -> json("{'Status':'SUCCEEDED'}")), new Random(3), "us-east-1", "123456789012");
    Execution e = syncEngine.start(MACHINE, Definitions.parse("""
        {"StartAt":"Job","States":{"Job":{"Type":"Task","Resource":"arn:aws:states:::batch:submitJob.sync","End":true}}}"""), "sync2", json("{}"));
    syncEngine.runUntilIdle();

    assertThat(e.output()).contains(json("{'Status':'SUCCEEDED'}"));
    assertThat(e.history().stream().map(HistoryEvent::type)).doesNotContain("TaskSubmitted");
  }

  @Test
  void an_execution_longer_than_its_timeout_times_out() {
    Execution e = engine.start(MACHINE, Definitions.parse("""
        {"TimeoutSeconds":10,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}"""), "slow", json("{}"));

    engine.runToCompletion(clock);

    assertThat(e.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(e.stopTime()).contains(T0.plusSeconds(10));
    assertThat(e.history().getLast().type()).isEqualTo("ExecutionTimedOut");
  }
}
