package dev.cutover.backfill;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** The context the Lambda runtime passes the backfill handler. */
final class FakeContext implements Context {

  @Override
  public String getAwsRequestId() {
    return "0f4d2c9e-7b1a-4e3f-9c8d-1a2b3c4d5e6f";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/cutover-backfill";
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/24/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return "cutover-backfill";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:444455556666:function:cutover-backfill";
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
    return 300_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
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
