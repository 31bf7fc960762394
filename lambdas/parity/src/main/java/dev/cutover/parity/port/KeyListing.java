package dev.cutover.parity.port;

import java.util.List;

/** Keys of a bucket, for probing when the workflow gives none. */
public interface KeyListing {

  /** The first keys under {@code prefix} in S3's order, at most {@code max} (one listing page). */
  List<String> firstKeys(String prefix, int max);
}
