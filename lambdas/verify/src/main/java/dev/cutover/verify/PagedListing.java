package dev.cutover.verify;

import dev.cutover.aws.S3KeyOrder;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.verify.port.ListedObject;
import dev.cutover.verify.port.ListingPage;
import dev.cutover.verify.port.ObjectStore;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Future;

/**
 * The keys under a prefix as a stream, each key given relative to the prefix: the next page is
 * requested (with retries) as soon as the current one arrives, so listing overlaps the work on
 * the current page and both sides of a merge list at the same time; at most two pages are held.
 *
 * <p>It checks that keys arrive in strictly increasing UTF-8 binary order, as S3 guarantees,
 * because the merge depends on it: a server that lists in another order (S3Mock lists in Java
 * {@code String} order) would otherwise make present objects look missing and extra.
 */
final class PagedListing implements Iterator<ListedObject> {

  private final ObjectStore store;
  private final String prefix;
  private final Retrier retrier;
  private Iterator<ListedObject> page = Collections.emptyIterator();
  /** The next page, already requested while this one is used; {@code null} before the first. */
  private Future<ListingPage> ahead;
  private boolean lastPageSeen;
  private String previousKey;

  private final String startAfter;

  PagedListing(ObjectStore store, String prefix, Retrier retrier) {
    this(store, prefix, null, retrier);
  }

  /**
   * @param startAfter {@code null}, or a key relative to the prefix: only keys after it are listed
   */
  PagedListing(ObjectStore store, String prefix, String startAfter, Retrier retrier) {
    this.store = store;
    this.prefix = prefix;
    this.retrier = retrier;
    this.startAfter = startAfter == null ? null : prefix + startAfter;
    // A key at or before the resume point would break the merge as surely as a key out of order.
    this.previousKey = startAfter;
  }

  @Override
  public boolean hasNext() {
    while (!page.hasNext() && !lastPageSeen) {
      ListingPage fetched = ahead == null ? fetch(null) : Async.join(ahead, "ListObjectsV2 " + store.bucket() + "/" + prefix);
      page = fetched.objects().iterator();
      lastPageSeen = fetched.nextToken() == null;
      // One page ahead, no more: two pages in memory per side however long the listing.
      String token = fetched.nextToken();
      ahead = lastPageSeen ? null : Async.start(() -> fetch(token));
    }
    return page.hasNext();
  }

  private ListingPage fetch(String token) {
    return retrier.call("ListObjectsV2 " + store.bucket() + "/" + prefix, () -> store.list(prefix, startAfter, token));
  }

  @Override
  public ListedObject next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ListedObject listed = page.next();
    if (!listed.key().startsWith(prefix)) {
      throw new PreconditionFailedException(
          "Listing s3://" + store.bucket() + "/" + prefix + " returned \"" + listed.key()
              + "\", which is not under the prefix; the endpoint does not behave like S3.");
    }
    String key = listed.key().substring(prefix.length());
    if (previousKey != null && S3KeyOrder.compare(previousKey, key) >= 0) {
      throw new PreconditionFailedException(
          "Listing s3://" + store.bucket() + "/" + prefix + " returned \"" + prefix + key
              + "\" after \"" + prefix + previousKey + "\": not in UTF-8 binary order, which S3"
              + " guarantees and the comparison relies on. The endpoint does not behave like S3"
              + " (S3Mock, for one, lists in UTF-16 order); nothing was concluded. Verify against"
              + " S3 or an S3 server that lists in UTF-8 order.");
    }
    previousKey = key;
    return new ListedObject(key, listed.size());
  }
}
