package dev.cutover.local.rehearsal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a rehearsal went, for the console and for {@code rehearsal.html}: where the run ended, what
 * was migrated and proven, what traffic saw (requests per second per side, failures), and the
 * moments that matter (approval, cutover, all traffic on green, rollback).
 *
 * @param outcome the execution's status and, when it failed, its error ({@code FAILED
 *     cutover.NotReady})
 * @param events the moments to mark on the chart, by name ({@code approved}, {@code cutover
 *     started}, {@code 100% on green}, {@code rollback started}…)
 * @param blueUntouched the changes to objects blue held before the run: empty when none
 */
public record RehearsalSummary(
    String outcome,
    Optional<String> fault,
    long objectsSeeded,
    long objectsMigrated,
    long objectsVerified,
    long mismatches,
    long parityFindings,
    Optional<Double> estimatedCostUsd,
    List<TrafficGenerator.Second> traffic,
    Map<String, Long> servedBy,
    List<TrafficGenerator.Failure> failures,
    Map<String, Instant> events,
    List<String> blueUntouched,
    Duration wallTime) {

  public RehearsalSummary {
    traffic = List.copyOf(traffic);
    servedBy = Map.copyOf(servedBy);
    failures = List.copyOf(failures);
    events = Map.copyOf(events);
    blueUntouched = List.copyOf(blueUntouched);
  }

  /** From the approval to the first second in which green served every request, if both happened. */
  public Optional<Duration> approvalToAllGreen() {
    Instant approved = events.get("approved");
    Instant allGreen = events.get("100% on green");
    return approved == null || allGreen == null ? Optional.empty() : Optional.of(Duration.between(approved, allGreen));
  }

  /** Lines for the console. */
  public List<String> lines() {
    List<String> lines = new java.util.ArrayList<>();
    lines.add("Outcome:            " + outcome + fault.map(f -> " (fault: " + f + ")").orElse(""));
    lines.add("Objects:            " + objectsSeeded + " seeded, " + objectsMigrated + " migrated, " + objectsVerified + " verified, " + mismatches + " mismatched");
    lines.add("Edge parity:        " + parityFindings + " findings");
    estimatedCostUsd.ifPresent(c -> lines.add(String.format(Locale.ROOT, "Cost in AWS:        $%.4f (preflight's estimate at list prices)", c)));
    lines.add("Requests served:    " + servedBy.getOrDefault("blue", 0L) + " by blue, " + servedBy.getOrDefault("green", 0L) + " by green");
    lines.add("Failed requests:    " + failures.size());
    approvalToAllGreen().ifPresent(d -> lines.add("Approval to 100% green: " + seconds(d)));
    lines.add("Blue untouched:     " + (blueUntouched.isEmpty() ? "yes (every object before the run is as it was)" : "NO: " + blueUntouched.size() + " changed"));
    lines.add("Wall time:          " + seconds(wallTime));
    return lines;
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
