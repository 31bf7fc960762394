package dev.cutover.logscan.support;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.function.IntSupplier;

/** The context the Lambda runtime would pass to the log scan handler. */
public final class FakeContext implements Context {

  private final IntSupplier remainingMillis;

  /** A fresh invocation of a function with Lambda's longest timeout, 15 minutes. */
  public FakeContext() {
    this(() -> 900_000);
  }

  /** An invocation whose time left is {@code remainingMillis}, asked each time the handler asks. */
  public FakeContext(IntSupplier remainingMillis) {
    this.remainingMillis = remainingMillis;
  }

  @Override
  public String getAwsRequestId() {
    return "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/cutover-logscan";
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/24/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return "cutover-logscan";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:444455556666:function:cutover-logscan";
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
    return null;
  }
}
