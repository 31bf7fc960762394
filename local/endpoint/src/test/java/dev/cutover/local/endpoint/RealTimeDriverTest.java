package dev.cutover.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** On the system clock the engine thread wakes up by itself when a timer falls due. */
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
}
