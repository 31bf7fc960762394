package dev.cutover.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Choices} and {@code Default} of one Choice state in JSONPath mode, parsed once: the
 * rules are tried in order and the first that holds names the next state; otherwise {@code Default}
 * does; otherwise the state fails with {@code States.NoChoiceMatched} (AWS Step Functions developer
 * guide, "Choice workflow state"; Amazon States Language, "Choice State").
 */
public final class ChoiceRules {

  /**
   * One member of {@code Choices}: its rule, the state it transitions to, and the variables it
   * assigns when it is the rule taken.
   */
  public record Branch(ChoiceRule rule, String next, Optional<JsonNode> assign) {}

  private final String stateName;
  private final List<Branch> branches;
  private final Optional<String> defaultState;

  private ChoiceRules(String stateName, List<Branch> branches, Optional<String> defaultState) {
    this.stateName = stateName;
    this.branches = List.copyOf(branches);
    this.defaultState = defaultState;
  }

  /**
   * Parses a Choice state's rules.
   *
   * @param stateName the Choice state's name, used in error locations ({@code States.<name>...})
   * @param choices the state's {@code Choices} field: a non-empty array of Choice Rules
   * @param defaultState the state's {@code Default} field, if it has one
   * @throws InvalidChoiceRule naming the rule and field, when the definition is not valid
   */
  public static ChoiceRules parse(
      String stateName, JsonNode choices, Optional<String> defaultState) {
    String location = "States." + stateName + ".Choices";
    if (!choices.isArray() || choices.isEmpty()) {
      throw new InvalidChoiceRule(
          location,
          "Choices must be a non-empty array of Choice Rules, got "
              + ChoiceRuleParser.describe(choices));
    }
    List<Branch> branches = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      branches.add(ChoiceRuleParser.topLevel(choices.get(i), location + "[" + i + "]"));
    }
    return new ChoiceRules(stateName, branches, defaultState);
  }

  /** The members of {@code Choices}, in order. */
  public List<Branch> branches() {
    return branches;
  }

  /** The state's {@code Default}. */
  public Optional<String> defaultState() {
    return defaultState;
  }

  /**
   * The first member of {@code Choices} whose rule holds, if any.
   *
   * @throws StatesError {@code States.Runtime} as {@link ChoiceRule#evaluate} does
   */
  public Optional<Branch> firstMatch(PathResolver resolver) {
    for (Branch branch : branches) {
      if (branch.rule().evaluate(resolver)) {
        return Optional.of(branch);
      }
    }
    return Optional.empty();
  }

  /**
   * The state to transition to: the {@code Next} of the first rule that holds, else {@code
   * Default}.
   *
   * @throws StatesError {@code States.NoChoiceMatched} when no rule holds and there is no {@code
   *     Default}; {@code States.Runtime} as {@link ChoiceRule#evaluate} does
   */
  public String nextState(PathResolver resolver) {
    return firstMatch(resolver)
        .map(Branch::next)
        .or(() -> defaultState)
        .orElseThrow(
            () ->
                new StatesError(
                    StatesError.NO_CHOICE_MATCHED,
                    "No Choice Rule matched in state '" + stateName + "' and it has no Default"));
  }
}
