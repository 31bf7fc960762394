package dev.cutover.cutover.port;

/**
 * The distribution's configuration changed between the read an edit was computed on and the
 * write (CloudFront's {@code PreconditionFailed} on {@code If-Match}). Nothing was written; read
 * again and recompute. Never leaves the step: it retries, then reports a transient error.
 */
public final class VersionConflictException extends RuntimeException {

  public VersionConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
