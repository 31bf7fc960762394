package dev.cutover.preflight.port;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param objects the keys on this page, in listing order
 * @param nextToken where the next page starts; {@code null} on the last page
 */
public record ListingPage(List<ListedObject> objects, String nextToken) {

  public ListingPage {
    objects = List.copyOf(objects);
  }
}
