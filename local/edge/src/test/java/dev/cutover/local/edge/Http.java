package dev.cutover.local.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A viewer for tests: GETs through the edge with a Host of its choosing (see {@link Viewers}). */
final class Http {

  private final LocalEdge edge;
  private final HttpClient client;

  Http(LocalEdge edge) {
    this.edge = edge;
    this.client = Viewers.toEdge(edge.address(), Duration.ofSeconds(5));
  }

  HttpResponse<byte[]> get(String host, String path, String... headers) {
    return send(host, path, "GET", headers);
  }

  HttpResponse<byte[]> head(String host, String path, String... headers) {
    return send(host, path, "HEAD", headers);
  }

  HttpResponse<byte[]> send(String host, String path, String method, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(edge.urlFor(host) + path)).method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  static String servedBy(HttpResponse<?> response) {
    return response.headers().firstValue(LocalEdge.DISTRIBUTION_HEADER).orElse(null);
  }
}
