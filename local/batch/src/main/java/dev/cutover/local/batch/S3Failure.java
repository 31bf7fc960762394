package dev.cutover.local.batch;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Why an S3 call failed, the way a completion report row names it: HTTP status, error code,
 * message, and whether Batch Operations would retry (a {@code TemporaryFailure}: throttling, 5xx,
 * no answer) or give up (a {@code PermanentFailure}: access denied, no such key, bad request).
 */
record S3Failure(int httpStatus, String errorCode, String message, boolean temporary) {

  static S3Failure of(Exception error) {
    if (error instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null
              ? service.awsErrorDetails().errorCode()
              : "HTTP" + service.statusCode();
      String message =
          service.awsErrorDetails() != null && service.awsErrorDetails().errorMessage() != null
              ? service.awsErrorDetails().errorMessage()
              : service.getMessage();
      boolean temporary = service.statusCode() >= 500 || service.isThrottlingException() || service.retryable();
      return new S3Failure(service.statusCode(), code, message, temporary);
    }
    if (error instanceof SdkClientException client) {
      return new S3Failure(500, "InternalError", "no answer from S3: " + client.getMessage(), true);
    }
    if (error instanceof SdkException sdk) {
      return new S3Failure(500, "InternalError", sdk.getMessage(), sdk.retryable());
    }
    return new S3Failure(500, "InternalError", String.valueOf(error), false);
  }
}
