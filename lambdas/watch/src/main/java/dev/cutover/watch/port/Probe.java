package dev.cutover.watch.port;

import java.net.URI;

/** One GET as a viewer would send it, for its status only. */
public interface Probe {

  /**
   * Fetches {@code url}. Never throws for an HTTP or network failure: a connection that fails or
   * times out, or a body cut short, is an outcome with {@link ProbeOutcome#error()} set.
   */
  ProbeOutcome get(URI url);
}
