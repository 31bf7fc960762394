package dev.cutover.logging;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The context the Lambda runtime would pass to the preflight step's handler. */
final class FakeLambdaContext implements Context {

  static final String REQUEST_ID = "6bc28136-2c6f-4b0d-9d7c-5a6e1d2f3a4b";
  static final String FUNCTION_NAME = "cutover-preflight";

  @Override
  public String getAwsRequestId() {
    return REQUEST_ID;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + FUNCTION_NAME;
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/24/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return FUNCTION_NAME;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:111111111111:function:" + FUNCTION_NAME;
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
    return 60_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return null;
  }
}
