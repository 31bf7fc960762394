package dev.cutover.approval.aws;

import dev.cutover.approval.port.TaskCallbacks;
import dev.cutover.aws.AwsErrors;
import dev.cutover.errors.CutoverException;
import dev.cutover.errors.InternalErrorException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * SendTaskSuccess / SendTaskFailure. Step Functions' refusals that mean "nothing waits for this
 * token any more" ({@code TaskTimedOut}, {@code TaskDoesNotExist}, {@code InvalidToken}) become
 * {@link TaskNotWaitingException}; the rest go through {@link AwsErrors#translate}.
 *
 * <p>Step Functions may quote the token in an error message (the local endpoint does, for {@code
 * InvalidToken}). The client built by {@link #client} cuts it out of error responses before the
 * SDK reads them (its retry stages log every failed attempt at DEBUG); every message leaving this
 * class has it cut out again, and the SDK exception is not kept as a cause.
 */
public final class SfnTaskCallbacks implements TaskCallbacks {

  static final String REDACTED = "<task token>";

  private final SfnClient sfn;

  /** @param sfn a client from {@link #client}, so error responses reach no log with the token */
  public SfnTaskCallbacks(SfnClient sfn) {
    this.sfn = sfn;
  }

  /** Builds {@code configured} (endpoint, credentials, timeouts set) with the token redaction added. */
  public static SfnClient client(SfnClientBuilder configured) {
    ClientOverrideConfiguration current = configured.overrideConfiguration();
    return configured
        .overrideConfiguration((current == null ? ClientOverrideConfiguration.builder() : current.toBuilder())
            .addExecutionInterceptor(new TokenRedactingInterceptor())
            .build())
        .build();
  }

  @Override
  public void succeed(String taskToken, String outputJson) {
    try {
      sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(outputJson));
    } catch (RuntimeException e) {
      throw translate(e, "SendTaskSuccess", taskToken);
    }
  }

  @Override
  public void fail(String taskToken, String error, String cause) {
    try {
      sfn.sendTaskFailure(b -> b.taskToken(taskToken).error(error).cause(cause));
    } catch (RuntimeException e) {
      throw translate(e, "SendTaskFailure", taskToken);
    }
  }

  private static RuntimeException translate(RuntimeException e, String operation, String token) {
    if (e instanceof TaskTimedOutException || e instanceof TaskDoesNotExistException || e instanceof InvalidTokenException) {
      String message = e instanceof AwsServiceException service && service.awsErrorDetails() != null
          ? service.awsErrorDetails().errorMessage()
          : e.getMessage();
      String code = e.getClass().getSimpleName().replaceFirst("Exception$", "");
      return new TaskNotWaitingException(code, redact(message, token));
    }
    CutoverException translated = AwsErrors.translate(e, operation);
    String message = redact(translated.getMessage(), token);
    return switch (translated) {
      case TransientException t -> new TransientException(message);
      case PreconditionFailedException p -> new PreconditionFailedException(message);
      default -> new InternalErrorException(message);
    };
  }

  static String redact(String text, String token) {
    return text == null ? null : text.replace(token, REDACTED);
  }
}
