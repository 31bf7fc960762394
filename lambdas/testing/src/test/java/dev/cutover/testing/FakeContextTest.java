package dev.cutover.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FakeContextTest {

  @Test
  void log_group_and_arn_are_derived_from_the_function_name() {
    FakeContext context = new FakeContext("cutover-report");

    assertThat(context.getFunctionName()).isEqualTo("cutover-report");
    assertThat(context.getLogGroupName()).isEqualTo("/aws/lambda/cutover-report");
    assertThat(context.getInvokedFunctionArn()).isEqualTo("arn:aws:lambda:us-east-1:444455556666:function:cutover-report");
  }

  @Test
  void a_fresh_invocation_has_lambda_s_longest_timeout_left() {
    assertThat(new FakeContext("cutover-verify").getRemainingTimeInMillis()).isEqualTo(900_000);
  }

  @Test
  void the_time_left_is_asked_of_the_supplier_each_time() {
    AtomicInteger asked = new AtomicInteger();
    FakeContext context = new FakeContext("cutover-verify", () -> 5_000 - 1_000 * asked.getAndIncrement());

    assertThat(context.getRemainingTimeInMillis()).isEqualTo(5_000);
    assertThat(context.getRemainingTimeInMillis()).isEqualTo(4_000);
  }
}
