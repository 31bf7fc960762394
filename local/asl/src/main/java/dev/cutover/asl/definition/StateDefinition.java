package dev.cutover.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * One state as written, with its effective query language resolved (the state's own
 * {@code QueryLanguage}, else the machine's).
 *
 * @param name the state's name, unique in the whole machine
 * @param type Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map
 * @param language the effective query language
 * @param json the state's fields as written
 * @param location where it sits in the definition, e.g. {@code /States/Fan/Branches[0]/States/A}
 * @param children a Parallel state's branches, or a Map state's item processor; empty otherwise
 */
public record StateDefinition(
    String name, String type, QueryLanguage language, ObjectNode json, String location, List<StateMachineDefinition> children) {

  public Optional<String> next() {
    return text("Next");
  }

  public boolean isEnd() {
    return json.path("End").asBoolean(false);
  }

  public Optional<String> text(String field) {
    JsonNode value = json.get(field);
    return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  public Optional<JsonNode> field(String field) {
    return Optional.ofNullable(json.get(field));
  }
}
