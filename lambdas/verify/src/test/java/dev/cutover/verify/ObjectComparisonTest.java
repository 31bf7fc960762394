package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plan.PlanDefaults;
import dev.cutover.verify.ObjectComparison.Content;
import dev.cutover.verify.ObjectComparison.Difference;
import dev.cutover.verify.ObjectComparison.Result;
import dev.cutover.verify.port.ObjectHead;
import dev.cutover.verify.port.StoredChecksum;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectComparisonTest {

  private static final Set<String> ALL = Set.copyOf(PlanDefaults.METADATA_FIELDS);
  private static final String MD5_A = "\"0cc175b9c0f1b6a831c399e269772661\"";
  private static final String MD5_B = "\"92eb5ffee6ae2fec3ad71c777531578f\"";

  @Test
  void equal_full_object_checksums_prove_equal_bytes() {
    Result r = compare(head().checksum(crc32("AAAA", true)), head().checksum(crc32("AAAA", true)));

    assertThat(r.content()).isEqualTo(Content.EQUAL);
    assertThat(r.contentBasis()).isEqualTo("CRC32 FULL_OBJECT");
    assertThat(r.differences()).isEmpty();
  }

  @Test
  void different_full_object_checksums_prove_different_bytes_even_when_the_etags_agree() {
    Result r = compare(head().eTag(MD5_A).checksum(crc32("AAAA", true)), head().eTag(MD5_A).checksum(crc32("BBBB", true)));

    assertThat(r.content()).isEqualTo(Content.DIFFERS);
    assertThat(r.differences()).containsExactly(new Difference("checksum", "CRC32 FULL_OBJECT AAAA", "CRC32 FULL_OBJECT BBBB"));
  }

  @Test
  void checksums_of_different_algorithms_fall_back_to_the_single_part_etag() {
    Result r =
        compare(
            head().eTag(MD5_A).checksum(crc32("AAAA", true)),
            head().eTag(MD5_B).checksum(new StoredChecksum("CRC64NVME", "CCCC", true)));

    assertThat(r.content()).isEqualTo(Content.DIFFERS);
    assertThat(r.contentBasis()).isEqualTo("ETag");
  }

  @Test
  void equal_composite_checksums_prove_equal_bytes_but_different_ones_prove_nothing() {
    Result same = compare(head().eTag("\"abc-2\"").checksum(crc32("AAAA-2", false)), head().eTag("\"abc-2\"").checksum(crc32("AAAA-2", false)));
    Result other = compare(head().eTag("\"abc-2\"").checksum(crc32("AAAA-2", false)), head().eTag("\"def-3\"").checksum(crc32("BBBB-3", false)));

    assertThat(same.content()).isEqualTo(Content.EQUAL);
    assertThat(same.contentBasis()).isEqualTo("CRC32 COMPOSITE");
    assertThat(other.content()).isEqualTo(Content.UNVERIFIED);
    assertThat(other.differences()).isEmpty();
  }

  @Test
  void multipart_etags_are_not_content_hashes() {
    Result r = compare(head().eTag("\"abc-2\""), head().eTag("\"def-2\""));

    assertThat(r.content()).isEqualTo(Content.UNVERIFIED);
    assertThat(r.differences()).isEmpty();
  }

  @Test
  void sse_kms_and_sse_c_etags_are_not_content_hashes() {
    Result kms = compare(head().eTag(MD5_A).encryption("aws:kms"), head().eTag(MD5_B).encryption("aws:kms"));
    Result dsse = compare(head().eTag(MD5_A), head().eTag(MD5_B).encryption("aws:kms:dsse"));
    Result customer = compare(head().eTag(MD5_A).customerKey(), head().eTag(MD5_A));
    Result sseS3 = compare(head().eTag(MD5_A).encryption("AES256"), head().eTag(MD5_B).encryption("AES256"));

    assertThat(kms.content()).isEqualTo(Content.UNVERIFIED);
    assertThat(dsse.content()).isEqualTo(Content.UNVERIFIED);
    assertThat(customer.content()).isEqualTo(Content.UNVERIFIED);
    assertThat(sseS3.content()).isEqualTo(Content.DIFFERS);
  }

  @Test
  void a_size_difference_is_reported_as_size_without_a_checksum_difference() {
    Result r = compare(head().size(10).checksum(crc32("AAAA", true)), head().size(12).checksum(crc32("BBBB", true)));

    assertThat(r.sizeDiffers()).isTrue();
    assertThat(r.differences()).containsExactly(new Difference("size", "10", "12"));
  }

  @Test
  void website_redirect_and_every_header_field_are_compared_by_their_plan_names() {
    for (String field : ObjectComparison.HEADER_FIELDS) {
      Result r = compare(head().header(field, "blue"), head().header(field, "green"));

      assertThat(r.differences()).as(field).containsExactly(new Difference(field, "blue", "green"));
    }
  }

  @Test
  void a_header_set_on_one_side_only_differs_from_not_set() {
    Result r = compare(head(), head().header("website-redirect", "/new-home"));

    assertThat(r.differences()).containsExactly(new Difference("website-redirect", null, "/new-home"));
  }

  @Test
  void user_metadata_is_reported_per_name() {
    Result r = compare(head().meta("owner", "web").meta("build", "1"), head().meta("owner", "web").meta("build", "2").meta("extra", "x"));

    assertThat(r.differences())
        .containsExactly(new Difference("x-amz-meta-build", "1", "2"), new Difference("x-amz-meta-extra", null, "x"));
  }

  @Test
  void tags_are_compared_as_a_set() {
    Result same = ObjectComparison.compare(head().build(), head().build(), Map.of("a", "1", "b", "2"), Map.of("b", "2", "a", "1"), ALL);
    Result other = ObjectComparison.compare(head().build(), head().build(), Map.of("a", "1"), Map.of("a", "1", "b", "2"), ALL);

    assertThat(same.differences()).isEmpty();
    assertThat(other.differences()).containsExactly(new Difference("tags", "a=1", "a=1&b=2"));
  }

  @Test
  void fields_the_plan_leaves_out_are_not_compared() {
    Set<String> onlyContentType = Set.of("Content-Type");
    Result r =
        ObjectComparison.compare(
            head().header("Cache-Control", "a").meta("x", "1").build(),
            head().header("Cache-Control", "b").meta("x", "2").build(),
            Map.of("t", "1"),
            Map.of("t", "2"),
            onlyContentType);

    assertThat(r.differences()).isEmpty();
  }

  private static Result compare(HeadBuilder source, HeadBuilder target) {
    return ObjectComparison.compare(source.build(), target.build(), Map.of(), Map.of(), ALL);
  }

  private static StoredChecksum crc32(String value, boolean fullObject) {
    return new StoredChecksum("CRC32", value, fullObject);
  }

  private static HeadBuilder head() {
    return new HeadBuilder();
  }

  /** An ObjectHead with one thing at a time changed. */
  private static final class HeadBuilder {
    private long size = 3;
    private String eTag;
    private StoredChecksum checksum;
    private String encryption;
    private boolean customerKey;
    private final Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "text/css", "storage-class", "STANDARD"));
    private final Map<String, String> metadata = new HashMap<>();

    HeadBuilder size(long value) {
      size = value;
      return this;
    }

    HeadBuilder eTag(String value) {
      eTag = value;
      return this;
    }

    HeadBuilder checksum(StoredChecksum value) {
      checksum = value;
      return this;
    }

    HeadBuilder encryption(String value) {
      encryption = value;
      return this;
    }

    HeadBuilder customerKey() {
      customerKey = true;
      return this;
    }

    HeadBuilder header(String field, String value) {
      headers.put(field, value);
      return this;
    }

    HeadBuilder meta(String name, String value) {
      metadata.put(name, value);
      return this;
    }

    ObjectHead build() {
      return new ObjectHead(size, eTag, checksum, encryption, customerKey, headers, metadata);
    }
  }
}
