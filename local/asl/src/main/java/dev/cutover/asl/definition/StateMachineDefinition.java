package dev.cutover.asl.definition;

import java.util.Map;
import java.util.Optional;

/**
 * A validated state machine, or one of its nested scopes (a Parallel branch, a Map's item
 * processor): where it starts and its states by name, in definition order, and the JSON it was
 * read from (so an execution can be written down and read back with its definition).
 */
public record StateMachineDefinition(
    String startAt, Map<String, StateDefinition> states, QueryLanguage queryLanguage, Optional<Integer> timeoutSeconds, String source) {

  public StateDefinition state(String name) {
    StateDefinition state = states.get(name);
    if (state == null) {
      throw new IllegalArgumentException("no state named " + name);
    }
    return state;
  }
}
