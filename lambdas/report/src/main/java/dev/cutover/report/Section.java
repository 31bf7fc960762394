package dev.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * What one earlier step left for the report: nothing (it did not run in this mode, or the workflow
 * did not reach it), an error output (it failed and a Catch kept going), something that is not an
 * object, or its result, read by {@code reader} into a typed view.
 *
 * @param name the payload field, e.g. {@code verifyKeys}
 * @param title what the page calls it, e.g. "Hot keys"
 * @param state which of the four it is
 * @param value the typed view when {@link State#PRESENT}
 * @param error the error when {@link State#FAILED}
 * @param found how the value looked when {@link State#UNREADABLE}
 */
record Section<T>(String name, String title, State state, T value, StepError error, String found) {

  enum State {
    NOT_RUN,
    FAILED,
    UNREADABLE,
    PRESENT
  }

  static <T> Section<T> read(
      String name, String title, JsonNode json, Problems problems, Function<Node, T> reader) {
    Node node = Node.root(name, json, problems);
    if (node.absent()) {
      return new Section<>(name, title, State.NOT_RUN, null, null, null);
    }
    StepError error = StepError.of(json);
    if (error != null) {
      return new Section<>(name, title, State.FAILED, null, error, null);
    }
    if (!node.isObject()) {
      node.wrongType("an object");
      return new Section<>(name, title, State.UNREADABLE, null, null, Node.describe(json));
    }
    return new Section<>(name, title, State.PRESENT, reader.apply(node), null, null);
  }

  boolean present() {
    return state == State.PRESENT;
  }
}
