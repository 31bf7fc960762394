package dev.cutover.testing;

import dev.cutover.logging.InvocationContext;
import java.util.function.IntSupplier;

/**
 * The context the Lambda runtime would pass to a step's handler: a function named as the step's
 * deployment names it, its log group and ARN derived from that name, and a clock that handlers
 * reading {@link #getRemainingTimeInMillis()} (a step that stops in time and resumes) can be given.
 * An {@link InvocationContext} with the example plan's account and a fixed request id.
 */
public final class FakeContext extends InvocationContext {

  /** The request id of every invocation. */
  public static final String REQUEST_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

  /** The account the function runs in (the example plan's target account). */
  public static final String ACCOUNT = "444455556666";

  /** Lambda's longest timeout, 15 minutes: the time left in a fresh invocation by default. */
  public static final int FULL_TIMEOUT_MILLIS = 900_000;

  /** A fresh invocation of {@code functionName} (e.g. {@code cutover-verify}) with 15 minutes left. */
  public FakeContext(String functionName) {
    this(functionName, () -> FULL_TIMEOUT_MILLIS);
  }

  /** An invocation whose time left is {@code remainingMillis}, asked each time the handler asks. */
  public FakeContext(String functionName, IntSupplier remainingMillis) {
    super(functionName, "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + functionName, REQUEST_ID,
        "2026/11/24/[$LATEST]0123456789abcdef", 1024, remainingMillis);
  }
}
