package dev.cutover.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void a_wildcard_covers_names_one_label_below_its_parent_only() {
    List<String> wildcard = List.of("*.example.com");

    assertThat(Names.covers(wildcard, "assets.example.com")).isTrue();
    assertThat(Names.covers(wildcard, "ASSETS.example.com.")).isTrue();
    assertThat(Names.covers(wildcard, "a.assets.example.com")).isFalse();
    assertThat(Names.covers(wildcard, "example.com")).isFalse();
    assertThat(Names.covers(wildcard, "assets.example.org")).isFalse();
  }

  @Test
  void an_exact_name_covers_itself_only() {
    assertThat(Names.covers(List.of("assets.example.com"), "assets.example.com")).isTrue();
    assertThat(Names.covers(List.of("assets.example.com"), "static.example.com")).isFalse();
  }
}
