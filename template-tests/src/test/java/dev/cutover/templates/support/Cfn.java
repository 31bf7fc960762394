package dev.cutover.templates.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.assertions.Template;

/** Reading a synthesized template as plain maps: resources by type, IAM statements with their role. */
public final class Cfn {

  private Cfn() {}

  /** An Allow or Deny statement and where it is (the policy's logical id and the roles it is attached to). */
  public record Statement(String policy, List<String> roles, String effect, List<String> actions, List<Object> resources, Map<String, Object> raw) {

    /** The resources as strings; intrinsic functions rendered as their JSON. */
    public List<String> resourceTexts() {
      return resources.stream().map(Cfn::text).toList();
    }
  }

  public static Map<String, Map<String, Object>> resources(Template template, String type) {
    return template.findResources(type);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
  }

  /** Every statement of every AWS::IAM::Policy in the template. */
  @SuppressWarnings("unchecked")
  public static List<Statement> policyStatements(Template template) {
    List<Statement> statements = new ArrayList<>();
    resources(template, "AWS::IAM::Policy").forEach((id, resource) -> {
      Map<String, Object> props = properties(resource);
      List<String> roles = ((List<Object>) props.getOrDefault("Roles", List.of())).stream().map(Cfn::refOf).toList();
      Map<String, Object> document = (Map<String, Object>) props.get("PolicyDocument");
      for (Object s : (List<Object>) document.get("Statement")) {
        Map<String, Object> statement = (Map<String, Object>) s;
        statements.add(new Statement(id, roles, (String) statement.get("Effect"), list(statement.get("Action")).stream().map(Object::toString).toList(), list(statement.get("Resource")), statement));
      }
    });
    return statements;
  }

  /** {@code {"Ref": "X"}} → X; {@code {"Fn::GetAtt": ["X", "Arn"]}} → X; anything else as text. */
  @SuppressWarnings("unchecked")
  public static String refOf(Object value) {
    if (value instanceof Map<?, ?> map) {
      if (map.containsKey("Ref")) {
        return String.valueOf(map.get("Ref"));
      }
      if (map.containsKey("Fn::GetAtt")) {
        return String.valueOf(((List<Object>) map.get("Fn::GetAtt")).get(0));
      }
    }
    return text(value);
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> l ? (List<Object>) l : List.of(value);
  }

  public static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    try {
      return Repository.mapper().writeValueAsString(value);
    } catch (Exception e) {
      return Objects.toString(value);
    }
  }

  /** The logical id of the one resource of {@code type} whose properties contain {@code key = value}. */
  public static String idWhere(Template template, String type, String key, Object value) {
    List<String> ids = new ArrayList<>();
    resources(template, type).forEach((id, r) -> {
      if (Objects.equals(properties(r).get(key), value)) {
        ids.add(id);
      }
    });
    if (ids.size() != 1) {
      throw new AssertionError("expected one " + type + " with " + key + " = " + value + ", found " + ids);
    }
    return ids.get(0);
  }
}
