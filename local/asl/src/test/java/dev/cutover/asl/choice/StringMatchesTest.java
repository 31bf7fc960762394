package dev.cutover.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.cutover.asl.StatesError;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code StringMatches}. Source: Amazon States Language specification, "Choice State" (operator 6,
 * StringMatches), and AWS Step Functions developer guide, "Choice workflow state". Patterns are
 * written here as the decoded JSON string, so Java {@code "a\\*"} is the JSON text {@code
 * "a\\\\*"}.
 */
class StringMatchesTest {

  private static boolean matches(String pattern, String value) {
    return Choices.holds(
        Choices.rule("$.foo", "StringMatches", TextNode.valueOf(pattern)),
        new JsonPathResolver(
            JsonPathResolver.MAPPER.createObjectNode().put("foo", value), Map.of()));
  }

  // The specification's own examples, and the guide's "log-*.txt".
  @ParameterizedTest(name = "{0} matches {1}")
  @CsvSource({
    "foo*.log, foo23.log",
    "*.log, zebra.log",
    "foo*.*, foobar.zebra",
    "log-*.txt, log-2024-01-01.txt",
    "log-*.txt, log-.txt",
    "*, ''",
    "a*b*c, abc",
    "exact, exact"
  })
  void starMatchesZeroOrMoreCharacters(String pattern, String value) {
    assertThat(matches(pattern, value)).isTrue();
  }

  @ParameterizedTest(name = "{0} does not match {1}")
  @CsvSource({
    "foo*.log, foo23.txt",
    "*.log, zebra.log.gz",
    "log-*.txt, catalog-1.txt",
    "exact, Exact",
    "exact, exactly"
  })
  void thePatternMustMatchTheWholeString(String pattern, String value) {
    assertThat(matches(pattern, value)).isFalse();
  }

  // "No characters other than "*" have any special meaning during matching."
  @Test
  void regexAndGlobCharactersAreLiterals() {
    assertThat(matches("a.c", "a.c")).isTrue();
    assertThat(matches("a.c", "abc")).isFalse();
    assertThat(matches("a?c", "abc")).isFalse();
    assertThat(matches("[ab]+(x)|$^", "[ab]+(x)|$^")).isTrue();
  }

  // "The literal string \* represents *" (JSON "\\*").
  @Test
  void anEscapedStarMatchesOnlyAStar() {
    assertThat(matches("price\\*", "price*")).isTrue();
    assertThat(matches("price\\*", "price$5")).isFalse();
    assertThat(matches("\\**", "*anything")).isTrue();
  }

  // "The literal string \\ represents \" (JSON "\\\\").
  @Test
  void anEscapedBackslashMatchesOneBackslash() {
    assertThat(matches("C:\\\\temp\\\\*", "C:\\temp\\file.txt")).isTrue();
    assertThat(matches("C:\\\\temp\\\\*", "C:/temp/file.txt")).isFalse();
    assertThat(matches("\\\\*", "\\star")).isTrue();
  }

  // The star wildcard spans line breaks too: it matches any characters.
  @Test
  void starMatchesAcrossLineBreaks() {
    assertThat(matches("first*last", "first\nmiddle\nlast")).isTrue();
  }

  // "If an open escape backslash \ is found in the StringMatches string, the interpreter will
  // throw a runtime error."
  @Test
  void anOpenEscapeFailsWithStatesRuntime() {
    assertThatThrownBy(() -> matches("trailing\\", "trailing\\"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo(StatesError.RUNTIME);
              assertThat(e.cause())
                  .isEqualTo(
                      "StringMatches pattern 'trailing\\' has an open escape at index 8: a"
                          + " backslash must be followed by * or \\");
            });
    assertThatThrownBy(() -> matches("a\\b", "a\\b"))
        .isInstanceOfSatisfying(
            StatesError.class, e -> assertThat(e.error()).isEqualTo(StatesError.RUNTIME));
  }
}
