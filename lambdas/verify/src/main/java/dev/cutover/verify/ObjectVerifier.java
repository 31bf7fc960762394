package dev.cutover.verify;

import dev.cutover.verify.ObjectComparison.Content;
import dev.cutover.verify.ObjectComparison.Difference;
import dev.cutover.verify.port.ObjectHead;
import dev.cutover.verify.port.ObjectStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;

/**
 * Compares one key on blue with its counterpart on green: HEAD on both with checksum mode, tags
 * when the plan compares them, every call retried on throttling; the two sides are read at the
 * same time. Shared by the step (listing
 * diff, given keys) and the Batch Operations task handler.
 */
final class ObjectVerifier {

  /**
   * The outcome for one key.
   *
   * @param onSource whether blue has the key
   * @param onTarget whether green has it
   * @param finding what differs or is unproven; {@code null} when green provably equals blue
   * @param contentBasis what proved the bytes equal ({@code CRC32 FULL_OBJECT}, {@code ETag}…);
   *     {@code null} when nothing did
   */
  record Verdict(boolean onSource, boolean onTarget, Finding finding, String contentBasis) {}

  private final ObjectStore source;
  private final ObjectStore target;
  private final Set<String> fields;
  private final Retrier retrier;

  ObjectVerifier(ObjectStore source, ObjectStore target, Set<String> fields, Retrier retrier) {
    this.source = source;
    this.target = target;
    this.fields = Set.copyOf(fields);
    this.retrier = retrier;
  }

  /** One side's view of a key: its HEAD, and its tags when the plan compares them. */
  private record SideRead(Optional<ObjectHead> head, Map<String, String> tags) {}

  /**
   * Compares {@code key} on blue with the same key on green. Green's calls run while blue's do, so
   * a key costs the round trips of one side, not of both.
   */
  Verdict verify(String key) {
    Future<SideRead> green = Async.start(() -> read(target, key));
    SideRead blue;
    try {
      blue = read(source, key);
    } catch (RuntimeException e) {
      green.cancel(true);
      throw e;
    }
    SideRead greenRead = Async.join(green, "green's side of " + key);
    Optional<ObjectHead> s = blue.head();
    Optional<ObjectHead> t = greenRead.head();
    Map<String, String> sourceTags = blue.tags();
    Map<String, String> targetTags = greenRead.tags();
    if (s.isEmpty() && t.isEmpty()) {
      return new Verdict(false, false, null, null);
    }
    if (t.isEmpty()) {
      return new Verdict(true, false, absent(key, Category.MISSING_ON_TARGET, s.get().size(), true), null);
    }
    if (s.isEmpty()) {
      return new Verdict(false, true, absent(key, Category.EXTRA_ON_TARGET, t.get().size(), false), null);
    }
    ObjectComparison.Result result = ObjectComparison.compare(s.get(), t.get(), sourceTags, targetTags, fields);
    Set<Category> categories = EnumSet.noneOf(Category.class);
    if (result.sizeDiffers()) {
      categories.add(Category.SIZE_DIFFERS);
    } else if (result.content() == Content.DIFFERS) {
      categories.add(Category.CHECKSUM_DIFFERS);
    } else if (result.content() == Content.UNVERIFIED) {
      categories.add(Category.CONTENT_UNVERIFIED);
    }
    if (!result.metadataDifferences().isEmpty()) {
      categories.add(Category.METADATA_DIFFERS);
    }
    if (categories.isEmpty()) {
      return new Verdict(true, true, null, result.contentBasis());
    }
    List<String> names = new ArrayList<>();
    Map<String, String> sourceValues = new TreeMap<>();
    Map<String, String> targetValues = new TreeMap<>();
    for (Difference d : result.differences()) {
      names.add(d.field());
      if (d.source() != null) {
        sourceValues.put(d.field(), d.source());
      }
      if (d.target() != null) {
        targetValues.put(d.field(), d.target());
      }
    }
    Finding finding =
        new Finding(key, List.copyOf(categories), names, sourceValues, targetValues);
    return new Verdict(true, true, finding, result.contentBasis());
  }

  /** A finding for a key that only one side has, carrying the size the other side lacks. */
  static Finding absent(String key, Category category, long size, boolean onSource) {
    Map<String, String> present = Map.of("size", Long.toString(size));
    return new Finding(key, List.of(category), List.of(), onSource ? present : Map.of(), onSource ? Map.of() : present);
  }

  private SideRead read(ObjectStore store, String key) {
    Optional<ObjectHead> head = head(store, key);
    if (head.isEmpty() || !fields.contains(ObjectComparison.TAGS)) {
      return new SideRead(head, Map.of());
    }
    // A key deleted between HEAD and GetObjectTagging counts as absent on that side.
    Optional<Map<String, String>> tags = tags(store, key);
    return tags.isPresent() ? new SideRead(head, tags.get()) : new SideRead(Optional.empty(), Map.of());
  }

  private Optional<ObjectHead> head(ObjectStore store, String key) {
    return retrier.call("HeadObject s3://" + store.bucket() + "/" + key, () -> store.head(key));
  }

  private Optional<Map<String, String>> tags(ObjectStore store, String key) {
    return retrier.call("GetObjectTagging s3://" + store.bucket() + "/" + key, () -> store.tags(key));
  }
}
