package dev.cutover.templates.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Static checks of an Amazon States Language document, each a small function that returns the
 * problems it finds (empty = fine), so the tests can run them on the real workflow file and on
 * hand-written snippets that prove each one catches what it should.
 *
 * <p>State names are unique across a state machine, Parallel branches and Map processors
 * included (Step Functions requires it), so the graph is keyed by name. A Parallel or Map state
 * leads into its branches' {@code StartAt} as well as to its own {@code Next} and {@code Catch}
 * targets, and every state inside a branch leads out to them too (it ends, or it fails into the
 * enclosing state's Catch): for "no path avoids X" that over-approximates the paths, which is the
 * safe side.
 */
public final class AslChecks {

  /** The Lambda service errors every Lambda task must retry (README, STYLE.md). */
  public static final List<String> LAMBDA_SERVICE_ERRORS =
      List.of(
          "Lambda.ServiceException",
          "Lambda.AWSLambdaException",
          "Lambda.SdkClientException",
          "Lambda.ClientExecutionTimeoutException",
          "Lambda.TooManyRequestsException");

  /**
   * The predefined error names the Step Functions developer guide documents ("Error names"), plus
   * the Lambda service errors above and {@code Lambda.Unknown}; anything else an ErrorEquals names
   * must be one of our error classes.
   */
  public static final Set<String> DOCUMENTED_ERRORS =
      Set.copyOf(
          concat(
              List.of(
                  "States.ALL",
                  "States.DataLimitExceeded",
                  "States.ExceedToleratedFailureThreshold",
                  "States.HeartbeatTimeout",
                  "States.Http.Socket",
                  "States.IntrinsicFailure",
                  "States.ItemReaderFailed",
                  "States.NoChoiceMatched",
                  "States.ParameterPathFailure",
                  "States.Permissions",
                  "States.QueryEvaluationError",
                  "States.ResultPathMatchFailure",
                  "States.ResultWriterFailed",
                  "States.Runtime",
                  "States.TaskFailed",
                  "States.Timeout",
                  "Lambda.Unknown"),
              LAMBDA_SERVICE_ERRORS));

  private AslChecks() {}

  /** Every {@code States} object of the document: the top level, Parallel branches, Map processors. */
  public static List<JsonNode> stateMaps(JsonNode asl) {
    List<JsonNode> maps = new ArrayList<>();
    collect(asl, maps);
    return maps;
  }

  /** Every state by name, nested ones included. */
  public static Map<String, JsonNode> allStates(JsonNode asl) {
    Map<String, JsonNode> states = new LinkedHashMap<>();
    for (JsonNode map : stateMaps(asl)) {
      map.properties().forEach(e -> states.put(e.getKey(), e.getValue()));
    }
    return states;
  }

  /**
   * Every {@code StartAt}, {@code Next}, {@code Default}, Choice rule {@code Next} and Catch
   * {@code Next} names a state of the same {@code States} object; states with no way out are
   * terminal (Succeed, Fail, {@code End: true}) and the others have one.
   */
  public static List<String> danglingTransitions(JsonNode asl) {
    List<String> problems = new ArrayList<>();
    danglingIn(asl, "top level", problems);
    return problems;
  }

  private static void danglingIn(JsonNode container, String where, List<String> problems) {
    JsonNode states = container.path("States");
    String start = container.path("StartAt").asText(null);
    if (start == null || !states.has(start)) {
      problems.add(where + ": StartAt \"" + start + "\" is not a state there");
    }
    states.properties().forEach(e -> {
      String name = e.getKey();
      JsonNode state = e.getValue();
      for (String target : targets(state)) {
        if (!states.has(target)) {
          problems.add("state " + name + " goes to \"" + target + "\", which is not a state of " + where);
        }
      }
      String type = state.path("Type").asText();
      boolean terminal = type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false);
      if (!terminal && !type.equals("Choice") && !state.has("Next")) {
        problems.add("state " + name + " has neither Next nor End");
      }
      if (type.equals("Choice") && !state.has("Choices")) {
        problems.add("Choice state " + name + " has no Choices");
      }
      for (JsonNode branch : state.path("Branches")) {
        danglingIn(branch, "a branch of " + name, problems);
      }
      JsonNode processor = processor(state);
      if (processor != null) {
        danglingIn(processor, "the item processor of " + name, problems);
      }
    });
  }

  /** Every Task has a Retry and a Catch. */
  public static List<String> tasksWithoutRetryOrCatch(JsonNode asl) {
    List<String> problems = new ArrayList<>();
    allStates(asl).forEach((name, state) -> {
      if (state.path("Type").asText().equals("Task")) {
        if (state.path("Retry").isEmpty()) {
          problems.add("Task " + name + " has no Retry");
        }
        if (state.path("Catch").isEmpty()) {
          problems.add("Task " + name + " has no Catch");
        }
      }
    });
    return problems;
  }

  /**
   * Every Lambda Task ({@code arn:aws:states:::lambda:invoke...}) retries each of {@code required}
   * (the Lambda service errors plus our transient errors) in a Retrier with {@code JitterStrategy}
   * {@code FULL}.
   */
  public static List<String> lambdaRetryGaps(JsonNode asl, Collection<String> required) {
    List<String> problems = new ArrayList<>();
    allStates(asl).forEach((name, state) -> {
      if (!isLambdaTask(state)) {
        return;
      }
      Set<String> covered = new HashSet<>();
      for (JsonNode retrier : state.path("Retry")) {
        if (retrier.path("JitterStrategy").asText().equals("FULL")) {
          retrier.path("ErrorEquals").forEach(e -> covered.add(e.asText()));
        }
      }
      List<String> missing = required.stream().filter(e -> !covered.contains(e)).toList();
      if (!missing.isEmpty()) {
        problems.add("Task " + name + " does not retry " + missing + " with JitterStrategy FULL");
      }
    });
    return problems;
  }

  /** Every name in a Retry or Catch {@code ErrorEquals} is one of {@code ours} or a documented one. */
  public static List<String> unknownErrorNames(JsonNode asl, Collection<String> ours) {
    List<String> problems = new ArrayList<>();
    allStates(asl).forEach((name, state) -> {
      for (String field : List.of("Retry", "Catch")) {
        for (JsonNode rule : state.path(field)) {
          for (JsonNode error : rule.path("ErrorEquals")) {
            String e = error.asText();
            if (!ours.contains(e) && !DOCUMENTED_ERRORS.contains(e)) {
              problems.add("state " + name + " " + field + " names \"" + e + "\", which is neither an error class of lambdas/common nor a documented States./Lambda. error");
            }
          }
        }
      }
    });
    return problems;
  }

  /**
   * No path from the top-level {@code StartAt} reaches a state matching {@code guarded} without
   * passing through {@code gate}: the result names each guarded state reachable around the gate.
   */
  public static List<String> pathsAroundGate(JsonNode asl, Predicate<JsonNode> guarded, String gate) {
    Map<String, JsonNode> states = allStates(asl);
    List<String> problems = new ArrayList<>();
    if (!states.containsKey(gate)) {
      return List.of("the gate state " + gate + " does not exist");
    }
    Set<String> reached = reachable(asl, List.of(asl.path("StartAt").asText()), Set.of(gate));
    states.forEach((name, state) -> {
      if (guarded.test(state) && reached.contains(name)) {
        problems.add("state " + name + " is reachable from " + asl.path("StartAt").asText() + " without passing " + gate);
      }
    });
    if (states.values().stream().noneMatch(guarded)) {
      problems.add("no state is guarded by " + gate + ": the predicate matched nothing");
    }
    return problems;
  }

  /**
   * After the first change (every state reachable from {@code firstChange}, itself included),
   * each state outside the rollback branch from which a step can still run (a Lambda Task is
   * reachable) can reach {@code rollback}, and each state of the rollback branch (reachable from
   * {@code rollback}) can reach a terminal state. The states left out only finish the run: the
   * notices and ends of a clean stop (which keeps replication running by design) or of a success.
   *
   * @param impossibleAfterChange Choice rules that cannot match once a change was made (e.g. a rule
   *     for VALIDATE_ONLY runs, which never change anything); their transitions are left out
   */
  public static List<String> rollbackReachability(JsonNode asl, String firstChange, String rollback, Predicate<JsonNode> impossibleAfterChange) {
    Map<String, JsonNode> states = allStates(asl);
    if (!states.containsKey(firstChange) || !states.containsKey(rollback)) {
      return List.of("state " + (states.containsKey(firstChange) ? rollback : firstChange) + " does not exist");
    }
    Set<String> afterChange = reachable(asl, List.of(firstChange), Set.of(), impossibleAfterChange);
    Set<String> rollbackBranch = reachable(asl, List.of(rollback), Set.of(), impossibleAfterChange);
    List<String> problems = new ArrayList<>();
    for (String name : afterChange) {
      Set<String> onward = reachable(asl, List.of(name), Set.of(), impossibleAfterChange);
      if (rollbackBranch.contains(name)) {
        if (onward.stream().noneMatch(n -> isTerminal(states.get(n)))) {
          problems.add("rollback state " + name + " cannot reach an end");
        }
      } else if (!onward.contains(rollback) && onward.stream().anyMatch(n -> isLambdaTask(states.get(n)))) {
        problems.add("state " + name + " comes after " + firstChange + " but cannot reach " + rollback);
      }
    }
    return problems;
  }

  /** The states reachable from {@code from} (included) through transitions, never entering {@code blocked}. */
  public static Set<String> reachable(JsonNode asl, Collection<String> from, Set<String> blocked) {
    return reachable(asl, from, blocked, rule -> false);
  }

  /** As {@link #reachable(JsonNode, Collection, Set)}, leaving out the Choice rules {@code skipped} matches. */
  public static Set<String> reachable(JsonNode asl, Collection<String> from, Set<String> blocked, Predicate<JsonNode> skipped) {
    Map<String, JsonNode> states = allStates(asl);
    Map<String, List<String>> exits = exits(asl);
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(from);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (blocked.contains(name) || !states.containsKey(name) || !seen.add(name)) {
        continue;
      }
      JsonNode state = states.get(name);
      todo.addAll(targets(state, skipped));
      todo.addAll(exits.getOrDefault(name, List.of()));
      for (JsonNode branch : state.path("Branches")) {
        todo.add(branch.path("StartAt").asText());
      }
      JsonNode processor = processor(state);
      if (processor != null) {
        todo.add(processor.path("StartAt").asText());
      }
    }
    return seen;
  }

  /** Whether a state is a Lambda Task, invoked with or without a task token. */
  public static boolean isLambdaTask(JsonNode state) {
    return state.path("Type").asText().equals("Task") && state.path("Resource").asText().startsWith("arn:aws:states:::lambda:invoke");
  }

  /** A Lambda Task invoking {@code functionPlaceholder} (e.g. {@code ${CutoverFunctionArn}}) with one of {@code actions}. */
  public static Predicate<JsonNode> lambdaAction(String functionPlaceholder, Set<String> actions) {
    return state -> {
      if (!isLambdaTask(state)) {
        return false;
      }
      JsonNode arguments = state.has("Arguments") ? state.path("Arguments") : state.path("Parameters");
      String function = arguments.path("FunctionName").asText(arguments.path("FunctionName.$").asText());
      String action = arguments.path("Payload").path("action").asText();
      return function.equals(functionPlaceholder) && actions.contains(action);
    };
  }

  private static boolean isTerminal(JsonNode state) {
    String type = state.path("Type").asText();
    return type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false);
  }

  private static List<String> targets(JsonNode state) {
    return targets(state, rule -> false);
  }

  private static List<String> targets(JsonNode state, Predicate<JsonNode> skipped) {
    List<String> targets = new ArrayList<>();
    if (state.has("Next")) {
      targets.add(state.path("Next").asText());
    }
    if (state.has("Default")) {
      targets.add(state.path("Default").asText());
    }
    for (JsonNode choice : state.path("Choices")) {
      if (choice.has("Next") && !skipped.test(choice)) {
        targets.add(choice.path("Next").asText());
      }
    }
    for (JsonNode c : state.path("Catch")) {
      if (c.has("Next")) {
        targets.add(c.path("Next").asText());
      }
    }
    return targets;
  }

  /** For each state inside a Parallel branch or Map processor: where leaving it may go (the enclosing states' Next and Catch targets). */
  private static Map<String, List<String>> exits(JsonNode asl) {
    Map<String, List<String>> exits = new LinkedHashMap<>();
    exitsIn(asl.path("States"), List.of(), exits);
    return exits;
  }

  private static void exitsIn(JsonNode states, List<String> outer, Map<String, List<String>> exits) {
    states.properties().forEach(e -> {
      if (!outer.isEmpty()) {
        exits.put(e.getKey(), outer);
      }
      JsonNode state = e.getValue();
      List<JsonNode> inner = new ArrayList<>();
      state.path("Branches").forEach(inner::add);
      JsonNode processor = processor(state);
      if (processor != null) {
        inner.add(processor);
      }
      if (!inner.isEmpty()) {
        List<String> out = new ArrayList<>(targets(state));
        out.addAll(outer);
        for (JsonNode container : inner) {
          exitsIn(container.path("States"), List.copyOf(out), exits);
        }
      }
    });
  }

  private static JsonNode processor(JsonNode state) {
    if (state.has("ItemProcessor")) {
      return state.path("ItemProcessor");
    }
    if (state.has("Iterator")) {
      return state.path("Iterator");
    }
    return null;
  }

  private static void collect(JsonNode container, List<JsonNode> maps) {
    JsonNode states = container.path("States");
    if (states.isMissingNode()) {
      return;
    }
    maps.add(states);
    for (JsonNode state : states) {
      for (JsonNode branch : state.path("Branches")) {
        collect(branch, maps);
      }
      JsonNode processor = processor(state);
      if (processor != null) {
        collect(processor, maps);
      }
    }
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
