package dev.cutover.logging;


/** The context the Lambda runtime would pass to the preflight step's handler. */
final class FakeLambdaContext extends InvocationContext {

  static final String REQUEST_ID = "6bc28136-2c6f-4b0d-9d7c-5a6e1d2f3a4b";
  static final String FUNCTION_NAME = "cutover-preflight";

  FakeLambdaContext() {
    super(FUNCTION_NAME, "arn:aws:lambda:us-east-1:111111111111:function:" + FUNCTION_NAME, REQUEST_ID,
        "2026/11/24/[$LATEST]0123456789abcdef", 512, () -> 60_000);
  }
}
