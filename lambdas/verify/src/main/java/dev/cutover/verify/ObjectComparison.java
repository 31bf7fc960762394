package dev.cutover.verify;

import dev.cutover.verify.port.ObjectHead;
import dev.cutover.verify.port.StoredChecksum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares what HEAD (and GetObjectTagging) say about one object on blue and on green. Pure: no
 * I/O, so every rule is unit-tested on its own.
 *
 * <p>Content: equal sizes are necessary, not sufficient. The bytes count as proven equal when
 * both sides carry a full-object checksum of the same algorithm and the values agree (a
 * different value proves different bytes); or a composite checksum of the same algorithm with the
 * same value (same parts, same bytes; a different composite value may only mean a different part
 * layout); or, failing checksums, equal ETags where the ETag is the MD5 of the content: single
 * part, not SSE-KMS or SSE-C. Anything else is {@link Content#UNVERIFIED}.
 */
final class ObjectComparison {

  /** The plan's metadata fields that HEAD returns as headers, in the order they are reported. */
  static final List<String> HEADER_FIELDS =
      List.of(
          "Content-Type",
          "Cache-Control",
          "Content-Encoding",
          "Content-Disposition",
          "Content-Language",
          "Expires",
          "website-redirect",
          "storage-class");

  static final String USER_METADATA = "x-amz-meta-*";
  static final String TAGS = "tags";

  private static final String USER_METADATA_PREFIX = "x-amz-meta-";
  private static final Set<String> KMS_ENCRYPTION = Set.of("aws:kms", "aws:kms:dsse");

  /** What the bytes comparison concluded. */
  enum Content {
    EQUAL,
    DIFFERS,
    UNVERIFIED
  }

  /** One field whose values differ; {@code null} stands for "not set". */
  record Difference(String field, String source, String target) {}

  /**
   * The outcome for one object.
   *
   * @param sizeDiffers whether the sizes differ (the bytes then differ; no checksum is compared)
   * @param content what the bytes comparison concluded
   * @param contentBasis what proved or disproved equal bytes, e.g. {@code CRC32 FULL_OBJECT} or
   *     {@code ETag}; {@code null} when unverified
   * @param differences size, checksum and metadata fields that differ
   */
  record Result(boolean sizeDiffers, Content content, String contentBasis, List<Difference> differences) {

    List<Difference> metadataDifferences() {
      return differences.stream()
          .filter(d -> !d.field().equals("size") && !d.field().equals("checksum"))
          .toList();
    }
  }

  private ObjectComparison() {}

  /**
   * Compares two objects.
   *
   * @param fields the plan's {@code validation.metadataFields}
   * @param sourceTags blue's tags; only read when {@code fields} has {@code tags}
   * @param targetTags green's tags; only read when {@code fields} has {@code tags}
   */
  static Result compare(
      ObjectHead source,
      ObjectHead target,
      Map<String, String> sourceTags,
      Map<String, String> targetTags,
      Set<String> fields) {
    List<Difference> differences = new ArrayList<>();
    boolean sizeDiffers = source.size() != target.size();
    Content content;
    String basis = null;
    if (sizeDiffers) {
      differences.add(new Difference("size", Long.toString(source.size()), Long.toString(target.size())));
      content = Content.DIFFERS;
    } else {
      ContentCheck check = content(source, target);
      content = check.content();
      basis = check.basis();
      if (content == Content.DIFFERS) {
        differences.add(new Difference("checksum", check.sourceValue(), check.targetValue()));
      }
    }
    for (String field : HEADER_FIELDS) {
      if (fields.contains(field)) {
        differ(field, source.headers().get(field), target.headers().get(field), differences);
      }
    }
    if (fields.contains(USER_METADATA)) {
      Set<String> names = new TreeSet<>(source.userMetadata().keySet());
      names.addAll(target.userMetadata().keySet());
      for (String name : names) {
        differ(USER_METADATA_PREFIX + name, source.userMetadata().get(name), target.userMetadata().get(name), differences);
      }
    }
    if (fields.contains(TAGS) && !sourceTags.equals(targetTags)) {
      differences.add(new Difference(TAGS, tags(sourceTags), tags(targetTags)));
    }
    return new Result(sizeDiffers, content, basis, List.copyOf(differences));
  }

  private record ContentCheck(Content content, String basis, String sourceValue, String targetValue) {}

  private static ContentCheck content(ObjectHead source, ObjectHead target) {
    StoredChecksum s = source.checksum();
    StoredChecksum t = target.checksum();
    if (s != null && t != null && s.algorithm().equals(t.algorithm())) {
      if (s.fullObject() && t.fullObject()) {
        String basis = s.algorithm() + " FULL_OBJECT";
        return new ContentCheck(
            s.value().equals(t.value()) ? Content.EQUAL : Content.DIFFERS,
            basis,
            basis + " " + s.value(),
            basis + " " + t.value());
      }
      if (!s.fullObject() && !t.fullObject() && s.value().equals(t.value())) {
        return new ContentCheck(Content.EQUAL, s.algorithm() + " COMPOSITE", null, null);
      }
    }
    if (eTagIsContentHash(source) && eTagIsContentHash(target)) {
      return new ContentCheck(
          source.eTag().equals(target.eTag()) ? Content.EQUAL : Content.DIFFERS,
          "ETag",
          "ETag " + source.eTag(),
          "ETag " + target.eTag());
    }
    return new ContentCheck(Content.UNVERIFIED, null, null, null);
  }

  /** A single-part upload's ETag is the MD5 of its bytes unless SSE-KMS or SSE-C encrypted it. */
  private static boolean eTagIsContentHash(ObjectHead head) {
    return head.eTag() != null
        && !head.eTag().contains("-")
        && !head.customerKey()
        && (head.serverSideEncryption() == null || !KMS_ENCRYPTION.contains(head.serverSideEncryption()));
  }

  private static void differ(String field, String source, String target, List<Difference> out) {
    if (!Objects.equals(source, target)) {
      out.add(new Difference(field, source, target));
    }
  }

  /** Tags as one readable value, {@code key=value&key=value} sorted by key; empty for none. */
  private static String tags(Map<String, String> tags) {
    return new TreeMap<>(tags)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("&"));
  }
}
