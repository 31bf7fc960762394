package dev.cutover.watch.port;

/**
 * What one GET through the public hostname came to.
 *
 * @param status the HTTP status; 0 when there was no (complete) response
 * @param error why there was no complete response (refused, reset, timed out, the body cut
 *     short); {@code null} when there was one
 */
public record ProbeOutcome(int status, String error) {

  /** A complete response with {@code status}. */
  public static ProbeOutcome answered(int status) {
    return new ProbeOutcome(status, null);
  }

  /** No complete response. */
  public static ProbeOutcome failed(String error) {
    return new ProbeOutcome(0, error);
  }

  /**
   * Whether this counts against green's health: a 5xx, or no complete response (what a user's
   * browser would also fail on). A 4xx is an answer, not an outage; the 4xx rate is judged from
   * CloudWatch.
   */
  public boolean unhealthy() {
    return error != null || status >= 500;
  }
}
