package dev.cutover.report;

import dev.cutover.plan.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The verdict and why. {@link Verdict#READY} only when preflight passed, the backfill finished with
 * every object replicated (MIGRATE runs; a VALIDATE_ONLY run has no backfill), the listing verify,
 * the edge parity and the log scan passed, every other check that is present passed, and every
 * field the verdict rests on could be read. Anything else is {@link Verdict#NOT_READY} with one reason per cause, in page order. A
 * check that cannot be shown to have passed counts as not passed: the approver should never see
 * READY over a hole in the evidence.
 *
 * @param reasons why not ready; empty when ready
 * @param notes what the approver should read even when ready (warnings, unproven objects)
 * @param checks each section's status, in page order
 */
record Assessment(Verdict verdict, List<String> reasons, List<String> notes, List<Check> checks) {

  /** Reasons are for a notice and a page, not for a stack trace. */
  static final int MAX_REASON_CHARS = 500;
  static final int MAX_NAMED = 5;

  /**
   * Checks every run makes (DESIGN.md §1 steps 5 and 6), so a report without them is not READY: the
   * edge parity and the log scan. The checksum comparison runs only for objects a HEAD could not
   * prove, so it is required only when present.
   */
  static final Set<String> REQUIRED_GENERIC = Set.of("parity", "logscan");

  /**
   * One section's standing.
   *
   * @param required whether the verdict needs it to have run
   */
  record Check(String section, String title, boolean required, Status status, List<String> reasons, List<String> notes) {}

  static Assessment of(Evidence evidence) {
    Mode mode = evidence.plan().mode();
    String migrationId = evidence.plan().migrationId();
    List<Check> checks = new ArrayList<>();
    checks.add(check(evidence.preflight(), true, s -> preflight(s, migrationId)));
    boolean backfillRequired = mode == Mode.MIGRATE;
    Check backfill = check(evidence.backfill(), backfillRequired, Assessment::backfill);
    if (!backfillRequired && backfill.status() == Status.NOT_RUN) {
      backfill = new Check(backfill.section(), backfill.title(), false, Status.NOT_RUN, List.of(),
          List.of("Backfill is not part of a " + mode + " run."));
    }
    checks.add(backfill);
    checks.add(check(evidence.verify(), true, s -> verify(s, evidence.verify().title(), "listing", migrationId)));
    checks.add(check(evidence.verifyKeys(), false, s -> verify(s, evidence.verifyKeys().title(), "keys", migrationId)));
    for (Section<GenericEvidence> generic : evidence.generic()) {
      checks.add(check(generic, REQUIRED_GENERIC.contains(generic.name()), s -> generic(s, generic.title(), generic.name())));
    }
    List<String> reasons = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    checks.forEach(c -> {
      reasons.addAll(c.reasons());
      notes.addAll(c.notes());
    });
    // A section that is not an object is one problem, already a reason of its own above.
    Set<String> unreadable = evidence.sections().stream()
        .filter(s -> s.state() == Section.State.UNREADABLE).map(Section::name).collect(Collectors.toSet());
    int others = evidence.problemsTotal() - unreadable.size();
    if (others > 0) {
      reasons.add(
          others + (others == 1 ? " field" : " fields") + " of the evidence could not be read (see Problems): "
              + evidence.problems().stream().map(ReadProblem::field).filter(f -> !unreadable.contains(f))
                  .limit(MAX_NAMED).collect(Collectors.joining(", "))
              + (others > MAX_NAMED ? ", …" : "") + ".");
    }
    List<String> bounded = reasons.stream().map(r -> Text.shorten(sentence(r), MAX_REASON_CHARS)).toList();
    return new Assessment(
        bounded.isEmpty() ? Verdict.READY : Verdict.NOT_READY,
        bounded,
        notes.stream().map(n -> Text.shorten(n, MAX_REASON_CHARS)).toList(),
        List.copyOf(checks));
  }

  /** What a present section's evidence says: status, reasons against, notes. */
  private record Finding(Status status, List<String> reasons, List<String> notes) {
    static Finding passed(List<String> notes) {
      return new Finding(Status.PASSED, List.of(), notes);
    }
  }

  private static <T> Check check(Section<T> section, boolean required, Function<T, Finding> assess) {
    String title = section.title();
    return switch (section.state()) {
      case NOT_RUN ->
          new Check(section.name(), title, required, Status.NOT_RUN,
              required ? List.of(title + " did not run.") : List.of(), List.of());
      case FAILED ->
          new Check(section.name(), title, required, Status.FAILED,
              List.of(title + " failed with " + section.error().describe()), List.of());
      case UNREADABLE ->
          new Check(section.name(), title, required, Status.UNKNOWN,
              List.of(title + " left " + section.found() + " where its result should be; it cannot count as passed."), List.of());
      case PRESENT -> {
        Finding f = assess.apply(section.value());
        yield new Check(section.name(), title, required, f.status(), f.reasons(), f.notes());
      }
    };
  }

  private static Finding preflight(PreflightEvidence p, String migrationId) {
    List<String> reasons = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Status status = Status.PASSED;
    long blockers = p.blockers();
    if (p.passed() == null) {
      status = Status.UNKNOWN;
      reasons.add("Preflight does not say whether it passed (preflight.passed is not true or false).");
    } else if (!p.passed()) {
      status = Status.NOT_PASSED;
      reasons.add("Preflight did not pass" + (blockers > 0 ? ": " + plural(blockers, "blocker") + named(blockerChecks(p)) : "") + ".");
    } else if (blockers > 0) {
      status = Status.NOT_PASSED;
      reasons.add("Preflight says it passed but reports " + plural(blockers, "blocker") + named(blockerChecks(p)) + "; a blocker means not passed.");
    }
    status = sameMigration("Preflight", p.migrationId(), migrationId, reasons, status);
    if (p.warnings() > 0) {
      notes.add("Preflight has " + plural(p.warnings(), "warning") + ": read them before approving.");
    }
    return new Finding(status, reasons, notes);
  }

  private static List<String> blockerChecks(PreflightEvidence p) {
    return p.findings().stream()
        .filter(f -> PreflightEvidence.BLOCKER.equals(f.severity()))
        .map(f -> f.check() == null ? "(unnamed check)" : f.check())
        .distinct()
        .toList();
  }

  private static Finding backfill(BackfillEvidence b) {
    BackfillEvidence.Progress progress = b.progress();
    if (progress == null) {
      return new Finding(Status.UNKNOWN, List.of("Backfill left no job progress (backfill.progress), so it cannot count as done."), List.of());
    }
    String job = "Backfill job " + Text.or(progress.jobId());
    Long reportFailed = b.report() == null ? null : b.report().failedTasks();
    long failed = Math.max(progress.failedTasks() == null ? 0 : progress.failedTasks(), reportFailed == null ? 0 : reportFailed);
    String outcome = progress.outcome();
    if ("RUNNING".equals(outcome)) {
      return new Finding(Status.NOT_PASSED, List.of(job + " has not finished (S3 status " + Text.or(progress.jobStatus()) + ", "
          + Text.count(done(progress)) + " of " + Text.count(progress.totalTasks()) + " objects done)."), List.of());
    }
    if ("FAILED".equals(outcome) || ("SUCCEEDED".equals(outcome) && failed > 0)) {
      StringBuilder why = new StringBuilder(job).append(" ended with outcome ").append(outcome)
          .append(" (S3 status ").append(Text.or(progress.jobStatus())).append(") and ").append(plural(failed, "failed object"));
      if (b.report() != null && !b.report().failedTasksByErrorCode().isEmpty()) {
        why.append(": ").append(b.report().failedTasksByErrorCode().entrySet().stream().limit(MAX_NAMED)
            .map(e -> e.getKey() + " " + Text.count(e.getValue())).collect(Collectors.joining(", ")));
      }
      if (!progress.failureReasons().isEmpty()) {
        why.append("; the job failed because ").append(progress.failureReasons().stream()
            .map(r -> Text.or(r.code()) + ": " + Text.or(r.reason())).collect(Collectors.joining("; ")));
      }
      return new Finding(Status.NOT_PASSED, List.of(why.toString()), List.of());
    }
    if ("SUCCEEDED".equals(outcome)) {
      if (progress.failedTasks() == null) {
        return new Finding(Status.UNKNOWN, List.of(job + " succeeded but does not say how many objects failed (backfill.progress.failedTasks)."), List.of());
      }
      return Finding.passed(List.of());
    }
    return new Finding(Status.UNKNOWN,
        List.of(job + " has outcome " + (outcome == null ? "none" : "\"" + outcome + "\"") + "; only SUCCEEDED with no failed objects counts as done."), List.of());
  }

  private static Long done(BackfillEvidence.Progress p) {
    if (p.succeededTasks() == null && p.failedTasks() == null) {
      return null;
    }
    return Objects.requireNonNullElse(p.succeededTasks(), 0L) + Objects.requireNonNullElse(p.failedTasks(), 0L);
  }

  private static Finding verify(VerifyEvidence v, String title, String expectedScope, String migrationId) {
    List<String> reasons = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Status status = Status.PASSED;
    String differ = Text.count(v.mismatchedObjects()) + " of " + Text.count(v.objectsCompared())
        + " objects differ (tolerance " + Text.count(v.mismatchTolerance()) + ")";
    if (v.passed() == null) {
      status = Status.UNKNOWN;
      reasons.add(title + " does not say whether it passed (passed is not true or false).");
    } else if (!v.passed()) {
      status = Status.NOT_PASSED;
      String categories = v.categories().stream()
          .filter(c -> !VerifyEvidence.NOT_MISMATCHES.contains(c.name()) && c.count() != null && c.count() > 0)
          .map(c -> c.name() + " " + Text.count(c.count()))
          .collect(Collectors.joining(", "));
      reasons.add(title + " did not pass: " + differ + (categories.isEmpty() ? "" : ": " + categories) + ".");
    } else if (v.mismatchedObjects() != null && v.mismatchTolerance() != null && v.mismatchedObjects() > v.mismatchTolerance()) {
      status = Status.NOT_PASSED;
      reasons.add(title + " says it passed, but " + differ + ".");
    } else if (v.mismatchedObjects() != null && v.mismatchedObjects() > 0) {
      notes.add(title + ": " + differ + "; within the tolerance, but they will be served differently.");
    }
    if (Boolean.FALSE.equals(v.complete())) {
      status = status == Status.PASSED ? Status.NOT_PASSED : status;
      reasons.add(title + " stopped after " + Text.count(v.objectsCompared()) + " objects, at \"" + v.resumeAfter()
          + "\", and was not resumed to the end: it has not compared every object.");
    }
    if (v.scope() != null && !v.scope().equals(expectedScope)) {
      status = status == Status.PASSED ? Status.NOT_PASSED : status;
      reasons.add(title + " ran with scope \"" + v.scope() + "\", not \"" + expectedScope + "\""
          + ("listing".equals(expectedScope) ? ": it did not compare every object under the prefix." : "."));
    }
    status = sameMigration(title, v.migrationId(), migrationId, reasons, status);
    Long unverified = v.count("contentUnverified");
    if (unverified != null && unverified > 0) {
      notes.add(title + ": " + plural(unverified, "object") + " could not be proven byte-equal (no checksum both sides share);"
          + " a Batch Operations compute-checksum job can settle them.");
    }
    return new Finding(status, reasons, notes);
  }

  private static Finding generic(GenericEvidence g, String title, String name) {
    if (g.passed() == null) {
      return new Finding(Status.UNKNOWN,
          List.of(title + " does not say whether it passed (" + name + ".passed is not true or false); it cannot count as passed."), List.of());
    }
    return g.passed() ? Finding.passed(List.of()) : new Finding(Status.NOT_PASSED, List.of(title + " did not pass."), List.of());
  }

  private static Status sameMigration(String title, String found, String expected, List<String> reasons, Status status) {
    if (found != null && !found.equals(expected)) {
      reasons.add(title + " is evidence for migration \"" + found + "\", not \"" + expected + "\".");
      return status == Status.PASSED ? Status.NOT_PASSED : status;
    }
    return status;
  }

  private static String named(List<String> checks) {
    if (checks.isEmpty()) {
      return "";
    }
    return " (" + checks.stream().limit(MAX_NAMED).collect(Collectors.joining(", ")) + (checks.size() > MAX_NAMED ? ", …" : "") + ")";
  }

  /** Ends {@code text} with a full stop unless it already ends a sentence. */
  private static String sentence(String text) {
    return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") ? text : text + ".";
  }

  static String plural(long n, String noun) {
    return Text.count(n) + " " + noun + (n == 1 ? "" : "s");
  }
}
