package dev.cutover.verify;

import dev.cutover.verify.port.ListedObject;
import java.util.Iterator;

/**
 * Walks two key-ordered listings side by side, like the merge step of a merge sort, so that
 * comparing millions of keys needs memory for two pages, never for a whole listing.
 */
final class ListingMerge {

  /** What the merge found for each key. */
  interface Visitor {
    void onlySource(ListedObject source);

    void onlyTarget(ListedObject target);

    void both(ListedObject source, ListedObject target);
  }

  private ListingMerge() {}

  /** Visits every key of both listings once, in UTF-8 binary order. */
  static void merge(Iterator<ListedObject> source, Iterator<ListedObject> target, Visitor visitor) {
    ListedObject s = source.hasNext() ? source.next() : null;
    ListedObject t = target.hasNext() ? target.next() : null;
    while (s != null || t != null) {
      int order = s == null ? 1 : t == null ? -1 : Utf8Order.compare(s.key(), t.key());
      if (order < 0) {
        visitor.onlySource(s);
        s = source.hasNext() ? source.next() : null;
      } else if (order > 0) {
        visitor.onlyTarget(t);
        t = target.hasNext() ? target.next() : null;
      } else {
        visitor.both(s, t);
        s = source.hasNext() ? source.next() : null;
        t = target.hasNext() ? target.next() : null;
      }
    }
  }
}
