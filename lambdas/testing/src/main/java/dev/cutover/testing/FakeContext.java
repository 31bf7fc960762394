package dev.cutover.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * The context the Lambda runtime would pass to a step's handler: a function named as the step's
 * deployment names it, its log group and ARN derived from that name, and a clock that handlers
 * reading {@link #getRemainingTimeInMillis()} (a step that stops in time and resumes) can be given.
 * The logger prints to standard output, as the runtime's does into the function's log stream.
 */
public final class FakeContext implements Context {

  /** The request id of every invocation. */
  public static final String REQUEST_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

  /** The account the function runs in (the example plan's target account). */
  public static final String ACCOUNT = "444455556666";

  /** Lambda's longest timeout, 15 minutes: the time left in a fresh invocation by default. */
  public static final int FULL_TIMEOUT_MILLIS = 900_000;

  private final String functionName;
  private final IntSupplier remainingMillis;

  /** A fresh invocation of {@code functionName} (e.g. {@code cutover-verify}) with 15 minutes left. */
  public FakeContext(String functionName) {
    this(functionName, () -> FULL_TIMEOUT_MILLIS);
  }

  /** An invocation whose time left is {@code remainingMillis}, asked each time the handler asks. */
  public FakeContext(String functionName, IntSupplier remainingMillis) {
    this.functionName = functionName;
    this.remainingMillis = remainingMillis;
  }

  @Override
  public String getAwsRequestId() {
    return REQUEST_ID;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/24/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + functionName;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return remainingMillis.getAsInt();
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.out.println(message);
      }

      @Override
      public void log(byte[] message) {
        System.out.println(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
