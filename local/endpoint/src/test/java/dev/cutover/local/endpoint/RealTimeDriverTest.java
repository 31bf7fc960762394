package dev.cutover.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.asl.engine.ScaledClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** On the system clock (or a scaled one) the engine thread wakes up by itself when a timer falls due. */
class RealTimeDriverTest {

  @Test
  void a_wait_completes_in_real_time_without_being_driven() {
    try (Fixture fixture = new Fixture(Clock.systemUTC())) {
      String machine = fixture.machine("soon", "{'StartAt':'W','States':{'W':{'Type':'Wait','TimestampPath':'$.at','End':true}}}");
      Instant at = Instant.now().plusMillis(200).truncatedTo(ChronoUnit.MILLIS);
      String execution = fixture.sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"at\":\"" + at + "\"}")).executionArn();

      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      DescribeExecutionResponse described = fixture.sfn.describeExecution(b -> b.executionArn(execution));
      while (described.status() == ExecutionStatus.RUNNING && Instant.now().isBefore(deadline)) {
        described = fixture.sfn.describeExecution(b -> b.executionArn(execution));
      }

      assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(described.stopDate()).isAfterOrEqualTo(at);
    }
  }

  @Test
  void on_a_scaled_clock_a_long_wait_passes_in_a_fraction_of_its_time() {
    ScaledClock clock = new ScaledClock(1000);
    try (Fixture fixture = new Fixture(clock)) {
      String machine = fixture.machine("bake", "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':600,'End':true}}}");
      Instant started = clock.instant();
      String execution = fixture.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();

      // 600 s on this clock is 0.6 s on the wall clock; at real-time scheduling it would be 10 minutes.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      DescribeExecutionResponse described = fixture.sfn.describeExecution(b -> b.executionArn(execution));
      while (described.status() == ExecutionStatus.RUNNING && Instant.now().isBefore(deadline)) {
        described = fixture.sfn.describeExecution(b -> b.executionArn(execution));
      }

      assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Duration.between(started, described.stopDate())).isGreaterThanOrEqualTo(Duration.ofSeconds(599));
    }
  }
}
