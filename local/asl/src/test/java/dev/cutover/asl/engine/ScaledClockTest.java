package dev.cutover.asl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScaledClockTest {

  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  private final AtomicLong nanos = new AtomicLong(5_000);

  @Test
  void time_runs_speed_times_faster_than_the_wall_clock_from_its_origin() {
    ScaledClock clock = new ScaledClock(T0, 10, nanos::get);
    assertThat(clock.instant()).isEqualTo(T0);

    nanos.addAndGet(Duration.ofSeconds(3).toNanos());

    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void a_wait_on_it_is_a_shorter_wait_on_the_wall_clock() {
    ScaledClock clock = new ScaledClock(T0, 60, nanos::get);

    assertThat(clock.realDelay(Duration.ofMinutes(30))).isEqualTo(Duration.ofSeconds(30));
    assertThat(clock.realDelay(Duration.ofSeconds(-1))).isZero();
  }

  @Test
  void a_speed_below_real_time_or_absurdly_high_is_refused() {
    assertThatThrownBy(() -> new ScaledClock(T0, 0.5, nanos::get)).hasMessageContaining("between 1 and 10000");
    assertThatThrownBy(() -> new ScaledClock(T0, Double.NaN, nanos::get)).hasMessageContaining("between 1 and 10000");
  }
}
