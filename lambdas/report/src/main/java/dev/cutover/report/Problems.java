package dev.cutover.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link ReadProblem}s found while reading the evidence, once per field and in the order
 * found. At most {@value #MAX} are kept (the count goes on), so a section made of garbage cannot
 * make the report large.
 */
final class Problems {

  static final int MAX = 50;

  private final Map<String, String> byField = new LinkedHashMap<>();
  private final Set<String> seen = new HashSet<>();
  private int total;

  void add(String field, String message) {
    if (!seen.add(field)) {
      return;
    }
    total++;
    if (byField.size() < MAX) {
      byField.put(field, message);
    } else {
      byField.putIfAbsent("…", "and more; the report keeps the first " + MAX + ".");
    }
  }

  /** Problems in the order found (at most {@value #MAX}, then one that says there were more). */
  List<ReadProblem> list() {
    List<ReadProblem> out = new ArrayList<>();
    byField.forEach((f, m) -> out.add(new ReadProblem(f, m)));
    return out;
  }

  /** Every problem found, including those not kept. */
  int total() {
    return total;
  }

  boolean isEmpty() {
    return total == 0;
  }
}
