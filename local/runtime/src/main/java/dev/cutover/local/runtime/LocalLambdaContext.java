package dev.cutover.local.runtime;

import dev.cutover.logging.InvocationContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The Lambda context of a handler run in process: a fresh request id, and the time left before the
 * function's timeout measured on the runtime's clock (verify stops early on it, as in Lambda).
 */
final class LocalLambdaContext {

  private LocalLambdaContext() {}

  static InvocationContext of(String functionName, String functionArn, int memoryMb, Duration timeout, Clock clock) {
    String requestId = UUID.randomUUID().toString();
    Instant deadline = clock.instant().plus(timeout);
    return new InvocationContext(functionName, functionArn, requestId, "local/" + requestId, memoryMb, () -> {
      long left = Duration.between(clock.instant(), deadline).toMillis();
      return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    });
  }
}
