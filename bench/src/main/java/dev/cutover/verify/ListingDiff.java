package dev.cutover.verify;

import dev.cutover.verify.ObjectVerifier.Verdict;
import dev.cutover.verify.port.ListedObject;
import dev.cutover.verify.port.ObjectStore;
import dev.cutover.verify.port.Progress;
import dev.cutover.verify.port.ReportStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The listing half of {@link VerifyStep} in listing mode, on its own: both listings streamed
 * through {@link PagedListing} and {@link ListingMerge}, every key on one side only and every
 * size difference recorded as the step records it ({@link Tally}, {@link FindingsReport}). Pairs
 * of equal size are counted instead of being handed to the per-object comparison, which the
 * benchmark measures separately. This is what {@code rclone check} does from listings alone.
 *
 * <p>The visitor mirrors {@code VerifyStep.diffListings}; keep the two in step.
 */
final class ListingDiff {

  /**
   * What one diff found.
   *
   * @param keys keys on either side
   * @param sameSize keys on both sides with equal sizes: what the per-object comparison would get
   * @param missing keys only on the source, when kept
   * @param extra keys only on the target, when kept
   * @param sizeDiffers keys on both sides with different sizes, when kept
   */
  record Outcome(
      long keys,
      long sourceObjects,
      long targetObjects,
      long sameSize,
      long missingCount,
      long extraCount,
      long sizeDiffersCount,
      List<String> missing,
      List<String> extra,
      List<String> sizeDiffers) {}

  private ListingDiff() {}

  /**
   * Diffs {@code source} against {@code target} under the empty prefix.
   *
   * @param keepKeys whether to return the differing keys (the S3 benchmark checks them against
   *     rclone's); the 1 M memory run keeps only counts, so what it measures is ours alone
   */
  static Outcome run(ObjectStore source, ObjectStore target, ReportStore reports, String reportKey, boolean keepKeys) {
    Retrier retrier = new Retrier(Backoff.DEFAULT, Retrier.Sleeper.REAL);
    Tally tally = new Tally(VerifySettings.DEFAULT.examplesPerCategory(), Progress.NONE);
    FindingsReport report =
        new FindingsReport(reports, reportKey, VerifySettings.DEFAULT.reportPartSize(), retrier);
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    List<String> sizeDiffers = new ArrayList<>();
    long[] sameSize = {0};
    ListingMerge.merge(
        new PagedListing(source, "", retrier),
        new PagedListing(target, "", retrier),
        new ListingMerge.Visitor() {
          @Override
          public void onlySource(ListedObject s) {
            Finding f = ObjectVerifier.absent(s.key(), Category.MISSING_ON_TARGET, s.size(), true);
            record(new Verdict(true, false, f, null), tally, report);
            if (keepKeys) {
              missing.add(s.key());
            }
          }

          @Override
          public void onlyTarget(ListedObject t) {
            Finding f = ObjectVerifier.absent(t.key(), Category.EXTRA_ON_TARGET, t.size(), false);
            record(new Verdict(false, true, f, null), tally, report);
            if (keepKeys) {
              extra.add(t.key());
            }
          }

          @Override
          public void both(ListedObject s, ListedObject t) {
            if (s.size() != t.size()) {
              Finding f =
                  new Finding(
                      s.key(),
                      List.of(Category.SIZE_DIFFERS),
                      List.of("size"),
                      Map.of("size", Long.toString(s.size())),
                      Map.of("size", Long.toString(t.size())));
              record(new Verdict(true, true, f, null), tally, report);
              if (keepKeys) {
                sizeDiffers.add(s.key());
              }
            } else {
              sameSize[0]++;
            }
          }
        });
    report.finish();
    Map<String, Long> counts = tally.counts();
    return new Outcome(
        tally.compared() + sameSize[0],
        tally.sourceObjects() + sameSize[0],
        tally.targetObjects() + sameSize[0],
        sameSize[0],
        counts.get(Category.MISSING_ON_TARGET.jsonName()),
        counts.get(Category.EXTRA_ON_TARGET.jsonName()),
        counts.get(Category.SIZE_DIFFERS.jsonName()),
        List.copyOf(missing),
        List.copyOf(extra),
        List.copyOf(sizeDiffers));
  }

  private static void record(Verdict verdict, Tally tally, FindingsReport report) {
    if (verdict.finding() != null) {
      report.add(verdict.finding());
    }
    tally.object(verdict.onSource(), verdict.onTarget(), verdict.finding());
  }
}
