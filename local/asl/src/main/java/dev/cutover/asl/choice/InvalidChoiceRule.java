package dev.cutover.asl.choice;

/**
 * A Choice state definition that breaks the Choice Rule grammar of the Amazon States Language,
 * found when the rules are parsed, before anything runs.
 */
public final class InvalidChoiceRule extends RuntimeException {

  private final String location;
  private final String problem;

  /**
   * @param location where in the definition, e.g. {@code States.Check.Choices[1].And[0]}
   * @param problem what is wrong there, naming the field
   */
  public InvalidChoiceRule(String location, String problem) {
    super(location + ": " + problem);
    this.location = location;
    this.problem = problem;
  }

  /** Where in the definition, e.g. {@code States.Check.Choices[1].And[0]}. */
  public String location() {
    return location;
  }

  /** What is wrong there, naming the field. */
  public String problem() {
    return problem;
  }
}
