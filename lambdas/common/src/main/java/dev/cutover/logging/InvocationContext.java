package dev.cutover.logging;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * What Lambda tells a handler about its invocation, for a handler run outside Lambda: in process by
 * the local runtime ({@code cutover rehearse}) and by tests. The time left is asked of {@code
 * remainingMillis} each time the handler asks (verify stops early on it, as in Lambda); the logger
 * writes to standard error, standard output being a command's own.
 */
public class InvocationContext implements Context {

  private final String functionName;
  private final String functionArn;
  private final String requestId;
  private final String logStreamName;
  private final int memoryMb;
  private final IntSupplier remainingMillis;

  public InvocationContext(
      String functionName, String functionArn, String requestId, String logStreamName, int memoryMb, IntSupplier remainingMillis) {
    this.functionName = functionName;
    this.functionArn = functionArn;
    this.requestId = requestId;
    this.logStreamName = logStreamName;
    this.memoryMb = memoryMb;
    this.remainingMillis = remainingMillis;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return logStreamName;
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
    return functionArn;
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
    return memoryMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.err.println(message);
      }

      @Override
      public void log(byte[] message) {
        System.err.println(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
