package dev.cutover.verify;

import dev.cutover.aws.S3KeyOrder;
import dev.cutover.verify.port.ListedObject;
import java.util.Iterator;
import java.util.function.BooleanSupplier;

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
    merge(source, target, visitor, () -> false);
  }

  /**
   * Visits the keys of both listings in UTF-8 binary order until both are used up or {@code stop}
   * says so; {@code stop} is asked before each key, so every key visited was visited whole (on
   * both sides), and a later merge that starts after the last visited key misses nothing.
   *
   * @return whether every key was visited
   */
  static boolean merge(
      Iterator<ListedObject> source, Iterator<ListedObject> target, Visitor visitor, BooleanSupplier stop) {
    ListedObject s = source.hasNext() ? source.next() : null;
    ListedObject t = target.hasNext() ? target.next() : null;
    while (s != null || t != null) {
      if (stop.getAsBoolean()) {
        return false;
      }
      int order = s == null ? 1 : t == null ? -1 : S3KeyOrder.compare(s.key(), t.key());
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
    return true;
  }
}
