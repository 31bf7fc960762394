package dev.cutover.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the shape of a JSON input against the plan records before binding: unknown fields,
 * missing required fields and wrong types are all reported at once, each with its path, instead
 * of the first one Jackson happens to meet. The records are the schema, so the two cannot drift.
 */
final class PlanShape {

  private PlanShape() {}

  /** The message prefix of an unknown-field problem; such fields can be dropped and the rest still bound. */
  static final String UNKNOWN_FIELD = "is not a field cutover knows";

  /**
   * A copy of {@code node} without the fields the records do not know, so that the rules can
   * still run on an input whose only shape problem is a misspelt field.
   */
  static JsonNode withoutUnknownFields(JsonNode node, Class<?> recordType) {
    if (!node.isObject()) {
      return node;
    }
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    for (RecordComponent component : recordType.getRecordComponents()) {
      JsonNode value = copy.get(component.getName());
      if (value != null && component.getType().isRecord()) {
        copy.set(component.getName(), withoutUnknownFields(value, component.getType()));
      }
    }
    List<String> known = Arrays.stream(recordType.getRecordComponents()).map(RecordComponent::getName).toList();
    copy.retain(known);
    return copy;
  }

  static void check(JsonNode node, Class<?> recordType, String path, List<PlanProblem> out) {
    if (!node.isObject()) {
      out.add(new PlanProblem(display(path), "must be a JSON object, not " + describe(node)));
      return;
    }
    RecordComponent[] components = recordType.getRecordComponents();
    List<String> known = Arrays.stream(components).map(RecordComponent::getName).toList();
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                out.add(new PlanProblem(join(path, name), unknownFieldMessage(name, known)));
              }
            });
    for (RecordComponent component : components) {
      String field = join(path, component.getName());
      JsonNode value = node.get(component.getName());
      if (value == null || value.isNull()) {
        if (component.isAnnotationPresent(Required.class)) {
          out.add(new PlanProblem(field, "is required but missing; " + requiredHint(component)));
        }
        continue;
      }
      checkValue(value, component.getGenericType(), field, out);
    }
  }

  private static void checkValue(JsonNode value, Type type, String field, List<PlanProblem> out) {
    if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
      if (!value.isArray()) {
        out.add(new PlanProblem(field, "must be a JSON array, not " + describe(value)));
        return;
      }
      for (int i = 0; i < value.size(); i++) {
        checkValue(value.get(i), list.getActualTypeArguments()[0], field + "[" + i + "]", out);
      }
      return;
    }
    Class<?> raw = (Class<?>) type;
    if (raw.isRecord()) {
      check(value, raw, field, out);
    } else if (raw.isEnum()) {
      List<String> names = Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList();
      if (!value.isTextual() || !names.contains(value.asText())) {
        out.add(
            new PlanProblem(
                field,
                "must be one of " + String.join(", ", names) + ", not " + describe(value)
                    + suggestion(value.asText(), names).map(s -> " (did you mean " + s + "?)").orElse("")));
      }
    } else if (raw == String.class && !value.isTextual()) {
      out.add(new PlanProblem(field, "must be a JSON string, not " + describe(value)));
    } else if (raw == Integer.class && !(value.isIntegralNumber() && value.canConvertToInt())) {
      out.add(new PlanProblem(field, "must be a whole number (JSON number without a fraction), not " + describe(value)));
    } else if (raw == Double.class && !value.isNumber()) {
      out.add(new PlanProblem(field, "must be a JSON number, not " + describe(value)));
    } else if (raw == Boolean.class && !value.isBoolean()) {
      out.add(new PlanProblem(field, "must be true or false, not " + describe(value)));
    }
  }

  private static String unknownFieldMessage(String name, List<String> known) {
    return UNKNOWN_FIELD
        + suggestion(name, known).map(s -> "; did you mean '" + s + "'?").orElse(".")
        + " Known fields here: "
        + String.join(", ", known)
        + ". Unknown fields are refused so that a typo cannot silently fall back to a default.";
  }

  private static String requiredHint(RecordComponent component) {
    return switch (component.getName()) {
      case "migrationId" -> "give a stable name for this migration, e.g. \"assets-to-new-account\".";
      case "mode" -> "give MIGRATE, VALIDATE_ONLY or ROLLBACK.";
      case "source", "target" -> "give accountId, region, bucket, distributionId and roleArn.";
      case "dns" -> "give hostname, hostedZoneId and zoneName.";
      case "batch" -> "give at least reportBucket.";
      default -> "this field has no default.";
    };
  }

  /** The closest known name, if it is close enough to be a likely typo. */
  static Optional<String> suggestion(String given, List<String> known) {
    String lower = given.toLowerCase(Locale.ROOT);
    return known.stream()
        .map(k -> new Object() {
          final String name = k;
          final int distance = levenshtein(lower, k.toLowerCase(Locale.ROOT));
        })
        .filter(c -> c.distance <= Math.max(1, Math.min(3, c.name.length() / 3)))
        .min(Comparator.comparingInt(c -> c.distance))
        .map(c -> c.name);
  }

  private static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  static String describe(JsonNode node) {
    String text = node.isTextual() ? "\"" + node.asText() + "\"" : node.toString();
    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    String kind =
        switch (node.getNodeType()) {
          case ARRAY -> "an array";
          case OBJECT -> "an object";
          case STRING -> "the string";
          case NUMBER -> "the number";
          case BOOLEAN -> "the boolean";
          case NULL -> "null";
          default -> "the value";
        };
    return node.isContainerNode() || node.isNull() ? kind : kind + " " + shown;
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String display(String path) {
    return path.isEmpty() ? "$" : path;
  }

}
