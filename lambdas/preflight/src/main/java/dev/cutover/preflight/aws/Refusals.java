package dev.cutover.preflight.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.preflight.port.Refusal;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Sorts a failed AWS call into what preflight reports ({@link Refusal}: access denied, no such
 * bucket, wrong region, a role that cannot be assumed) and what it throws: everything else goes
 * through {@link AwsErrors#translate(Throwable, String)}, so throttling and 5xx answers become
 * {@code TransientException} and the state machine retries the step.
 */
final class Refusals {

  /** Access-denied codes: S3's, KMS's (sent with HTTP 400), and STS's. */
  private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException");

  /** Codes S3 answers when the request went to the bucket's wrong regional endpoint. */
  private static final Set<String> WRONG_REGION = Set.of("PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException");

  private Refusals() {}

  /**
   * The refusal {@code error} stands for, or the error contract exception to throw.
   *
   * @param operation the API call, e.g. {@code GetBucketVersioning}
   * @param permission the IAM action it needs, e.g. {@code s3:GetBucketVersioning}
   */
  static RuntimeException of(SdkException error, String operation, String permission) {
    Optional<StsException> sts = stsCause(error);
    if (sts.isPresent()) {
      StsException cause = sts.get();
      if (!isTransient(cause)) {
        return new Refusal(Refusal.Reason.ROLE_NOT_ASSUMABLE, "AssumeRole", "sts:AssumeRole", describe(cause));
      }
      return AwsErrors.translate(cause, "AssumeRole");
    }
    if (error instanceof AwsServiceException service && !isTransient(service)) {
      String code = code(service);
      int status = service.statusCode();
      if (error instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
        return new Refusal(Refusal.Reason.NO_SUCH_BUCKET, operation, permission, describe(service));
      }
      if (status == 301 || WRONG_REGION.contains(code)) {
        String region =
            service.awsErrorDetails() == null
                ? null
                : service.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(null);
        return new Refusal(Refusal.Reason.WRONG_REGION, operation, permission, describe(service), region);
      }
      if (status == 403 || ACCESS_DENIED.contains(code)) {
        return new Refusal(Refusal.Reason.ACCESS_DENIED, operation, permission, describe(service));
      }
    }
    return AwsErrors.translate(error, operation);
  }

  /** The error code AWS sent, or {@code null} (HEAD answers carry none). */
  static String code(AwsServiceException e) {
    return Optional.ofNullable(e.awsErrorDetails()).map(AwsErrorDetails::errorCode).orElse(null);
  }

  private static boolean isTransient(AwsServiceException e) {
    return e.isThrottlingException() || e.isClockSkewException() || e.statusCode() >= 500 || e.retryable();
  }

  private static String describe(AwsServiceException e) {
    String code = code(e);
    String message = Optional.ofNullable(e.awsErrorDetails()).map(AwsErrorDetails::errorMessage).orElse(null);
    return (code == null ? "HTTP " + e.statusCode() : code + ", HTTP " + e.statusCode())
        + (message == null || message.isBlank() ? "" : ": " + message);
  }

  /** The SDK surfaces a failed assume-role as the S3 call's exception or as its cause. */
  private static Optional<StsException> stsCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof StsException sts) {
        return Optional.of(sts);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
