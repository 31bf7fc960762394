package dev.cutover.bench;

import dev.cutover.local.rehearsal.RehearsalRun;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * A rehearsal's execution history, read from the local Step Functions endpoint before the run
 * closes it, with every event's time brought back to the wall clock: the engine stamps events in
 * workflow time ({@code ScaledClock}: {@code speed} times the wall clock's, from the run's start),
 * so an event's wall offset is its workflow time since the run began divided by {@code speed}. The
 * origin is taken just before the run is called, a few milliseconds before the run's own clock
 * starts; divided by {@code speed}, that error is a fraction of a millisecond.
 *
 * <p>Read by the bench through the Step Functions API as {@code cutover} reads an execution, while
 * the run's traffic goes on its last 2 s; the run never waits for it.
 */
final class WorkflowHistory {

  /**
   * One event.
   *
   * @param seconds wall seconds since the run began
   * @param type its type ({@code TaskStateEntered}...)
   * @param name the state's name, for state entered and exited events
   */
  record Event(double seconds, String type, String name) {}

  /**
   * Every visit of a state, added up: from each {@code StateEntered} to its {@code StateExited}.
   *
   * @param type Task, Wait, Choice, Pass, Map, Parallel...
   * @param first when it was first entered
   * @param visits how many times it was entered
   * @param seconds the visits' time together (a Parallel's or a Map's holds the states inside it)
   * @param longest the longest visit
   */
  record State(String name, String type, double first, int visits, double seconds, double longest) {}

  private final List<Event> events;

  WorkflowHistory(List<Event> events) {
    this.events = List.copyOf(events);
  }

  /** Reads the whole history of {@code executionArn} from {@code endpoint}. */
  static WorkflowHistory read(URI endpoint, String executionArn, Instant origin, double speed) {
    List<HistoryEvent> raw = new ArrayList<>();
    try (SfnClient sfn = SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
      raw.addAll(RehearsalRun.history(sfn, executionArn));
    }
    List<Event> events = new ArrayList<>();
    for (HistoryEvent e : raw) {
      String name = e.stateEnteredEventDetails() != null ? e.stateEnteredEventDetails().name()
          : e.stateExitedEventDetails() != null ? e.stateExitedEventDetails().name() : null;
      double seconds = Duration.between(origin, e.timestamp()).toNanos() / 1e9 / speed;
      events.add(new Event(seconds, e.typeAsString(), name));
    }
    return new WorkflowHistory(events);
  }

  List<Event> events() {
    return events;
  }

  Optional<Event> executionStarted() {
    return events.stream().filter(e -> e.type().equals("ExecutionStarted")).findFirst();
  }

  /** ExecutionSucceeded, Failed, Aborted or TimedOut. */
  Optional<Event> executionEnded() {
    return events.stream().filter(e -> e.type().startsWith("Execution") && !e.type().equals("ExecutionStarted")).findFirst();
  }

  /** When {@code state} was first entered. */
  Optional<Event> entered(String state) {
    return events.stream().filter(e -> e.type().endsWith("StateEntered") && state.equals(e.name())).findFirst();
  }

  /**
   * Every state's visits added up, in the order states were first entered. Each exit closes the
   * latest open visit of the same name (the engine runs one state at a time, Parallel branches and
   * Map iterations included, so visits of a name do not overlap).
   */
  List<State> states() {
    Map<String, Deque<Event>> open = new HashMap<>();
    Map<String, double[]> totals = new LinkedHashMap<>(); // first, visits, seconds, longest
    Map<String, String> types = new HashMap<>();
    for (Event e : events) {
      if (e.name() == null) {
        continue;
      }
      if (e.type().endsWith("StateEntered")) {
        open.computeIfAbsent(e.name(), k -> new ArrayDeque<>()).push(e);
        types.putIfAbsent(e.name(), e.type().substring(0, e.type().length() - "StateEntered".length()));
        totals.computeIfAbsent(e.name(), k -> new double[] {e.seconds(), 0, 0, 0})[1]++;
      } else if (e.type().endsWith("StateExited")) {
        Deque<Event> visits = open.get(e.name());
        if (visits != null && !visits.isEmpty()) {
          double visit = e.seconds() - visits.pop().seconds();
          double[] t = totals.get(e.name());
          t[2] += visit;
          t[3] = Math.max(t[3], visit);
        }
      }
    }
    List<State> states = new ArrayList<>();
    totals.forEach((name, t) -> states.add(new State(name, types.get(name), t[0], (int) t[1], t[2], t[3])));
    return states;
  }
}
