package dev.cutover.asl.choice;

import static dev.cutover.asl.choice.Choices.holds;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timestamp operators. Source: AWS Step Functions developer guide, "Choice workflow state"
 * ("Timestamps ... must conform to RFC3339 profile ISO 8601, with further restrictions: An
 * uppercase T must separate the date and time portions. An uppercase Z must denote that a numeric
 * time zone offset isn't present."), and Amazon States Language specification, "Timestamps".
 */
class TimestampComparisonTest {

  private static boolean timestampEquals(String constant, String value) {
    return holds(
        "{\"Variable\": \"$.foo\", \"TimestampEquals\": \"" + constant + "\"}",
        "{\"foo\": \"" + value + "\"}");
  }

  private static boolean isTimestamp(String value) {
    return holds(
        "{\"Variable\": \"$.foo\", \"IsTimestamp\": true}", "{\"foo\": \"" + value + "\"}");
  }

  @Test
  void timestampsInDifferentOffsetsDenotingTheSameInstantAreEqual() {
    assertThat(timestampEquals("2001-01-01T12:00:00Z", "2001-01-01T13:00:00+01:00")).isTrue();
    assertThat(timestampEquals("2001-01-01T12:00:00Z", "2001-01-01T07:30:00-04:30")).isTrue();
  }

  @Test
  void anOffsetIsAppliedBeforeOrdering() {
    // 10:00+02:00 is 08:00Z, which is before 09:00Z even though 10 > 9 as text.
    assertThat(
            holds(
                "{\"Variable\": \"$.foo\", \"TimestampLessThan\": \"2020-01-01T09:00:00Z\"}",
                "{\"foo\": \"2020-01-01T10:00:00+02:00\"}"))
        .isTrue();
  }

  @Test
  void fractionalSecondsAreCompared() {
    assertThat(timestampEquals("2016-08-18T17:33:00Z", "2016-08-18T17:33:00.000Z")).isTrue();
    assertThat(timestampEquals("2016-08-18T17:33:00Z", "2016-08-18T17:33:00.001Z")).isFalse();
    assertThat(
            holds(
                "{\"Variable\": \"$.foo\", \"TimestampGreaterThan\": \"2016-08-18T17:33:00.5Z\"}",
                "{\"foo\": \"2016-08-18T17:33:00.50001Z\"}"))
        .isTrue();
  }

  @Test
  void stringEqualsComparesTheTextNotTheInstant() {
    assertThat(
            holds(
                "{\"Variable\": \"$.foo\", \"StringEquals\": \"2001-01-01T12:00:00Z\"}",
                "{\"foo\": \"2001-01-01T13:00:00+01:00\"}"))
        .isFalse();
  }

  @ParameterizedTest(name = "{0} is a timestamp")
  @ValueSource(
      strings = {
        "2016-08-18T17:33:00Z",
        "2016-08-18T17:33:00.123456789Z",
        "2016-08-18T17:33:00+05:30",
        "2016-08-18T17:33:00-00:00",
        "2024-02-29T23:59:59Z"
      })
  void rfc3339TimestampsWithUppercaseTAndZAreTimestamps(String value) {
    assertThat(isTimestamp(value)).isTrue();
  }

  @ParameterizedTest(name = "{0} is not a timestamp")
  @ValueSource(
      strings = {
        "2016-08-18t17:33:00Z",
        "2016-08-18T17:33:00z",
        "2016-08-18 17:33:00Z",
        "2016-08-18T17:33:00",
        "2016-08-18",
        "2016-08-18T17:33Z",
        "2016-08-18T17:33:00.Z",
        "2016-08-18T17:33:00+0530",
        "2023-02-29T00:00:00Z",
        "2016-13-01T00:00:00Z",
        "2016-08-18T24:00:00Z",
        "20160818T173300Z",
        " 2016-08-18T17:33:00Z"
      })
  void textBreakingTheAslProfileIsNotATimestamp(String value) {
    assertThat(isTimestamp(value)).isFalse();
  }

  // A value that is not a timestamp makes a Timestamp comparison false, not an error.
  @Test
  void aLowercaseZValueMakesTimestampComparisonsFalse() {
    assertThat(timestampEquals("2016-08-18T17:33:00Z", "2016-08-18T17:33:00z")).isFalse();
    assertThat(
            holds(
                "{\"Variable\": \"$.foo\", \"TimestampLessThan\": \"2099-01-01T00:00:00Z\"}",
                "{\"foo\": \"2016-08-18t17:33:00Z\"}"))
        .isFalse();
  }
}
