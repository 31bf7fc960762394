package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.plan.PlanDefaults;
import dev.cutover.verify.port.ListedObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import dev.cutover.verify.port.Progress;
import org.junit.jupiter.api.Test;

/** The listing merge on buckets in memory: S3's key order, page-at-a-time reading, progress. */
class VerifyStepTest {

  private static final String EMOJI_KEY = "k/\uD83D\uDE00.css";
  private static final String PRIVATE_USE_KEY = "k/\uE000.css";

  @Test
  void supplementary_and_high_bmp_keys_listed_in_s3_order_pair_up_and_nothing_is_reported() {
    MemoryStore blue = MemoryStore.s3("blue", 1).put(EMOJI_KEY, "a").put(PRIVATE_USE_KEY, "b").put("k/z.css", "c");
    MemoryStore green = MemoryStore.s3("green", 1).put(EMOJI_KEY, "a").put(PRIVATE_USE_KEY, "b").put("k/z.css", "c");

    VerifyResult result = run(blue, green, Progress.NONE);

    assertThat(result.objectsCompared()).isEqualTo(3);
    assertThat(result.mismatchedObjects()).isZero();
    assertThat(result.counts().values()).containsOnly(0L);
  }

  @Test
  void a_key_only_on_one_side_between_the_two_unicode_keys_is_found_where_it_is() {
    MemoryStore blue = MemoryStore.s3("blue", 2).put(PRIVATE_USE_KEY, "b").put("k/\uF000.css", "x").put(EMOJI_KEY, "a");
    MemoryStore green = MemoryStore.s3("green", 2).put(PRIVATE_USE_KEY, "b").put(EMOJI_KEY, "a").put("k/\uD83D\uDE01.css", "y");

    VerifyResult result = run(blue, green, Progress.NONE);

    assertThat(result.examples().get("missingOnTarget")).extracting(Example::key).containsExactly("k/\uF000.css");
    assertThat(result.examples().get("extraOnTarget")).extracting(Example::key).containsExactly("k/\uD83D\uDE01.css");
    assertThat(result.mismatchedObjects()).isEqualTo(2);
  }

  @Test
  void listings_are_read_a_page_at_a_time_as_the_merge_needs_them() {
    MemoryStore blue = MemoryStore.s3("blue", 10);
    MemoryStore green = MemoryStore.s3("green", 10);
    for (int i = 0; i < 500; i++) {
      blue.put(String.format("k/%04d.css", i), "x");
      green.put(String.format("k/%04d.css", i), "x");
    }
    Retrier retrier = new Retrier(Backoff.DEFAULT, d -> {});
    List<int[]> pagesAtVisit = new ArrayList<>();

    ListingMerge.merge(
        new PagedListing(blue, "k/", retrier),
        new PagedListing(green, "k/", retrier),
        new ListingMerge.Visitor() {
          @Override
          public void onlySource(ListedObject source) {
            throw new AssertionError("only on blue: " + source);
          }

          @Override
          public void onlyTarget(ListedObject target) {
            throw new AssertionError("only on green: " + target);
          }

          @Override
          public void both(ListedObject source, ListedObject target) {
            pagesAtVisit.add(new int[] {blue.pagesListed.get(), green.pagesListed.get()});
          }
        });

    assertThat(pagesAtVisit).hasSize(500);
    for (int visit = 0; visit < pagesAtVisit.size(); visit++) {
      int pagesNeeded = visit / 10 + 1;
      // The listing requests the page after the one it is on, and the merge holds the next key of
      // each side, which may be the first of that page: at most two pages ahead, never the rest.
      assertThat(pagesAtVisit.get(visit)[0]).as("blue pages at key %d", visit).isBetween(pagesNeeded, pagesNeeded + 2);
      assertThat(pagesAtVisit.get(visit)[1]).as("green pages at key %d", visit).isBetween(pagesNeeded, pagesNeeded + 2);
    }
  }

  @Test
  void progress_counts_every_object_once_up_to_the_total() {
    MemoryStore blue = MemoryStore.s3("blue", 7);
    MemoryStore green = MemoryStore.s3("green", 7);
    for (int i = 0; i < 60; i++) {
      blue.put("k/" + i, "x");
      if (i % 3 != 0) {
        green.put("k/" + i, "x");
      }
    }
    List<Long> seen = Collections.synchronizedList(new ArrayList<>());

    VerifyResult result = run(blue, green, seen::add);

    assertThat(seen).hasSize(60).doesNotHaveDuplicates();
    assertThat(seen.stream().max(Comparator.naturalOrder())).contains(60L);
    assertThat(result.objectsCompared()).isEqualTo(60);
  }

  @Test
  void a_listing_out_of_utf8_order_stops_the_run_instead_of_misclassifying() {
    Comparator<String> javaOrder = Comparator.naturalOrder();
    MemoryStore blue = new MemoryStore("blue", javaOrder, 10).put(EMOJI_KEY, "a").put(PRIVATE_USE_KEY, "b");
    MemoryStore green = new MemoryStore("green", javaOrder, 10).put(EMOJI_KEY, "a").put(PRIVATE_USE_KEY, "b");
    MemoryReports reports = new MemoryReports();

    assertThatThrownBy(() -> run(blue, green, reports, Progress.NONE))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("s3://blue/k/")
        .hasMessageContaining("not in UTF-8 binary order");
    assertThat(reports.objects).isEmpty();
  }

  private static VerifyResult run(MemoryStore blue, MemoryStore green, Progress progress) {
    return run(blue, green, new MemoryReports(), progress);
  }

  private static VerifyResult run(MemoryStore blue, MemoryStore green, MemoryReports reports, Progress progress) {
    VerifyJob job =
        new VerifyJob("m-1", blue, green, "k/", Set.copyOf(PlanDefaults.METADATA_FIELDS), 0, reports, "report.jsonl", null);
    return new VerifyStep(Verification.SETTINGS, d -> {}).run(job, progress);
  }
}
