package dev.cutover.cutover.port;

/**
 * CloudFront refused an alias because another distribution holds it ({@code CNAMEAlreadyExists}).
 * Nothing was written. The step asks {@link Distributions#holders} who holds it and says so.
 */
public final class AliasTakenException extends RuntimeException {

  public AliasTakenException(String message, Throwable cause) {
    super(message, cause);
  }
}
