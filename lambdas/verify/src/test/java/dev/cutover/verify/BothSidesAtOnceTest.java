package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plan.PlanDefaults;
import dev.cutover.verify.port.ListingPage;
import dev.cutover.verify.port.ObjectHead;
import dev.cutover.verify.port.ObjectStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Blue and green are read at the same time: a key costs one side's round trips, and a listing's
 * next page is requested while the current one is merged.
 */
class BothSidesAtOnceTest {

  /** A bucket whose calls wait at a gate until the other bucket has been called too. */
  private static final class Gated implements ObjectStore {
    private final MemoryStore store;
    private final CountDownLatch mine;
    private final CountDownLatch theirs;

    Gated(MemoryStore store, CountDownLatch mine, CountDownLatch theirs) {
      this.store = store;
      this.mine = mine;
      this.theirs = theirs;
    }

    private void meet() {
      mine.countDown();
      try {
        // Only a guard against hanging forever: read one after the other, the two never meet.
        if (!theirs.await(10, TimeUnit.SECONDS)) {
          throw new AssertionError(store.bucket() + " was read while the other side waited");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    @Override
    public String bucket() {
      return store.bucket();
    }

    @Override
    public ListingPage list(String prefix, String startAfter, String continuationToken) {
      return store.list(prefix, startAfter, continuationToken);
    }

    @Override
    public Optional<ObjectHead> head(String key) {
      meet();
      return store.head(key);
    }

    @Override
    public Optional<Map<String, String>> tags(String key) {
      return store.tags(key);
    }
  }

  @Test
  void a_keys_head_on_green_is_sent_while_blues_is_still_waiting() {
    CountDownLatch blueCalled = new CountDownLatch(1);
    CountDownLatch greenCalled = new CountDownLatch(1);
    ObjectStore blue = new Gated(MemoryStore.s3("blue", 10).put("k/a.css", "a"), blueCalled, greenCalled);
    ObjectStore green = new Gated(MemoryStore.s3("green", 10).put("k/a.css", "a"), greenCalled, blueCalled);
    ObjectVerifier verifier =
        new ObjectVerifier(blue, green, Set.copyOf(PlanDefaults.METADATA_FIELDS), new Retrier(Backoff.DEFAULT, d -> {}));

    ObjectVerifier.Verdict verdict = verifier.verify("k/a.css");

    assertThat(verdict.onSource()).isTrue();
    assertThat(verdict.onTarget()).isTrue();
    assertThat(verdict.finding()).isNull();
  }

  @Test
  void the_next_page_is_requested_before_the_merge_asks_for_it() throws Exception {
    MemoryStore blue = MemoryStore.s3("blue", 10);
    for (int i = 0; i < 25; i++) {
      blue.put(String.format("k/%02d.css", i), "x");
    }
    PagedListing listing = new PagedListing(blue, "k/", new Retrier(Backoff.DEFAULT, d -> {}));

    listing.next();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (blue.pagesListed.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    assertThat(blue.pagesListed.get()).as("pages requested after taking the first key").isEqualTo(2);
  }
}
