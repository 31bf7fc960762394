package dev.cutover.approval.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;

/**
 * Cuts the task token out of Step Functions' error responses before the SDK reads them.
 *
 * <p>Step Functions may quote the token in an error message (the local endpoint does, for {@code
 * InvalidToken}). Redacting the exception afterwards is too late: the SDK's retry stages log each
 * failed attempt's exception, message included, at DEBUG, and {@code POWERTOOLS_LOG_LEVEL=DEBUG}
 * turns every logger, the SDK's too, to DEBUG. So the body is rewritten as it arrives, once per
 * attempt, and no exception the SDK builds ever holds the token.
 */
final class TokenRedactingInterceptor implements ExecutionInterceptor {

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Optional<InputStream> body = context.responseBody();
    String token = token(context.request());
    if (token == null || body.isEmpty() || context.httpResponse().isSuccessful()) {
      return body;
    }
    try (InputStream in = body.get()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // As sent, and with '/' escaped as JSON may escape it.
      String redacted = SfnTaskCallbacks.redact(SfnTaskCallbacks.redact(text, token), token.replace("/", "\\/"));
      return Optional.of(new ByteArrayInputStream(redacted.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading Step Functions' error response", e);
    }
  }

  private static String token(SdkRequest request) {
    return switch (request) {
      case SendTaskSuccessRequest success -> success.taskToken();
      case SendTaskFailureRequest failure -> failure.taskToken();
      default -> null;
    };
  }
}
