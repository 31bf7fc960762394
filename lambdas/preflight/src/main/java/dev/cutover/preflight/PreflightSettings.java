package dev.cutover.preflight;

import dev.cutover.errors.PreconditionFailedException;
import java.util.Map;

/**
 * How preflight runs, as opposed to what it checks (the plan).
 *
 * @param sampleSize at most this many of blue's objects are asked HEAD (encryption key,
 *     readability, archive tier); the listing itself is always complete
 */
public record PreflightSettings(int sampleSize) {

  /** Environment variable for {@link #sampleSize}, set on the function by the infrastructure. */
  public static final String SAMPLE_SIZE_VARIABLE = "CUTOVER_PREFLIGHT_SAMPLE_SIZE";

  /** HEAD is about 10-30 ms: 100 keep the step to seconds and find a 3 % problem with 95 % odds. */
  public static final int DEFAULT_SAMPLE_SIZE = 100;

  public static final int MAX_SAMPLE_SIZE = 5_000;

  public static final PreflightSettings DEFAULT = new PreflightSettings(DEFAULT_SAMPLE_SIZE);

  public PreflightSettings {
    if (sampleSize < 1 || sampleSize > MAX_SAMPLE_SIZE) {
      throw new IllegalArgumentException("sampleSize must be 1 to " + MAX_SAMPLE_SIZE);
    }
  }

  /** The defaults, with the sample size from {@value #SAMPLE_SIZE_VARIABLE} when set. */
  public static PreflightSettings fromEnvironment(Map<String, String> environment) {
    String value = environment.get(SAMPLE_SIZE_VARIABLE);
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    int size;
    try {
      size = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      size = 0;
    }
    if (size < 1 || size > MAX_SAMPLE_SIZE) {
      throw new PreconditionFailedException(
          SAMPLE_SIZE_VARIABLE + " is \"" + value + "\"; set it to a whole number from 1 to " + MAX_SAMPLE_SIZE
              + " (objects preflight asks HEAD about), or unset it for " + DEFAULT_SAMPLE_SIZE + ".");
    }
    return new PreflightSettings(size);
  }
}
