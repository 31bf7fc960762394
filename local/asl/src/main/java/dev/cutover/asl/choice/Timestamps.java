package dev.cutover.asl.choice;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timestamps as the Amazon States Language defines them ("Timestamps"): the RFC 3339 profile of ISO
 * 8601, with an uppercase {@code T} between date and time and an uppercase {@code Z} when there is
 * no numeric offset, e.g. {@code 2016-03-14T01:59:00Z} or {@code 2016-03-14T02:59:00.5+01:00}.
 */
final class Timestamps {

  private static final Pattern RFC_3339 =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})"
              + "T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?"
              + "(Z|[+-]\\d{2}:\\d{2})");

  private Timestamps() {}

  /**
   * The instant a timestamp denotes, or empty when the text is not one. Fractional seconds beyond
   * nanoseconds are truncated; a leap second ({@code :60}) is not accepted.
   */
  static Optional<Instant> parse(String text) {
    Matcher m = RFC_3339.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    String fraction = m.group(7) == null ? "" : m.group(7);
    int nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
    try {
      ZoneOffset offset = m.group(8).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
      return Optional.of(
          OffsetDateTime.of(
                  Integer.parseInt(m.group(1)),
                  Integer.parseInt(m.group(2)),
                  Integer.parseInt(m.group(3)),
                  Integer.parseInt(m.group(4)),
                  Integer.parseInt(m.group(5)),
                  Integer.parseInt(m.group(6)),
                  nanos,
                  offset)
              .toInstant());
    } catch (DateTimeException outOfRange) {
      return Optional.empty();
    }
  }
}
