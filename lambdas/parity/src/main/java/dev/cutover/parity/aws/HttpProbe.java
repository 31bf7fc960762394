package dev.cutover.parity.aws;

import dev.cutover.parity.port.Probe;
import dev.cutover.parity.port.ProbeResponse;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * {@link Probe} over {@link java.net.http.HttpClient}: connect and request timeouts, redirects never
 * followed, the body streamed into a SHA-256 and dropped. A {@code gzip} body is hashed after
 * decoding (two edges may compress the same object into different bytes; a browser sees the same
 * file); a body that does not decode, or any other coding ({@code br}: the JDK has no Brotli
 * decoder), is hashed as received. At most {@code maxBodyBytes} are read, on the wire and after
 * decoding; beyond that the hash covers the start and the response says it was truncated.
 *
 * <p>In AWS the probe URL is {@code https://dxxxxxxxxxxxx.cloudfront.net/<key>}; the JDK sends the
 * Host header from the URL (it cannot be set by hand), so a local edge is reached by a URL of its
 * own, not by a Host override.
 */
public final class HttpProbe implements Probe {

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
  public static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

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
  public ProbeResponse get(URI url, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(requestTimeout);
    headers.forEach(request::header);
    try {
      HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      Map<String, String> received = new TreeMap<>();
      response.headers().map().forEach((name, values) -> received.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
      boolean gzip = response.headers().firstValue("content-encoding").map(e -> e.strip().equalsIgnoreCase("gzip")).orElse(false);
      try (InputStream body = response.body()) {
        Hashed hashed = hash(body, gzip);
        return new ProbeResponse(response.statusCode(), received, hashed.sha256, hashed.bytes, hashed.truncated, null);
      }
    } catch (HttpTimeoutException e) {
      return ProbeResponse.failed("no answer within " + requestTimeout.toSeconds() + " s (" + e.getMessage() + ")");
    } catch (IOException e) {
      return ProbeResponse.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResponse.failed("interrupted");
    }
  }

  private record Hashed(String sha256, long bytes, boolean truncated) {}

  private Hashed hash(InputStream body, boolean gzip) throws IOException {
    Bounded wire = new Bounded(body, maxBodyBytes);
    MessageDigest raw = sha256();
    DigestInputStream received = new DigestInputStream(wire, raw);
    byte[] buffer = new byte[64 * 1024];
    if (gzip) {
      MessageDigest decoded = sha256();
      long decodedBytes = 0;
      boolean decodedTruncated = false;
      try (GZIPInputStream inflated = new GZIPInputStream(received, buffer.length)) {
        for (int n; (n = inflated.read(buffer)) != -1; ) {
          int take = (int) Math.min(n, maxBodyBytes - decodedBytes);
          decoded.update(buffer, 0, take);
          decodedBytes += take;
          if (decodedBytes >= maxBodyBytes) {
            decodedTruncated = true;
            break;
          }
        }
        return new Hashed(hex(decoded), decodedBytes, decodedTruncated || wire.truncated);
      } catch (ZipException | EOFException e) {
        if (wire.truncated) {
          // The wire bound cut the stream: what was decoded is the start of the representation.
          return new Hashed(hex(decoded), decodedBytes, true);
        }
        // Not gzip after all: hash what was received, as a browser would fail on it alike on both sides.
        drain(received, buffer);
        return new Hashed(hex(raw), wire.count, wire.truncated);
      }
    }
    drain(received, buffer);
    return new Hashed(hex(raw), wire.count, wire.truncated);
  }

  private static void drain(InputStream in, byte[] buffer) throws IOException {
    while (in.read(buffer) != -1) {
      // digested as it is read
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Ends after {@code max} bytes, noting whether the stream had more. */
  private static final class Bounded extends FilterInputStream {

    private final long max;
    private long count;
    private boolean truncated;

    Bounded(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (count >= max) {
        if (!truncated && in.read() != -1) {
          truncated = true;
        }
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, max - count));
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
