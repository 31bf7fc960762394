package dev.cutover.verify;

import dev.cutover.aws.S3KeyOrder;
import dev.cutover.verify.port.Progress;
import java.util.ArrayList;
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

  private static final Comparator<Finding> BY_KEY = Comparator.comparing(Finding::key, S3KeyOrder.KEYS);

  private final int examplesPerCategory;
  private final Progress progress;
  private final Map<Category, Long> counts = new EnumMap<>(Category.class);
  private final Map<Category, TreeSet<Finding>> examples = new EnumMap<>(Category.class);
  private long compared;
  private long sourceObjects;
  private long targetObjects;
  private long mismatched;

  /** Examples carried from earlier invocations; their keys all precede this one's. */
  private final Map<Category, List<Example>> carried = new EnumMap<>(Category.class);

  Tally(int examplesPerCategory, Progress progress) {
    this(examplesPerCategory, progress, null);
  }

  /** Starts from what earlier invocations of the same verification found ({@code null}: nothing). */
  Tally(int examplesPerCategory, Progress progress, Resume prior) {
    this.examplesPerCategory = examplesPerCategory;
    this.progress = progress;
    for (Category c : Category.values()) {
      counts.put(c, prior == null ? 0L : prior.counts().getOrDefault(c.jsonName(), 0L));
      examples.put(c, new TreeSet<>(BY_KEY));
      List<Example> kept = prior == null ? List.of() : prior.examples().getOrDefault(c.jsonName(), List.of());
      carried.put(c, List.copyOf(kept.subList(0, Math.min(kept.size(), examplesPerCategory))));
    }
    if (prior != null) {
      compared = prior.objectsCompared();
      sourceObjects = prior.sourceObjects();
      targetObjects = prior.targetObjects();
      mismatched = prior.mismatched();
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
          int room = examplesPerCategory - carried.get(c).size();
          if (room > 0) {
            kept.add(finding);
            if (kept.size() > room) {
              kept.pollLast();
            }
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
    examples.forEach(
        (c, kept) -> {
          List<Example> all = new ArrayList<>(carried.get(c));
          kept.stream().map(Example::of).forEach(all::add);
          out.put(c.jsonName(), List.copyOf(all));
        });
    return out;
  }
}
