package dev.cutover.parity.port;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP GET, as a viewer would send it. Redirects are not followed (a redirect is an answer to
 * compare); the body is streamed into a SHA-256 and never held, up to a bound.
 */
public interface Probe {

  /**
   * Fetches {@code url} with {@code headers}. Never throws for an HTTP or network failure: a
   * connection that fails or times out is a response with {@link ProbeResponse#error()} set.
   */
  ProbeResponse get(URI url, Map<String, String> headers);
}
