package dev.cutover.preflight;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One thing preflight found, in the shape the report step reads.
 *
 * @param check which check found it: {@code reachability}, {@code versioning}, {@code ownership},
 *     {@code encryption}, {@code archive}, {@code readability}, {@code lifecycle}, {@code
 *     listing}, {@code contents}
 * @param severity how much it matters
 * @param side which bucket it is about
 * @param subject {@code s3://bucket}, {@code s3://bucket/prefix} or {@code s3://bucket/key}
 * @param message what is wrong (or, for INFO, what was found), in words for the person running
 *     the migration
 * @param fix what to do about it; empty for INFO
 * @param count objects involved, only where objects are; for sampled checks the count in the
 *     sample (the message gives the sample size and an estimate for the whole prefix)
 * @param examples up to {@value #MAX_EXAMPLES} of those objects' keys, each at most {@value
 *     Keys#MAX_KEY_BYTES} UTF-8 bytes; only where objects are
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
    String check,
    Severity severity,
    BucketSide side,
    String subject,
    String message,
    String fix,
    Long count,
    List<String> examples) {

  public static final int MAX_EXAMPLES = 5;

  public Finding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    fix = severity == Severity.INFO || fix == null ? "" : fix;
    if (examples != null) {
      examples = examples.stream().limit(MAX_EXAMPLES).map(Keys::shorten).toList();
    }
  }

  /** A finding about configuration, not objects. */
  static Finding of(String check, Severity severity, BucketSide side, String subject, String message, String fix) {
    return new Finding(check, severity, side, subject, message, fix, null, null);
  }

  /** A finding about {@code count} objects, {@code examples} among them. */
  static Finding objects(
      String check, Severity severity, BucketSide side, String subject, String message, String fix, long count, List<String> examples) {
    return new Finding(check, severity, side, subject, message, fix, count, examples);
  }
}
