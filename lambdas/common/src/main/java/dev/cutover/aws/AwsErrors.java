package dev.cutover.aws;

import dev.cutover.errors.CutoverException;
import dev.cutover.errors.InternalErrorException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The single place where an exception becomes one of the errors the state machine knows
 * ({@link CutoverException}), so Retry and Catch see the same names whichever step or service
 * failed.
 *
 * <ul>
 *   <li>throttling (and Route 53's {@code PriorRequestNotComplete}), clock skew, 5xx, client-side failures (I/O, {@code ApiCallTimeoutException},
 *       {@code ApiCallAttemptTimeoutException}, {@code RetryableException}) and anything the SDK
 *       marks retryable: {@link TransientException}, retried;
 *   <li>access denied (HTTP 403 or an access-denied error code): {@link
 *       PreconditionFailedException} saying which call the role's policy must allow;
 *   <li>any other 4xx: {@link PreconditionFailedException} with the AWS error code and message;
 *   <li>a {@link CutoverException}: unchanged;
 *   <li>anything else: {@link InternalErrorException} keeping the cause.
 * </ul>
 */
public final class AwsErrors {

  /** Access-denied codes some services send with a status other than 403 (KMS: 400). */
  private static final Set<String> ACCESS_DENIED_CODES =
      Set.of("AccessDenied", "AccessDeniedException", "AuthorizationError", "UnauthorizedOperation");

  /**
   * Codes that mean "try again shortly" which the SDK does not flag as throttling: Route 53's
   * {@code PriorRequestNotComplete} (HTTP 400, a change to the zone is still in progress).
   */
  private static final Set<String> TRY_AGAIN_CODES = Set.of("PriorRequestNotComplete");

  private AwsErrors() {}

  /** Translates an exception whose failed operation is not known. */
  public static CutoverException translate(Throwable error) {
    return translate(error, null);
  }

  /**
   * Translates an exception from a call to {@code operation} (the API name, e.g. {@code
   * "PutBucketReplication"}), which access-denied messages name.
   */
  public static CutoverException translate(Throwable error, String operation) {
    return switch (error) {
      case CutoverException known -> known;
      case AwsServiceException service -> fromService(service, operation);
      case SdkClientException client ->
          new TransientException(
              "AWS call" + call(null, operation) + " failed before an answer: " + client.getMessage(),
              client);
      case SdkException sdk when sdk.retryable() ->
          new TransientException(
              "AWS call" + call(null, operation) + " failed: " + sdk.getMessage(), sdk);
      default -> new InternalErrorException(error.toString(), error);
    };
  }

  private static CutoverException fromService(AwsServiceException e, String operation) {
    Optional<AwsErrorDetails> details = Optional.ofNullable(e.awsErrorDetails());
    String service = details.map(AwsErrorDetails::serviceName).orElse(null);
    String code = details.map(AwsErrorDetails::errorCode).orElse("HTTP " + e.statusCode());
    String message = details.map(AwsErrorDetails::errorMessage).orElse(e.getMessage());
    int status = e.statusCode();
    String call = call(service, operation);

    if (e.isThrottlingException() || e.isClockSkewException() || status >= 500 || e.retryable()
        || TRY_AGAIN_CODES.contains(code)) {
      return new TransientException(
          "AWS" + call + " failed with " + code + " (HTTP " + status + "), retries may pass: "
              + message,
          e);
    }
    if (status == 403 || ACCESS_DENIED_CODES.contains(code)) {
      return new PreconditionFailedException(
          "AWS" + call + " was denied with " + code + " (HTTP " + status + "): " + message
              + ". The role this step runs as must be allowed to make this call: check its IAM"
              + " policy, and any bucket, key or organization policy that applies.",
          e);
    }
    if (status >= 400) {
      return new PreconditionFailedException(
          "AWS" + call + " was rejected with " + code + " (HTTP " + status + "): " + message, e);
    }
    return new InternalErrorException(e.toString(), e);
  }

  private static String call(String service, String operation) {
    return (service == null ? "" : " " + service) + (operation == null ? "" : " " + operation);
  }
}
