package dev.cutover.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A verify step's result as the report reads it (the verify module's {@code VerifyResult} JSON):
 * for the whole listing ({@code verify}) or for the log scan's hot keys ({@code verifyKeys}).
 *
 * @param categories one row per category named in {@code counts} or {@code examples}, counts'
 *     order first
 * @param complete whether every key was compared ({@code false}: a listing verification ran out of
 *     Lambda time and was not resumed to the end)
 * @param reportUri {@code report.uri}: where the last invocation's findings are
 * @param resumeAfter the last key compared when not complete
 * @param segments the invocations the verification took ({@code segment})
 */
record VerifyEvidence(
    Boolean passed,
    Boolean complete,
    String migrationId,
    String scope,
    Long objectsCompared,
    Long sourceObjects,
    Long targetObjects,
    Long mismatchedObjects,
    Long mismatchTolerance,
    List<CategoryRow> categories,
    String reportUri,
    Long retries,
    String resumeAfter,
    Long segments) {

  static final int MAX_EXAMPLES = 10;
  static final int MAX_FIELDS = 6;

  /** Categories that are not mismatches: reported, not counted against the tolerance. */
  static final Set<String> NOT_MISMATCHES = Set.of("contentUnverified");

  /**
   * One category: its count and the first {@value #MAX_EXAMPLES} examples.
   *
   * @param examplesTotal how many examples the step gave
   */
  record CategoryRow(String name, Long count, List<Example> examples, int examplesTotal) {}

  /** A finding: the key and the fields that differ. */
  record Example(String key, List<String> fields) {}

  static VerifyEvidence read(Node node) {
    Map<String, Node> counts = node.get("counts").fields();
    Map<String, Node> examples = node.get("examples").fields();
    Set<String> names = new LinkedHashSet<>(counts.keySet());
    names.addAll(examples.keySet());
    List<CategoryRow> rows = new ArrayList<>();
    for (String name : names) {
      Long count = counts.containsKey(name) ? counts.get(name).whole() : null;
      List<Node> items = examples.containsKey(name) ? examples.get(name).items() : List.of();
      List<Example> kept = new ArrayList<>();
      for (Node item : items.subList(0, Math.min(items.size(), MAX_EXAMPLES))) {
        Node example = item.object();
        if (!example.absent()) {
          List<String> fields = example.get("fields").texts();
          kept.add(new Example(example.get("key").text(), fields.subList(0, Math.min(fields.size(), MAX_FIELDS))));
        }
      }
      rows.add(new CategoryRow(name, count, kept, items.size()));
    }
    return new VerifyEvidence(
        node.get("passed").bool(),
        node.get("complete").bool(),
        node.get("migrationId").text(),
        node.get("scope").text(),
        node.get("objectsCompared").whole(),
        node.get("sourceObjects").whole(),
        node.get("targetObjects").whole(),
        node.get("mismatchedObjects").whole(),
        node.get("mismatchTolerance").whole(),
        rows,
        node.get("report").object().get("uri").text(),
        node.get("retries").whole(),
        node.get("resumeAfter").text(),
        node.get("segment").whole());
  }

  /** The count of {@code category}, or {@code null}. */
  Long count(String category) {
    return categories.stream().filter(c -> c.name().equals(category)).map(CategoryRow::count).findFirst().orElse(null);
  }
}
