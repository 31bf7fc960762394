package dev.cutover.plan;

/**
 * One thing wrong with an execution input.
 *
 * @param field the path of the field in the input, e.g. {@code source.bucket} or
 *     {@code approval.approvers[1]}; {@code $} for the input as a whole
 * @param message what is wrong and how to fix it
 */
public record PlanProblem(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
