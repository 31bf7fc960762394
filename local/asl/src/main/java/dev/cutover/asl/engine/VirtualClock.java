package dev.cutover.asl.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time that only moves when told to, so a 24-hour approval timeout or a 30-minute bake runs in
 * milliseconds in a test, with no sleeps.
 */
public final class VirtualClock extends Clock {

  private volatile Instant now;

  public VirtualClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Moves time forward to {@code instant}; never backwards. */
  public void advanceTo(Instant instant) {
    if (instant.isAfter(now)) {
      now = instant;
    }
  }

  public void advance(Duration duration) {
    advanceTo(now.plus(duration));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("virtual time is always UTC");
  }
}
