package dev.cutover.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * Turns what the SDK throws into one line that says what went wrong and what to do, with the exit
 * code of its kind ({@link ExitCodes}). Everything a command does not handle itself comes through
 * here, so no stack trace reaches a person.
 */
final class Failures {

  private Failures() {}

  /**
   * @param e what was thrown
   * @param where the endpoint or service the call went to, e.g. "AWS Step Functions in eu-west-1"
   * @param profile the profile the credentials came from, if any
   */
  static CliException translate(Throwable e, String where, Optional<String> profile) {
    if (e instanceof CliException c) {
      return c;
    }
    if (e instanceof ExecutionDoesNotExistException) {
      return CliException.usage("EXECUTION_NOT_FOUND", "No such execution at " + where + " (" + awsMessage(e)
          + "). Check the ARN, and --region / --endpoint-url: an execution is only found in its own region and endpoint.");
    }
    if (e instanceof StateMachineDoesNotExistException) {
      return CliException.usage("STATE_MACHINE_NOT_FOUND", "No such state machine at " + where + " (" + awsMessage(e)
          + "). Check --state-machine / CUTOVER_STATE_MACHINE_ARN, --region and --endpoint-url.");
    }
    if (e instanceof InvalidArnException) {
      return CliException.usage("INVALID_ARN", "Not a valid ARN (" + awsMessage(e)
          + "). Give the ARN as `cutover start` printed it: arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME.");
    }
    if (e instanceof NoSuchKeyException || e instanceof NoSuchBucketException) {
      return new CliException(ExitCodes.AWS, "REPORT_NOT_FOUND", "The report is not where the run said it wrote it ("
          + awsMessage(e) + "): it may have been deleted or moved, or --endpoint-url-s3 / AWS_ENDPOINT_URL_S3 points elsewhere.");
    }
    if (e instanceof AwsServiceException s) {
      String code = s.awsErrorDetails() == null ? "" : String.valueOf(s.awsErrorDetails().errorCode());
      String lower = code.toLowerCase(Locale.ROOT);
      if (lower.contains("accessdenied") || s.statusCode() == 403 && !lower.contains("token") && !lower.contains("signature")) {
        return new CliException(ExitCodes.AWS, "ACCESS_DENIED", "Access denied by " + where + ": " + awsMessage(e)
            + ". The credentials in use" + profile.map(p -> " (profile " + p + ")").orElse("")
            + " lack the permission named there; run with --profile of a role that has it, or ask for it to be granted.");
      }
      if (lower.contains("expiredtoken") || lower.contains("unrecognizedclient") || lower.contains("invalidclienttokenid")
          || lower.contains("invalidsignature") || lower.contains("signaturedoesnotmatch")) {
        return new CliException(ExitCodes.AWS, "CREDENTIALS_REJECTED", where + " does not accept the credentials in use"
            + profile.map(p -> " (profile " + p + ")").orElse("") + " (" + code + "): refresh them (e.g. aws sso login"
            + profile.map(p -> " --profile " + p).orElse("") + ", or a new session) and run the command again.");
      }
      return new CliException(ExitCodes.AWS, "AWS_ERROR", where + " answered " + (code.isEmpty() ? "HTTP " + s.statusCode() : code)
          + ": " + awsMessage(e) + ". Nothing was changed by this command; run it again, or look the error code up in the API reference.");
    }
    Optional<Throwable> network = cause(e, ConnectException.class, UnknownHostException.class, NoRouteToHostException.class,
        SocketTimeoutException.class, HttpConnectTimeoutException.class);
    if (network.isPresent() || e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new CliException(ExitCodes.AWS, "ENDPOINT_UNREACHABLE", "Cannot reach " + where + " ("
          + network.map(Failures::describe).orElse(e.getMessage()) + "). For a local run, start `cutover serve` and pass the"
          + " --endpoint-url it prints; for AWS, check the network, a proxy, and --region.");
    }
    if (e instanceof SdkClientException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("credentials")) {
      return new CliException(ExitCodes.AWS, "NO_CREDENTIALS", "No AWS credentials"
          + profile.map(p -> " for profile " + p).orElse("") + " (" + firstSentence(e.getMessage()) + "). Run `aws configure`"
          + " or `aws sso login`, set AWS_PROFILE, or pass --profile NAME; a local endpoint needs credentials too (any values,"
          + " e.g. AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local).");
    }
    if (e instanceof SdkClientException) {
      return new CliException(ExitCodes.AWS, "AWS_CLIENT_ERROR", "The call to " + where + " failed before an answer: "
          + firstSentence(e.getMessage()) + ". Check --endpoint-url, --region and the network, and run again.");
    }
    return new CliException(ExitCodes.AWS, "UNEXPECTED", "cutover failed unexpectedly: " + e
        + ". Nothing more was done; please report this with the command you ran.");
  }

  private static String awsMessage(Throwable e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null) {
      return s.awsErrorDetails().errorMessage();
    }
    return firstSentence(e.getMessage());
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** SDK messages run on with request ids and provider lists; the first sentence is what matters. */
  static String firstSentence(String message) {
    if (message == null) {
      return "no message";
    }
    // The default chain's message goes on to print every provider it tried, with their configuration.
    int chain = message.indexOf(" AwsCredentialsProviderChain(");
    if (chain > 0) {
      message = message.substring(0, chain);
    }
    int cut = message.indexOf(". ");
    String first = cut > 0 ? message.substring(0, cut) : message;
    return first.length() > 300 ? first.substring(0, 300) + "..." : first;
  }

  @SafeVarargs
  private static Optional<Throwable> cause(Throwable e, Class<? extends Throwable>... types) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return Optional.of(t);
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
