package dev.cutover.replication.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The context the Lambda runtime passes to the replication step's handler. */
public final class FakeContext implements Context {

  @Override
  public String getAwsRequestId() {
    return "3f1c2a7e-5b8d-4e0f-9a61-2c4d6e8f0a1b";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/cutover-replication";
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/24/[$LATEST]fedcba9876543210";
  }

  @Override
  public String getFunctionName() {
    return "cutover-replication";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:111122223333:function:cutover-replication";
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
