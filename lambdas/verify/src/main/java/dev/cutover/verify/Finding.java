package dev.cutover.verify;

import java.util.List;
import java.util.Map;

/**
 * One object that is not provably equal on both sides: a line of the report.
 *
 * @param key the object's key, the same on both sides (replication keeps keys)
 * @param categories every way it differs, in {@link Category} order
 * @param fields the differing fields: {@code size}, {@code checksum}, {@code Content-Type}, {@code
 *     x-amz-meta-owner}, {@code tags}, {@code storage-class}…
 * @param source blue's values of those fields (or its size when green lacks the object)
 * @param target green's values of those fields (or its size when blue lacks the object)
 */
record Finding(
    String key,
    List<Category> categories,
    List<String> fields,
    Map<String, String> source,
    Map<String, String> target) {

  Finding {
    categories = List.copyOf(categories);
    fields = List.copyOf(fields);
  }

  boolean mismatch() {
    return categories.stream().anyMatch(Category::mismatch);
  }
}
