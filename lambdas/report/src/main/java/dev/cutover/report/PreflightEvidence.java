package dev.cutover.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preflight step's result as the report reads it (its JSON contract, not its classes):
 *
 * <pre>{@code
 * {"passed": false, "migrationId": "…", "counts": {"BLOCKER": 1, "WARNING": 2, "INFO": 0},
 *  "findings": [{"check", "severity", "side", "subject", "message", "fix", "count", "examples"}],
 *  "estimate": {"basis", "objects", "bytes", "archivedObjects", "sampledForEncryption",
 *               "costUsd": {"batchJobs", …, "total"}, "prices": {"source", "batchJobUsd", …}}}
 * }</pre>
 *
 * Lists are cut to bounds so the page stays readable; the totals say how many there were.
 */
record PreflightEvidence(
    Boolean passed,
    String migrationId,
    Map<String, Long> counts,
    List<Finding> findings,
    int findingsTotal,
    Estimate estimate) {

  static final int MAX_FINDINGS = 100;
  static final int MAX_EXAMPLES = 10;

  static final String BLOCKER = "BLOCKER";
  static final String WARNING = "WARNING";
  static final String INFO = "INFO";

  /**
   * One thing preflight found.
   *
   * @param examples the first {@value #MAX_EXAMPLES} examples (object keys, mostly)
   * @param examplesTotal how many the step gave
   */
  record Finding(
      String check,
      String severity,
      String side,
      String subject,
      String message,
      String fix,
      Long count,
      List<String> examples,
      int examplesTotal) {}

  /**
   * What the migration will cost, as preflight estimated it from the listing.
   *
   * @param costUsd the cost lines in the step's order, {@code total} left out
   * @param total {@code costUsd.total}
   * @param prices the unit prices the estimate used, in the step's order, {@code source} left out
   * @param pricesSource where the prices come from
   */
  record Estimate(
      String basis,
      Long objects,
      Long bytes,
      Long archivedObjects,
      Long sampledForEncryption,
      Map<String, BigDecimal> costUsd,
      BigDecimal total,
      Map<String, BigDecimal> prices,
      String pricesSource) {}

  static PreflightEvidence read(Node node) {
    Map<String, Long> counts = new LinkedHashMap<>();
    node.get("counts").fields().forEach((severity, n) -> counts.put(severity, n.whole()));
    List<Node> items = node.get("findings").items();
    List<Finding> findings = new ArrayList<>();
    for (Node item : items.subList(0, Math.min(items.size(), MAX_FINDINGS))) {
      Finding finding = finding(item.object());
      if (finding != null) {
        findings.add(finding);
      }
    }
    Node estimate = node.get("estimate").object();
    return new PreflightEvidence(
        node.get("passed").bool(),
        node.get("migrationId").text(),
        counts,
        findings,
        items.size(),
        estimate.absent() ? null : estimate(estimate));
  }

  private static Finding finding(Node item) {
    if (item.absent()) {
      return null;
    }
    List<Node> examples = item.get("examples").items();
    List<String> kept = new ArrayList<>();
    for (Node example : examples.subList(0, Math.min(examples.size(), MAX_EXAMPLES))) {
      String text = example.text();
      if (text != null) {
        kept.add(text);
      }
    }
    return new Finding(
        item.get("check").text(),
        item.get("severity").text(),
        item.get("side").text(),
        item.get("subject").text(),
        item.get("message").text(),
        item.get("fix").text(),
        item.get("count").whole(),
        kept,
        examples.size());
  }

  private static Estimate estimate(Node node) {
    Map<String, BigDecimal> cost = new LinkedHashMap<>();
    Node costUsd = node.get("costUsd");
    costUsd.fields().forEach((name, value) -> {
      if (!name.equals("total")) {
        cost.put(name, value.number());
      }
    });
    Map<String, BigDecimal> prices = new LinkedHashMap<>();
    Node priceNode = node.get("prices");
    priceNode.fields().forEach((name, value) -> {
      if (!name.equals("source")) {
        prices.put(name, value.number());
      }
    });
    return new Estimate(
        node.get("basis").text(),
        node.get("objects").whole(),
        node.get("bytes").whole(),
        node.get("archivedObjects").whole(),
        node.get("sampledForEncryption").whole(),
        cost,
        costUsd.get("total").number(),
        prices,
        priceNode.get("source").text());
  }

  /** Blockers: the larger of the count the step gives and the blocker findings it lists. */
  long blockers() {
    long listed = findings.stream().filter(f -> BLOCKER.equals(f.severity())).count();
    Long counted = counts.get(BLOCKER);
    return Math.max(listed, counted == null ? 0 : counted);
  }

  /** Warnings: the larger of the count the step gives and the warning findings it lists. */
  long warnings() {
    long listed = findings.stream().filter(f -> WARNING.equals(f.severity())).count();
    Long counted = counts.get(WARNING);
    return Math.max(listed, counted == null ? 0 : counted);
  }
}
