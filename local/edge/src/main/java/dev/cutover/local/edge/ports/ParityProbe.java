package dev.cutover.local.edge.ports;

import dev.cutover.local.edge.Viewers;
import dev.cutover.parity.port.Probe;
import dev.cutover.parity.port.ProbeResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Parity's {@link Probe} on the laptop: a GET of {@code http://<dxxxx.cloudfront.net>:<edge
 * port>/key} (what {@code ParityHandler.local}'s {@code edgeAddress} should map a domain name to,
 * e.g. {@link dev.cutover.local.edge.LocalEdge#urlFor}) sent to the address the name resolves to
 * with the name as Host, since {@code *.cloudfront.net} does not resolve locally. Answers as the
 * AWS adapter {@code HttpProbe} does: redirects not followed, headers by lowercase name, the body
 * hashed (after removing a gzip coding) and dropped, at most {@code maxBodyBytes}.
 */
public final class ParityProbe implements Probe {

  private final HttpClient client;
  private final Function<String, Optional<InetSocketAddress>> resolver;
  private final Duration requestTimeout;
  private final long maxBodyBytes;

  /**
   * @param resolver a name to the address it resolves to (every name to the edge, or the local zone's view)
   */
  public ParityProbe(Function<String, Optional<InetSocketAddress>> resolver, Duration requestTimeout, long maxBodyBytes) {
    this.resolver = resolver;
    this.client = Viewers.client(resolver, Duration.ofSeconds(5));
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public ProbeResponse get(URI url, Map<String, String> headers) {
    if (resolver.apply(url.getHost()).isEmpty()) {
      return ProbeResponse.failed("UnknownHostException: " + url.getHost() + " does not resolve");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(requestTimeout);
    headers.forEach(request::header);
    try {
      HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      Map<String, String> received = new TreeMap<>();
      response.headers().map().forEach((name, values) -> received.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
      boolean gzip = response.headers().firstValue("content-encoding").map(e -> e.strip().equalsIgnoreCase("gzip")).orElse(false);
      byte[] body;
      boolean truncated;
      try (InputStream in = response.body()) {
        body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes));
        truncated = in.read() != -1;
      }
      byte[] hashed = body;
      if (gzip) {
        try (InputStream inflated = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
          hashed = inflated.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes));
        } catch (IOException e) {
          hashed = body;
        }
      }
      return new ProbeResponse(response.statusCode(), received, sha256(hashed), hashed.length, truncated, null);
    } catch (HttpTimeoutException e) {
      return ProbeResponse.failed("no answer within " + requestTimeout.toSeconds() + " s (" + e.getMessage() + ")");
    } catch (IOException e) {
      return ProbeResponse.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResponse.failed("interrupted");
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
