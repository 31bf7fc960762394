package dev.cutover.verify;

import dev.cutover.verify.ObjectVerifier.Verdict;
import dev.cutover.verify.port.ListedObject;
import dev.cutover.verify.port.Progress;
import dev.cutover.verify.port.ReportLocation;
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
    Retrier retrier = new Retrier(settings.backoff(), sleeper);
    Tally tally = new Tally(settings.examplesPerCategory(), progress);
    FindingsReport report = new FindingsReport(job.reports(), job.reportKey(), settings.reportPartSize(), retrier);
    ObjectVerifier verifier = new ObjectVerifier(job.source(), job.target(), job.fields(), retrier);
    try (Workers workers = new Workers(settings.concurrency())) {
      if (job.keys() != null) {
        for (String key : job.keys()) {
          workers.submit(() -> record(verifier.verify(key), tally, report));
        }
      } else {
        diffListings(job, retrier, verifier, workers, tally, report);
      }
      workers.awaitAll();
    } catch (RuntimeException e) {
      report.abort();
      throw e;
    }
    ReportLocation location = report.finish();
    long mismatched = tally.mismatched();
    return new VerifyResult(
        mismatched <= job.mismatchTolerance(),
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
        retrier.retries());
  }

  private static void diffListings(
      VerifyJob job, Retrier retrier, ObjectVerifier verifier, Workers workers, Tally tally, FindingsReport report) {
    String prefix = job.prefix();
    ListingMerge.merge(
        new PagedListing(job.source(), prefix, retrier),
        new PagedListing(job.target(), prefix, retrier),
        new ListingMerge.Visitor() {
          @Override
          public void onlySource(ListedObject s) {
            Finding f = ObjectVerifier.absent(prefix + s.key(), Category.MISSING_ON_TARGET, s.size(), true);
            record(new Verdict(true, false, f, null), tally, report);
          }

          @Override
          public void onlyTarget(ListedObject t) {
            Finding f = ObjectVerifier.absent(prefix + t.key(), Category.EXTRA_ON_TARGET, t.size(), false);
            record(new Verdict(false, true, f, null), tally, report);
          }

          @Override
          public void both(ListedObject s, ListedObject t) {
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
        });
  }

  private static void record(Verdict verdict, Tally tally, FindingsReport report) {
    if (verdict.finding() != null) {
      report.add(verdict.finding());
    }
    tally.object(verdict.onSource(), verdict.onTarget(), verdict.finding());
  }
}
