package dev.cutover.report.support;

import java.util.Locale;

/**
 * Content types compared as media types. S3 returns the header as it was stored; S3Mock (a Spring
 * application) re-serialises it without the space after {@code ;}, which is the same media type.
 */
public final class MediaTypes {

  private MediaTypes() {}

  /** {@code type/subtype;param=value…}, lower case, without optional whitespace. */
  public static String normalized(String contentType) {
    return contentType == null ? null : contentType.toLowerCase(Locale.ROOT).replaceAll("\\s*;\\s*", ";").strip();
  }
}
