package dev.cutover.verify;

import dev.cutover.verify.port.Progress;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Counts and bounded examples, fed from the merge and from worker threads. Examples are the
 * smallest keys of each category in UTF-8 order, so a run's result does not depend on thread
 * timing.
 */
final class Tally {

  private static final Comparator<Finding> BY_KEY = Comparator.comparing(Finding::key, Utf8Order.KEYS);

  private final int examplesPerCategory;
  private final Progress progress;
  private final Map<Category, Long> counts = new EnumMap<>(Category.class);
  private final Map<Category, TreeSet<Finding>> examples = new EnumMap<>(Category.class);
  private long compared;
  private long sourceObjects;
  private long targetObjects;
  private long mismatched;

  Tally(int examplesPerCategory, Progress progress) {
    this.examplesPerCategory = examplesPerCategory;
    this.progress = progress;
    for (Category c : Category.values()) {
      counts.put(c, 0L);
      examples.put(c, new TreeSet<>(BY_KEY));
    }
  }

  /** One key done: where it exists, and what differs ({@code null} when nothing does). */
  void object(boolean onSource, boolean onTarget, Finding finding) {
    long done;
    synchronized (this) {
      compared++;
      sourceObjects += onSource ? 1 : 0;
      targetObjects += onTarget ? 1 : 0;
      if (finding != null) {
        mismatched += finding.mismatch() ? 1 : 0;
        for (Category c : finding.categories()) {
          counts.merge(c, 1L, Long::sum);
          TreeSet<Finding> kept = examples.get(c);
          kept.add(finding);
          if (kept.size() > examplesPerCategory) {
            kept.pollLast();
          }
        }
      }
      done = compared;
    }
    progress.compared(done);
  }

  synchronized long compared() {
    return compared;
  }

  synchronized long sourceObjects() {
    return sourceObjects;
  }

  synchronized long targetObjects() {
    return targetObjects;
  }

  synchronized long mismatched() {
    return mismatched;
  }

  /** Objects per category, every category present, in {@link Category} order. */
  synchronized Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.forEach((c, n) -> out.put(c.jsonName(), n));
    return out;
  }

  /** Up to the configured number of examples per category, every category present. */
  synchronized Map<String, List<Example>> examples() {
    Map<String, List<Example>> out = new LinkedHashMap<>();
    examples.forEach((c, kept) -> out.put(c.jsonName(), kept.stream().map(Example::of).toList()));
    return out;
  }
}
