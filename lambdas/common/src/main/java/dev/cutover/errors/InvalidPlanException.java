package dev.cutover.errors;

import dev.cutover.plan.PlanProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The execution input is wrong. Raised before anything changes; the message lists every problem
 * with its field path, and {@link #problems()} gives them one by one.
 */
public final class InvalidPlanException extends CutoverException {

  private final List<PlanProblem> problems;

  public InvalidPlanException(String message) {
    this(List.of(new PlanProblem("$", message)));
  }

  public InvalidPlanException(List<PlanProblem> problems) {
    super(describe(problems), null);
    this.problems = List.copyOf(problems);
  }

  public List<PlanProblem> problems() {
    return problems;
  }

  @Override
  public Handling handling() {
    return Handling.CAUGHT;
  }

  private static String describe(List<PlanProblem> problems) {
    String header =
        problems.size() == 1
            ? "The execution input has 1 problem; nothing was changed:"
            : "The execution input has " + problems.size() + " problems; nothing was changed:";
    return problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n", header + "\n", ""));
  }
}
