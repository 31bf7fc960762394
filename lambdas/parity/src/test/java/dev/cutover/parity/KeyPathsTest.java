package dev.cutover.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How keys become request paths, and which listed keys are sampled. */
class KeyPathsTest {

  @Test
  void every_byte_outside_the_unreserved_set_is_percent_encoded_from_utf8() {
    assertThat(KeyPaths.path("static/my file.js", "")).isEqualTo("/static/my%20file.js");
    assertThat(KeyPaths.path("static/a+b.js", "")).isEqualTo("/static/a%2Bb.js");
    assertThat(KeyPaths.path("static/100%.txt", "")).isEqualTo("/static/100%25.txt");
    assertThat(KeyPaths.path("static/ünïcode/é.css", "")).isEqualTo("/static/%C3%BCn%C3%AFcode/%C3%A9.css");
    assertThat(KeyPaths.path("static/a?b#c&d=e;f", "")).isEqualTo("/static/a%3Fb%23c%26d%3De%3Bf");
    assertThat(KeyPaths.path("static/~user/v1.2_x-y.js", "")).isEqualTo("/static/~user/v1.2_x-y.js");
    assertThat(KeyPaths.path("static/😀.png", "")).isEqualTo("/static/%F0%9F%98%80.png");
  }

  @Test
  void the_origin_path_is_taken_off_the_key_as_cloudfront_adds_it() {
    assertThat(KeyPaths.path("static/app.js", "/static")).isEqualTo("/app.js");
    assertThat(KeyPaths.path("static/app.js", "/static/")).isEqualTo("/app.js");
    assertThat(KeyPaths.path("static/app.js", "/stat")).as("a path prefix, not a string prefix").isEqualTo("/static/app.js");
    assertThat(KeyPaths.path("other/app.js", "/static")).isEqualTo("/other/app.js");
  }

  @Test
  void a_sample_is_spread_over_the_listing() {
    List<String> keys = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    assertThat(ParityStep.spread(keys, 5)).containsExactly("a", "c", "e", "g", "i");
    assertThat(ParityStep.spread(keys, 10)).isEqualTo(keys);
    assertThat(ParityStep.spread(keys.subList(0, 2), 5)).containsExactly("a", "b");
  }

  @Test
  void a_lambda_at_edge_function_is_named_without_account_region_and_version() {
    assertThat(Normalizer.lambdaFunctionName("arn:aws:lambda:us-east-1:111122223333:function:image-headers:7")).isEqualTo("image-headers");
    assertThat(Normalizer.lambdaFunctionName("arn:aws:lambda:us-east-1:444455556666:function:image-headers")).isEqualTo("image-headers");
  }
}
