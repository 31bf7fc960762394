package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {

  private final List<Duration> waits = new ArrayList<>();
  private final Retrier retrier = new Retrier(new Backoff(5, Duration.ofMillis(100), Duration.ofMillis(300)), waits::add);

  @Test
  void a_transient_failure_is_retried_until_the_call_succeeds() {
    AtomicInteger calls = new AtomicInteger();

    String value = retrier.call("HeadObject x", () -> {
      if (calls.incrementAndGet() < 3) {
        throw new TransientException("SlowDown");
      }
      return "ok";
    });

    assertThat(value).isEqualTo("ok");
    assertThat(calls).hasValue(3);
    assertThat(retrier.retries()).isEqualTo(2);
    assertThat(waits).hasSize(2);
  }

  @Test
  void waits_are_jittered_below_a_doubling_ceiling_that_stops_at_the_maximum() {
    assertThatThrownBy(() -> retrier.call("HeadObject x", () -> {
      throw new TransientException("SlowDown");
    }));

    assertThat(waits).hasSize(4);
    long[] ceilings = {100, 200, 300, 300};
    for (int i = 0; i < waits.size(); i++) {
      assertThat(waits.get(i).toMillis()).isBetween(0L, ceilings[i]);
    }
  }

  @Test
  void the_last_transient_failure_is_raised_after_the_attempts_run_out_and_names_the_call() {
    assertThatThrownBy(() -> retrier.call("ListObjectsV2 blue/static/", () -> {
      throw new TransientException("SlowDown (HTTP 503)");
    }))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("ListObjectsV2 blue/static/ still failed after 5 attempts")
        .hasMessageContaining("SlowDown (HTTP 503)");
  }

  @Test
  void other_errors_are_not_retried() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> retrier.call("HeadObject x", () -> {
      calls.incrementAndGet();
      throw new PreconditionFailedException("AccessDenied");
    })).isInstanceOf(PreconditionFailedException.class);

    assertThat(calls).hasValue(1);
    assertThat(waits).isEmpty();
  }
}
