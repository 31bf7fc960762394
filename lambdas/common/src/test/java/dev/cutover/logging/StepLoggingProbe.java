package dev.cutover.logging;

import dev.cutover.errors.InternalErrorException;
import java.util.Map;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.utils.Logger;

/**
 * Runs in its own JVM (StepLoggingTest starts it) so the production log4j2.xml and a real
 * POWERTOOLS_SERVICE_NAME apply, and its stdout is exactly what CloudWatch would receive.
 */
final class StepLoggingProbe {

  static final String EXECUTION_ID =
      "arn:aws:states:us-east-1:111111111111:execution:cutover-migration:mig-42";

  private StepLoggingProbe() {}

  static void main(String[] args) {
    Map<String, Object> payload =
        Map.of("executionId", EXECUTION_ID, "plan", Map.of("hostname", "assets.example.com"));
    FakeLambdaContext context = new FakeLambdaContext();

    StepLogging.handle(
        context,
        payload,
        () -> {
          LoggerFactory.getLogger(StepLoggingProbe.class).info("replication rule in place");
          return null;
        });
    try {
      StepLogging.handle(
          context,
          payload,
          () -> {
            throw new IllegalStateException("completion report has no header");
          });
    } catch (InternalErrorException expected) {
      // the failure is what the test reads from the log
    }
    Logger sdk = Logger.loggerFor("software.amazon.awssdk.request");
    sdk.info(() -> "sdk chatter at info");
    sdk.warn(() -> "sdk warning");
  }
}
