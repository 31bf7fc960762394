package dev.cutover.parity.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * A stand-in for one distribution's {@code dxxxx.cloudfront.net} name on 127.0.0.1: serves objects
 * by key from the decoded request path (behind an optional origin path, as CloudFront prepends
 * it), compresses compressible objects with gzip when the viewer accepts it, answers CORS for one
 * allowed origin, and answers a missing key with S3's 403-style XML error carrying a fresh request
 * id. Every request is recorded with its raw (still encoded) path and headers.
 */
public final class LocalEdge implements AutoCloseable {

  /** An object as the edge serves it. */
  public record Asset(int status, String contentType, String cacheControl, String contentEncoding, byte[] body, boolean compressible, Map<String, String> headers) {

    public static Asset of(String contentType, String body) {
      return new Asset(200, contentType, "public, max-age=31536000, immutable", null, body.getBytes(StandardCharsets.UTF_8), contentType.startsWith("text/") || contentType.contains("javascript"), Map.of());
    }

    public Asset withContentType(String type) {
      return new Asset(status, type, cacheControl, contentEncoding, body, compressible, headers);
    }

    public Asset withBody(String text) {
      return new Asset(status, contentType, cacheControl, contentEncoding, text.getBytes(StandardCharsets.UTF_8), compressible, headers);
    }

    /** Stored already encoded (e.g. a pre-gzipped script with Content-Encoding metadata): served as is. */
    public Asset storedEncoded(String encoding, byte[] bytes) {
      return new Asset(status, contentType, cacheControl, encoding, bytes, false, headers);
    }

    public Asset withStatus(int code, Map<String, String> extra) {
      return new Asset(code, contentType, cacheControl, contentEncoding, body, compressible, extra);
    }
  }

  /** One request as it arrived. */
  public record Request(String rawPath, Map<String, String> headers) {}

  private final HttpServer server;
  private final Map<String, Asset> objects = new ConcurrentHashMap<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private volatile String originPath = "";
  private volatile boolean compresses = true;
  private volatile String corsOrigin = "https://assets.example.com";

  public LocalEdge() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Serves {@code asset} at {@code key}; {@code "/"} is the root (the default root object). */
  public LocalEdge put(String key, Asset asset) {
    objects.put(key, asset);
    return this;
  }

  public LocalEdge remove(String key) {
    objects.remove(key);
    return this;
  }

  /** The origin path CloudFront prepends to the request path, e.g. {@code /static}. */
  public LocalEdge originPath(String path) {
    this.originPath = path;
    return this;
  }

  public LocalEdge compresses(boolean on) {
    this.compresses = on;
    return this;
  }

  /** The one origin CORS answers for; {@code null} for no CORS at all. */
  public LocalEdge cors(String origin) {
    this.corsOrigin = origin;
    return this;
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", values)));
      requests.add(new Request(exchange.getRequestURI().getRawPath(), headers));
      String path = exchange.getRequestURI().getPath();
      String key = path.equals("/") ? "/" : (originPath.isEmpty() ? "" : originPath.substring(1) + "/") + path.substring(1);
      Asset asset = objects.get(key);
      Headers out = exchange.getResponseHeaders();
      String origin = headers.get("origin");
      if (corsOrigin != null && corsOrigin.equals(origin)) {
        out.add("Access-Control-Allow-Origin", origin);
        out.add("Access-Control-Allow-Methods", "GET, HEAD");
        out.add("Vary", "Origin");
      }
      out.add("X-Cache", "Miss from cloudfront");
      out.add("X-Amz-Cf-Id", UUID.randomUUID().toString());
      if (asset == null) {
        byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>"
            + UUID.randomUUID() + "</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        out.add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(403, error.length);
        exchange.getResponseBody().write(error);
        return;
      }
      out.add("Content-Type", asset.contentType());
      if (asset.cacheControl() != null) {
        out.add("Cache-Control", asset.cacheControl());
      }
      asset.headers().forEach(out::add);
      byte[] body = asset.body();
      if (asset.contentEncoding() != null) {
        out.add("Content-Encoding", asset.contentEncoding());
      } else if (compresses && asset.compressible() && headers.getOrDefault("accept-encoding", "").contains("gzip")) {
        body = gzip(body);
        out.add("Content-Encoding", "gzip");
      }
      exchange.sendResponseHeaders(asset.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream response = exchange.getResponseBody()) {
        response.write(body);
      }
    }
  }

  public static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
