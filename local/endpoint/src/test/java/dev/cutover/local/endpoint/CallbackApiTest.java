package dev.cutover.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.asl.engine.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** SendTaskSuccess / Failure / Heartbeat and StopExecution through the SDK, in virtual time. */
class CallbackApiTest {

  private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
  private static final String APPROVAL = """
      {'StartAt':'Ask','States':{'Ask':{'Type':'Task','Resource':'arn:aws:states:::sns:publish.waitForTaskToken',
        'Parameters':{'TaskToken.$':'$$.Task.Token'},'TimeoutSeconds':3600,'HeartbeatSeconds':600,'End':true}}}""";

  private final VirtualClock clock = new VirtualClock(T0);
  private final Fixture fixture = new Fixture(clock);
  private final List<String> tokens = new CopyOnWriteArrayList<>();
  private String execution;

  @BeforeEach
  void startApproval() {
    fixture.resources.put("arn:aws:states:::sns:publish.waitForTaskToken", inv -> {
      tokens.add(inv.payload().get("TaskToken").asText());
      return Fixture.json("{\"MessageId\":\"m\"}");
    });
    String machine = fixture.machine("approval", APPROVAL);
    execution = fixture.sfn.startExecution(b -> b.stateMachineArn(machine).name("a1")).executionArn();
    fixture.endpoint.drive();
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private ExecutionStatus status() {
    return fixture.sfn.describeExecution(b -> b.executionArn(execution)).status();
  }

  @Test
  void send_task_success_completes_the_waiting_task_with_its_output() {
    assertThat(status()).isEqualTo(ExecutionStatus.RUNNING);

    fixture.sfn.sendTaskSuccess(b -> b.taskToken(tokens.getFirst()).output("{\"approvedBy\":\"alice\"}"));
    fixture.endpoint.drive();

    var described = fixture.sfn.describeExecution(b -> b.executionArn(execution));
    assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Fixture.json(described.output())).isEqualTo(Fixture.json("{\"approvedBy\":\"alice\"}"));
    assertThat(fixture.sfn.getExecutionHistory(b -> b.executionArn(execution)).events())
        .extracting(e -> e.type())
        .contains(HistoryEventType.TASK_SUBMITTED, HistoryEventType.TASK_SUCCEEDED);
  }

  @Test
  void send_task_failure_fails_the_execution_with_its_error() {
    fixture.sfn.sendTaskFailure(b -> b.taskToken(tokens.getFirst()).error("Rejected").cause("not today"));
    fixture.endpoint.drive();

    var described = fixture.sfn.describeExecution(b -> b.executionArn(execution));
    assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(described.error()).isEqualTo("Rejected");
    assertThat(described.cause()).isEqualTo("not today");
  }

  @Test
  void heartbeats_keep_the_task_alive_past_its_heartbeat_interval() {
    clock.advance(Duration.ofMinutes(9));
    fixture.sfn.sendTaskHeartbeat(b -> b.taskToken(tokens.getFirst()));
    clock.advance(Duration.ofMinutes(9));
    fixture.endpoint.drive();
    assertThat(status()).isEqualTo(ExecutionStatus.RUNNING);

    clock.advance(Duration.ofMinutes(2));
    fixture.endpoint.drive();
    assertThat(status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(fixture.sfn.describeExecution(b -> b.executionArn(execution)).error()).isEqualTo("States.HeartbeatTimeout");
  }

  @Test
  void a_late_or_unknown_token_gets_the_api_error() {
    clock.advance(Duration.ofMinutes(10));
    fixture.endpoint.drive();

    assertThatThrownBy(() -> fixture.sfn.sendTaskSuccess(b -> b.taskToken(tokens.getFirst()).output("{}")))
        .isInstanceOf(TaskTimedOutException.class);
    assertThatThrownBy(() -> fixture.sfn.sendTaskSuccess(b -> b.taskToken("never-issued").output("{}")))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void output_that_is_not_json_is_refused() {
    assertThatThrownBy(() -> fixture.sfn.sendTaskSuccess(b -> b.taskToken(tokens.getFirst()).output("{not json")))
        .isInstanceOf(InvalidOutputException.class);
    assertThat(status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void stopping_aborts_the_execution_and_its_token_no_longer_exists() {
    clock.advance(Duration.ofSeconds(42));
    var stopped = fixture.sfn.stopExecution(b -> b.executionArn(execution).error("Operator").cause("stopped by hand"));

    assertThat(stopped.stopDate()).isEqualTo(T0.plusSeconds(42));
    var described = fixture.sfn.describeExecution(b -> b.executionArn(execution));
    assertThat(described.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(described.error()).isEqualTo("Operator");
    assertThatThrownBy(() -> fixture.sfn.sendTaskSuccess(b -> b.taskToken(tokens.getFirst()).output("{}")))
        .isInstanceOf(TaskDoesNotExistException.class);
  }
}
