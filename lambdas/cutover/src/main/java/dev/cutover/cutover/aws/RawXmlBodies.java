package dev.cutover.cutover.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Lets a call send and receive its XML body as bytes while the SDK still signs, retries, resolves
 * the endpoint and parses errors.
 *
 * <p>UpdateDistribution replaces a distribution's whole configuration: an element left out is
 * reset to its default. Going through the SDK's model would drop every element this SDK version
 * does not know (CloudFront keeps adding settings), silently resetting them on blue's or green's
 * live distribution. So the configuration GetDistributionConfig returned is kept as bytes, only
 * its {@code Aliases} element is edited, and those bytes are what UpdateDistribution sends.
 *
 * <p>A request opts in with an execution attribute: {@link #SEND} replaces the marshalled body,
 * {@link #RECEIVED} captures a successful response's body before the SDK parses it.
 */
public final class RawXmlBodies implements ExecutionInterceptor {

  /** Bytes to send instead of the body the SDK marshalled. */
  static final ExecutionAttribute<byte[]> SEND = new ExecutionAttribute<>("cutover.cutover.RawXmlBodies.send");

  /** Receives the bytes of a successful response. */
  static final ExecutionAttribute<AtomicReference<byte[]>> RECEIVED =
      new ExecutionAttribute<>("cutover.cutover.RawXmlBodies.received");

  private RawXmlBodies() {}

  /** Adds the interceptor to a builder, keeping the override configuration already set on it. */
  public static <B extends SdkClientBuilder<B, C>, C> B install(B builder) {
    ClientOverrideConfiguration current = builder.overrideConfiguration();
    ClientOverrideConfiguration.Builder updated =
        current == null ? ClientOverrideConfiguration.builder() : current.toBuilder();
    return builder.overrideConfiguration(updated.addExecutionInterceptor(new RawXmlBodies()).build());
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    byte[] body = attributes.getAttribute(SEND);
    if (body == null) {
      return context.httpRequest();
    }
    return context.httpRequest().toBuilder().putHeader("Content-Length", Integer.toString(body.length)).build();
  }

  @Override
  public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    byte[] body = attributes.getAttribute(SEND);
    return body == null ? context.requestBody() : Optional.of(RequestBody.fromBytes(body));
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    AtomicReference<byte[]> sink = attributes.getAttribute(RECEIVED);
    Optional<InputStream> body = context.responseBody();
    if (sink == null || body.isEmpty() || !context.httpResponse().isSuccessful()) {
      return body;
    }
    try (InputStream in = body.get()) {
      byte[] bytes = in.readAllBytes();
      sink.set(bytes);
      return Optional.of(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the response body failed", e);
    }
  }
}
