package dev.cutover.asl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.definition.Definitions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine that stops at any moment and a new one started on the same journal: every unfinished
 * execution resumes, callbacks keep their tokens, timers keep their times, and a task that was in
 * flight runs again. (The separate-process SIGKILL test is in the endpoint module.)
 */
class JournalTest {

  private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:durable";
  private static final String ASK = "ask.waitForTaskToken";

  @TempDir Path dir;

  private final VirtualClock clock = new VirtualClock(T0);
  private final List<String> tokens = new ArrayList<>();
  private final AtomicInteger invocations = new AtomicInteger();
  private boolean dieInTask;

  /** The process dying in the middle of a task: not an error the engine handles. */
  private static final class ProcessKilled extends Error {}

  private Engine engine() {
    return new Engine(clock, r -> switch (r) {
      case ASK -> Optional.of(inv -> {
        tokens.add(inv.payload().get("token").asText());
        return EngineHarness.json("{}");
      });
      case "work" -> Optional.of(inv -> {
        invocations.incrementAndGet();
        if (dieInTask) {
          throw new ProcessKilled();
        }
        return EngineHarness.json("{'done':true}");
      });
      default -> Optional.empty();
    }, new Random(5), "us-east-1", "123456789012", new DirectoryJournal(dir));
  }

  private static Execution start(Engine engine, String name, String definition, String input) {
    return engine.start(MACHINE, Definitions.parse(definition.replace('\'', '"')), name, EngineHarness.json(input));
  }

  private static final String CALLBACK = """
      {'StartAt':'Ask','States':{'Ask':{'Type':'Task','Resource':'ask.waitForTaskToken','Parameters':{'token.$':'$$.Task.Token'},
        'ResultPath':'$.answer','TimeoutSeconds':86400,'Next':'Done'},'Done':{'Type':'Succeed'}}}""";

  @Test
  void executions_waiting_on_a_callback_a_timer_and_a_map_resume_in_a_new_engine() {
    Engine before = engine();
    start(before, "callback", CALLBACK, "{'n':1}");
    start(before, "timer", "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'Next':'P'},'P':{'Type':'Pass','Result':'woke','End':true}}}", "{}");
    start(before, "map", """
        {'StartAt':'Each','States':{'Each':{'Type':'Map','ItemProcessor':{'StartAt':'Ask','States':{
          'Ask':{'Type':'Task','Resource':'ask.waitForTaskToken','Parameters':{'token.$':'$$.Task.Token'},'End':true}}},'End':true}}}""", "[1,2]");
    start(before, "finished", "{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}", "{'kept':true}");
    before.runUntilIdle();
    clock.advance(Duration.ofMinutes(30));
    List<String> issued = List.copyOf(tokens);
    assertThat(issued).hasSize(3);

    Engine after = engine();

    Execution finished = after.execution(arn("finished")).orElseThrow();
    assertThat(finished.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(finished.output()).contains(EngineHarness.json("{'kept':true}"));

    after.sendTaskSuccess(issued.get(0), EngineHarness.json("{'yes':1}"));
    after.sendTaskSuccess(issued.get(2), EngineHarness.json("'b'".replace('\'', '"')));
    after.sendTaskSuccess(issued.get(1), EngineHarness.json("'a'".replace('\'', '"')));
    after.runToCompletion(clock);

    assertThat(after.execution(arn("callback")).orElseThrow().output()).contains(EngineHarness.json("{'n':1,'answer':{'yes':1}}"));
    assertThat(after.execution(arn("map")).orElseThrow().output()).contains(EngineHarness.json("['a','b']"));
    Execution timer = after.execution(arn("timer")).orElseThrow();
    assertThat(timer.output()).contains(EngineHarness.json("'woke'".replace('\'', '"')));
    assertThat(timer.stopTime()).contains(T0.plus(Duration.ofHours(1)));
    assertThat(tokens).hasSize(3);
  }

  @Test
  void a_task_in_flight_when_the_process_died_runs_again() {
    Engine before = engine();
    start(before, "inflight", "{'StartAt':'Work','States':{'Work':{'Type':'Task','Resource':'work','End':true}}}", "{}");
    dieInTask = true;
    assertThatThrownBy(before::runUntilIdle).isInstanceOf(ProcessKilled.class);

    dieInTask = false;
    Engine after = engine();
    after.runUntilIdle();

    Execution e = after.execution(arn("inflight")).orElseThrow();
    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(invocations).hasValue(2);
  }

  @Test
  void a_decision_acknowledged_before_the_process_died_is_not_lost() {
    Engine before = engine();
    start(before, "decided", CALLBACK, "{}");
    before.runUntilIdle();
    before.sendTaskSuccess(tokens.getFirst(), EngineHarness.json("{'approved':true}"));
    // The process dies here, before the engine ran the decision through.

    Engine after = engine();
    after.runUntilIdle();

    Execution e = after.execution(arn("decided")).orElseThrow();
    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).contains(EngineHarness.json("{'answer':{'approved':true}}"));
    assertThatThrownBy(() -> after.sendTaskSuccess(tokens.getFirst(), EngineHarness.json("{}")))
        .isInstanceOfSatisfying(TaskTokenException.class, x -> assertThat(x.code()).isEqualTo("TaskTimedOut"));
  }

  @Test
  void history_survives_the_restart_unchanged() {
    Engine before = engine();
    start(before, "history", CALLBACK, "{}");
    before.runUntilIdle();
    List<String> types = before.execution(arn("history")).orElseThrow().history().stream().map(HistoryEvent::type).toList();
    JsonNode scheduled = before.execution(arn("history")).orElseThrow().history().get(2).details();

    Execution resumed = engine().execution(arn("history")).orElseThrow();

    assertThat(resumed.history().stream().map(HistoryEvent::type)).containsExactlyElementsOf(types);
    assertThat(resumed.history().get(2).details()).isEqualTo(scheduled);
    assertThat(resumed.status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  private static String arn(String name) {
    return "arn:aws:states:us-east-1:123456789012:execution:durable:" + name;
  }
}
