package dev.cutover.asl.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * Time that runs {@code speed} times faster than the wall clock, from a starting instant: a
 * rehearsal's 30-minute bake passes in 3 real minutes at 10×, while requests, listings and copies
 * take the real time they take. Whatever schedules work against it converts a wait with {@link
 * #realDelay}.
 */
public final class ScaledClock extends Clock {

  private final Instant origin;
  private final double speed;
  private final LongSupplier nanoTime;
  private final long startNanos;

  /** Starts now on the wall clock, running {@code speed} times faster (1 = real time). */
  public ScaledClock(double speed) {
    this(Instant.now(), speed, System::nanoTime);
  }

  /** For tests: {@code nanoTime} stands in for {@link System#nanoTime()}. */
  public ScaledClock(Instant origin, double speed, LongSupplier nanoTime) {
    if (!(speed >= 1 && speed <= 10_000)) {
      throw new IllegalArgumentException("speed must be between 1 and 10000, not " + speed);
    }
    this.origin = origin;
    this.speed = speed;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  public double speed() {
    return speed;
  }

  @Override
  public Instant instant() {
    long elapsed = nanoTime.getAsLong() - startNanos;
    return origin.plusNanos((long) (elapsed * speed));
  }

  /** How long to wait on the wall clock for {@code scaled} to pass on this one. */
  public Duration realDelay(Duration scaled) {
    if (scaled.isNegative()) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(scaled.toNanos() / speed));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("scaled time is always UTC");
  }
}
