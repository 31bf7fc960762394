package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3KeyOrderTest {

  private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, a surrogate pair in UTF-16
  private static final String PRIVATE_USE = "\uE000"; // U+E000, one UTF-16 unit above the surrogates

  @Test
  void a_bmp_character_above_the_surrogates_sorts_before_a_supplementary_one_as_in_s3() {
    assertThat(S3KeyOrder.compare(PRIVATE_USE, EMOJI)).isNegative();
    assertThat(S3KeyOrder.compare(EMOJI, PRIVATE_USE)).isPositive();
    // Java's own order disagrees, which is why the merge cannot use it.
    assertThat(PRIVATE_USE.compareTo(EMOJI)).isPositive();
  }

  @Test
  void the_order_is_the_order_of_the_keys_utf8_bytes() {
    List<String> keys =
        List.of("", "a", "a/", "a/b", "ab", "A", "café", "cafe", "ü", "\uFFFD", PRIVATE_USE, EMOJI,
            EMOJI + "a", "with space", "a+b", "100%", "\u0001", "\uD800\uDC00");
    for (String a : keys) {
      for (String b : keys) {
        int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        assertThat(Integer.signum(S3KeyOrder.compare(a, b))).as("%s vs %s", a, b).isEqualTo(Integer.signum(bytes));
      }
    }
  }
}
