package dev.cutover.watch.aws;

import dev.cutover.watch.port.Probe;
import dev.cutover.watch.port.ProbeOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Probe} over {@link java.net.http.HttpClient}, tuned for a health check rather than a
 * comparison: short connect and request timeouts, redirects not followed (a redirect is a healthy
 * answer), {@code Accept-Encoding: gzip} as a browser sends it. The body is read and dropped up to
 * {@code maxBodyBytes}, so a response whose body breaks off fails as it would in a browser; past
 * the bound the rest is not downloaded and the status stands.
 *
 * <p>The request timeout bounds the whole exchange, body included (the JDK's own request timeout
 * stops at the response headers): a stalled body is a failure, not a hung sample.
 */
public final class HttpProbe implements Probe {

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final long MAX_BODY_BYTES = 1024 * 1024;

  static final String USER_AGENT = "cutover-watch";

  private final HttpClient client;
  private final Duration requestTimeout;
  private final long maxBodyBytes;

  public HttpProbe() {
    this(CONNECT_TIMEOUT, REQUEST_TIMEOUT, MAX_BODY_BYTES);
  }

  public HttpProbe(Duration connectTimeout, Duration requestTimeout, long maxBodyBytes) {
    this(
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build(),
        requestTimeout,
        maxBodyBytes);
  }

  /**
   * Probes through {@code client}, which must not follow redirects: the local runtime's, whose
   * client sends each request to the local edge for the name it asks for.
   */
  public HttpProbe(HttpClient client, Duration requestTimeout, long maxBodyBytes) {
    this.client = client;
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public ProbeOutcome get(URI url) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .GET()
            .timeout(requestTimeout)
            .header("Accept-Encoding", "gzip")
            .header("User-Agent", USER_AGENT)
            .build();
    CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request, info -> new Drain(maxBodyBytes));
    try {
      return ProbeOutcome.answered(exchange.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS).statusCode());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return ProbeOutcome.failed("no complete answer within " + requestTimeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        return ProbeOutcome.failed("no answer within " + requestTimeout.toSeconds() + " s (" + cause.getMessage() + ")");
      }
      return ProbeOutcome.failed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return ProbeOutcome.failed("interrupted");
    }
  }

  /**
   * Drops the body; done at its end, or as soon as {@code max} bytes have arrived (the rest is
   * cancelled). A body that breaks off completes exceptionally.
   */
  private static final class Drain implements HttpResponse.BodySubscriber<Void> {

    private final long max;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long received;

    Drain(long max) {
      this.max = max;
    }

    @Override
    public CompletionStage<Void> getBody() {
      return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        received += item.remaining();
      }
      if (received >= max) {
        subscription.cancel();
        done.complete(null);
      } else {
        subscription.request(1);
      }
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      done.complete(null);
    }
  }
}
