package dev.cutover.verify;

import dev.cutover.errors.PreconditionFailedException;
import java.util.Map;

/**
 * How a verification runs, as opposed to what it verifies (the plan).
 *
 * @param concurrency objects compared at once (HEAD and tagging calls on both sides)
 * @param examplesPerCategory findings shown per category in the step's result
 * @param backoff the step's own retries of throttled and failed calls
 * @param reportPartSize the report's multipart part size in bytes (at least 5 MiB)
 */
record VerifySettings(int concurrency, int examplesPerCategory, Backoff backoff, int reportPartSize) {

  /** Environment variable for {@link #concurrency}, set on the function by the infrastructure. */
  static final String CONCURRENCY_VARIABLE = "CUTOVER_VERIFY_CONCURRENCY";

  static final int DEFAULT_CONCURRENCY = 8;
  static final int MAX_CONCURRENCY = 64;

  static final VerifySettings DEFAULT =
      new VerifySettings(DEFAULT_CONCURRENCY, 20, Backoff.DEFAULT, 8 * 1024 * 1024);

  /** The defaults, with the concurrency from {@value #CONCURRENCY_VARIABLE} when set. */
  static VerifySettings fromEnvironment(Map<String, String> environment) {
    String value = environment.get(CONCURRENCY_VARIABLE);
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    int concurrency;
    try {
      concurrency = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      concurrency = 0;
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new PreconditionFailedException(
          CONCURRENCY_VARIABLE + " is \"" + value + "\"; set it to a whole number from 1 to "
              + MAX_CONCURRENCY + " (objects compared at once), or unset it for "
              + DEFAULT_CONCURRENCY + ".");
    }
    return new VerifySettings(concurrency, DEFAULT.examplesPerCategory, DEFAULT.backoff, DEFAULT.reportPartSize);
  }
}
