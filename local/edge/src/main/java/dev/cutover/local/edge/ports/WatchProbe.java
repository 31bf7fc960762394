package dev.cutover.local.edge.ports;

import dev.cutover.local.edge.Viewers;
import dev.cutover.watch.port.Probe;
import dev.cutover.watch.port.ProbeOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The watch's {@link Probe} on the laptop: a GET of {@code http://<public hostname>:<edge
 * port>/key} (what {@code WatchHandler.local}'s {@code hostAddress} should map the hostname to)
 * sent to the address the hostname resolves to — with the local zone's resolver, through the
 * record the cutover moved — and the hostname as Host, as a browser would. The body is read to
 * its end; a name that does not resolve, a refused connection or a timeout is a failed outcome.
 */
public final class WatchProbe implements Probe {

  private final HttpClient client;
  private final Function<String, Optional<InetSocketAddress>> resolver;
  private final Duration requestTimeout;

  public WatchProbe(Function<String, Optional<InetSocketAddress>> resolver, Duration requestTimeout) {
    this.resolver = resolver;
    this.client = Viewers.client(resolver, Duration.ofSeconds(3));
    this.requestTimeout = requestTimeout;
  }

  @Override
  public ProbeOutcome get(URI url) {
    if (resolver.apply(url.getHost()).isEmpty()) {
      return ProbeOutcome.failed("UnknownHostException: " + url.getHost() + " does not resolve");
    }
    HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(requestTimeout)
        .header("Accept-Encoding", "gzip").header("User-Agent", "cutover-watch").build();
    try {
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        body.transferTo(OutputStream.nullOutputStream());
      }
      return ProbeOutcome.answered(response.statusCode());
    } catch (HttpTimeoutException e) {
      return ProbeOutcome.failed("no answer within " + requestTimeout.toSeconds() + " s (" + e.getMessage() + ")");
    } catch (IOException e) {
      return ProbeOutcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeOutcome.failed("interrupted");
    }
  }
}
