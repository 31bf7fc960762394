package dev.cutover.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.PlanProblem;
import dev.cutover.verify.port.ReportLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the task input's {@code resume}: the {@link VerifyResult} of the invocation before, as the
 * workflow hands it back. Every problem is reported with its path under {@code resume}; a result
 * of another migration, a finished one or one of a per-key run is refused, because resuming from
 * it would report on keys this verification never compared.
 */
final class ResumeInput {

  private static final List<String> CATEGORIES =
      Arrays.stream(Category.values()).map(Category::jsonName).toList();

  private final List<PlanProblem> problems;

  private ResumeInput(List<PlanProblem> problems) {
    this.problems = problems;
  }

  /**
   * @param migrationId the plan's, or {@code null} when the plan itself is wrong
   * @param prefix the source prefix keys live under
   * @return the resume point, or {@code null} when there is none or it has problems (added to
   *     {@code problems})
   */
  static Resume parse(JsonNode node, String migrationId, String prefix, List<PlanProblem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(new PlanProblem("resume", "must be the verify step's previous result (a JSON object with complete: false), or left out to start at the first key."));
      return null;
    }
    return new ResumeInput(problems).read(node, migrationId, prefix);
  }

  private Resume read(JsonNode node, String migrationId, String prefix) {
    int before = problems.size();
    JsonNode complete = node.get("complete");
    if (complete == null || !complete.isBoolean()) {
      problem("complete", "is missing or not a boolean; pass the verify step's previous result unchanged.");
    } else if (complete.booleanValue()) {
      problem("complete", "is true: that verification finished, there is nothing to resume. Leave resume out to verify again from the first key.");
    }
    if (!"listing".equals(node.path("scope").asText(null))) {
      problem("scope", "must be \"listing\": only a listing verification is resumed; a per-key run always finishes in one invocation.");
    }
    String id = node.path("migrationId").asText(null);
    if (migrationId != null && !migrationId.equals(id)) {
      problem("migrationId", "is " + quoted(id) + " but the plan's migrationId is \"" + migrationId + "\"; pass the previous result of this migration's verification.");
    }
    String after = text(node, "resumeAfter");
    if (after != null && !after.startsWith(prefix)) {
      problem("resumeAfter", "\"" + after + "\" is not under the source prefix \"" + prefix + "\"; pass the previous result unchanged.");
    }
    long segment = count(node, "segment");
    if (segment == 0 || segment > Integer.MAX_VALUE - 1) {
      problem("segment", "must be a whole number from 1: the invocations the verification took so far.");
    }
    long compared = count(node, "objectsCompared");
    long source = count(node, "sourceObjects");
    long target = count(node, "targetObjects");
    long mismatched = count(node, "mismatchedObjects");
    long retries = count(node, "retries");
    Map<String, Long> counts = counts(node.get("counts"));
    Map<String, List<Example>> examples = examples(node.get("examples"));
    List<ReportLocation> reports = reports(node.get("reports"));
    if (problems.size() > before) {
      return null;
    }
    return new Resume(after, (int) segment, compared, source, target, mismatched, counts, examples, reports, retries);
  }

  private String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      problem(field, "is missing or not a non-empty string; pass the verify step's previous result unchanged.");
      return null;
    }
    return value.asText();
  }

  /** A non-negative whole number, or -1 after reporting a problem. */
  private long count(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
      problem(field, "is missing or not a whole number of at least 0; pass the verify step's previous result unchanged.");
      return -1;
    }
    return value.asLong();
  }

  private Map<String, Long> counts(JsonNode node) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (node == null || !node.isObject()) {
      problem("counts", "is missing or not an object of counts per category.");
      return counts;
    }
    node.fieldNames().forEachRemaining(name -> {
      if (!CATEGORIES.contains(name)) {
        problem("counts." + name, "is not a category; the categories are " + String.join(", ", CATEGORIES) + ".");
      } else {
        JsonNode n = node.get(name);
        if (n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0) {
          counts.put(name, n.asLong());
        } else {
          problem("counts." + name, "is not a whole number of at least 0.");
        }
      }
    });
    return counts;
  }

  private Map<String, List<Example>> examples(JsonNode node) {
    Map<String, List<Example>> examples = new LinkedHashMap<>();
    if (node == null || !node.isObject()) {
      problem("examples", "is missing or not an object of examples per category.");
      return examples;
    }
    node.fieldNames().forEachRemaining(name -> {
      JsonNode list = node.get(name);
      String path = "examples." + name;
      if (!CATEGORIES.contains(name)) {
        problem(path, "is not a category; the categories are " + String.join(", ", CATEGORIES) + ".");
      } else if (!list.isArray()) {
        problem(path, "must be an array of examples.");
      } else {
        List<Example> kept = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          JsonNode example = list.get(i);
          JsonNode key = example.get("key");
          JsonNode fields = example.get("fields");
          if (key == null || !key.isTextual() || fields == null || !fields.isArray()) {
            problem(path + "[" + i + "]", "must be an example as the step wrote it: {\"key\": \"...\", \"fields\": [...]}.");
            continue;
          }
          List<String> names = new ArrayList<>();
          fields.forEach(f -> names.add(f.asText()));
          kept.add(new Example(key.asText(), List.copyOf(names)));
        }
        examples.put(name, List.copyOf(kept));
      }
    });
    return examples;
  }

  private List<ReportLocation> reports(JsonNode node) {
    List<ReportLocation> reports = new ArrayList<>();
    if (node == null || !node.isArray() || node.isEmpty()) {
      problem("reports", "is missing or empty: the findings files written so far, as the previous result lists them.");
      return reports;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode bucket = node.get(i).get("bucket");
      JsonNode key = node.get(i).get("key");
      if (bucket == null || !bucket.isTextual() || key == null || !key.isTextual()) {
        problem("reports[" + i + "]", "must be {\"bucket\": \"...\", \"key\": \"...\"}, as the previous result lists it.");
      } else {
        reports.add(new ReportLocation(bucket.asText(), key.asText()));
      }
    }
    return reports;
  }

  private void problem(String field, String message) {
    problems.add(new PlanProblem("resume." + field, message));
  }

  private static String quoted(String value) {
    return value == null ? "missing" : "\"" + value + "\"";
  }
}
