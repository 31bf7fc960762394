package dev.cutover.asl.definition;

import java.util.Map;
import java.util.Optional;

/**
 * A validated state machine, or one of its nested scopes (a Parallel branch, a Map's item
 * processor): where it starts and its states by name, in definition order.
 */
public record StateMachineDefinition(
    String startAt, Map<String, StateDefinition> states, QueryLanguage queryLanguage, Optional<Integer> timeoutSeconds) {

  public StateDefinition state(String name) {
    StateDefinition state = states.get(name);
    if (state == null) {
      throw new IllegalArgumentException("no state named " + name);
    }
    return state;
  }
}
