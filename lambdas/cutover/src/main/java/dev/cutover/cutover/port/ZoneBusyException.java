package dev.cutover.cutover.port;

/**
 * The zone would not take the call now: an earlier change to it is still being applied ({@code
 * PriorRequestNotComplete}), or the account is throttled. Nothing was changed; the step waits and
 * tries again a bounded number of times.
 */
public final class ZoneBusyException extends RuntimeException {

  public ZoneBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
