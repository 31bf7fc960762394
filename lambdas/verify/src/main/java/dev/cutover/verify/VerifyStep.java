package dev.cutover.verify;

import dev.cutover.verify.ObjectVerifier.Verdict;
import dev.cutover.verify.port.ListedObject;
import dev.cutover.verify.port.Progress;
import dev.cutover.verify.port.ReportLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Proves green equals blue, or says exactly where it does not.
 *
 * <p>Without given keys it streams both listings under the prefix and merges them in UTF-8 key
 * order: a key on one side only is missing or extra, different sizes are a size mismatch, and
 * every pair of equal size is compared object by object (HEAD with checksums, metadata, tags) on
 * a small pool. With given keys it compares just those. Every finding goes to the report as it is
 * found; the result carries counts, bounded examples and the report's location. Reads only:
 * nothing is written to blue or green.
 */
final class VerifyStep {

  private final VerifySettings settings;
  private final Retrier.Sleeper sleeper;

  VerifyStep(VerifySettings settings, Retrier.Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
  }

  VerifyResult run(VerifyJob job, Progress progress) {
    return run(job, progress, Deadline.NONE);
  }

  /**
   * Runs the verification, or, for a listing, as much of it as fits before {@code deadline}: the
   * result then says {@code complete: false} and where to resume.
   */
  VerifyResult run(VerifyJob job, Progress progress, Deadline deadline) {
    Resume prior = job.resume();
    int segment = prior == null ? 1 : prior.segment() + 1;
    Retrier retrier = new Retrier(settings.backoff(), sleeper);
    Tally tally = new Tally(settings.examplesPerCategory(), progress, prior);
    FindingsReport report =
        new FindingsReport(job.reports(), segmentKey(job.reportKey(), segment), settings.reportPartSize(), retrier);
    ObjectVerifier verifier = new ObjectVerifier(job.source(), job.target(), job.fields(), retrier);
    String resumeAfter = null;
    try (Workers workers = new Workers(settings.concurrency())) {
      if (job.keys() != null) {
        for (String key : job.keys()) {
          workers.submit(() -> record(verifier.verify(key), tally, report));
        }
      } else {
        resumeAfter = diffListings(job, retrier, verifier, workers, tally, report, deadline);
      }
      workers.awaitAll();
    } catch (RuntimeException e) {
      report.abort();
      throw e;
    }
    ReportLocation location = report.finish();
    List<ReportLocation> reports = new ArrayList<>(prior == null ? List.of() : prior.reports());
    reports.add(location);
    boolean complete = resumeAfter == null;
    long mismatched = tally.mismatched();
    return new VerifyResult(
        complete && mismatched <= job.mismatchTolerance(),
        complete,
        job.migrationId(),
        job.keys() != null ? "keys" : "listing",
        tally.compared(),
        tally.sourceObjects(),
        tally.targetObjects(),
        mismatched,
        job.mismatchTolerance(),
        tally.counts(),
        tally.examples(),
        location,
        retrier.retries() + (prior == null ? 0 : prior.retries()),
        resumeAfter,
        segment,
        List.copyOf(reports));
  }

  /** The first invocation writes the findings file the step always wrote; later ones number theirs. */
  static String segmentKey(String reportKey, int segment) {
    if (segment == 1) {
      return reportKey;
    }
    int dot = reportKey.lastIndexOf('.');
    int slash = reportKey.lastIndexOf('/');
    String suffix = String.format("-%04d", segment);
    return dot > slash ? reportKey.substring(0, dot) + suffix + reportKey.substring(dot) : reportKey + suffix;
  }

  /**
   * Merges the listings from the resume point on; returns the last key compared when the
   * deadline stopped the merge, {@code null} when every key was.
   */
  private static String diffListings(
      VerifyJob job,
      Retrier retrier,
      ObjectVerifier verifier,
      Workers workers,
      Tally tally,
      FindingsReport report,
      Deadline deadline) {
    String prefix = job.prefix();
    String startAfter = job.resume() == null ? null : job.resume().after().substring(prefix.length());
    String[] last = {null};
    // At least one key per invocation, so a deadline that is near from the start cannot loop forever.
    boolean finished =
        ListingMerge.merge(
            new PagedListing(job.source(), prefix, startAfter, retrier),
            new PagedListing(job.target(), prefix, startAfter, retrier),
            new ListingMerge.Visitor() {
              @Override
              public void onlySource(ListedObject s) {
                last[0] = s.key();
                Finding f = ObjectVerifier.absent(prefix + s.key(), Category.MISSING_ON_TARGET, s.size(), true);
                record(new Verdict(true, false, f, null), tally, report);
              }

              @Override
              public void onlyTarget(ListedObject t) {
                last[0] = t.key();
                Finding f = ObjectVerifier.absent(prefix + t.key(), Category.EXTRA_ON_TARGET, t.size(), false);
                record(new Verdict(false, true, f, null), tally, report);
              }

              @Override
              public void both(ListedObject s, ListedObject t) {
                last[0] = s.key();
                String key = prefix + s.key();
                if (s.size() != t.size()) {
                  Finding f =
                      new Finding(
                          key,
                          List.of(Category.SIZE_DIFFERS),
                          List.of("size"),
                          Map.of("size", Long.toString(s.size())),
                          Map.of("size", Long.toString(t.size())));
                  record(new Verdict(true, true, f, null), tally, report);
                } else {
                  workers.submit(() -> record(verifier.verify(key), tally, report));
                }
              }
            },
            () -> last[0] != null && deadline.nearlyOut());
    return finished ? null : prefix + last[0];
  }

  private static void record(Verdict verdict, Tally tally, FindingsReport report) {
    if (verdict.finding() != null) {
      report.add(verdict.finding());
    }
    tally.object(verdict.onSource(), verdict.onTarget(), verdict.finding());
  }
}
