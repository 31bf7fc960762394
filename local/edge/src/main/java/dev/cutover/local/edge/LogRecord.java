package dev.cutover.local.edge;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One request as the edge logs it: the 33 fields of CloudFront's standard log file format, in
 * their order ({@link #FIELDS}). {@link #line()} writes them as CloudFront does: tab-separated,
 * {@code -} for an empty value, and the request path, query, referrer and user agent with
 * CloudFront's log encoding (controls, space, non-ASCII and {@code " # % < > [ \ ] ^ ` { | } ~ '}
 * as {@code %XX}), so a path that was %-encoded on the wire is encoded twice ({@code /a%20b.js} is
 * logged {@code /a%2520b.js}). The metrics are counted from these records too.
 *
 * @param at when the request was received (the edge's clock)
 * @param distributionId the distribution that served it
 * @param edgeLocation {@code x-edge-location}
 * @param scBytes bytes sent to the viewer, headers included
 * @param clientIp {@code c-ip}
 * @param method {@code cs-method}
 * @param distributionDomain {@code cs(Host)}: the distribution's own domain name
 * @param rawPath {@code cs-uri-stem} before the log encoding: the path as sent
 * @param status {@code sc-status}
 * @param referer {@code cs(Referer)}, or null
 * @param userAgent {@code cs(User-Agent)}, or null
 * @param rawQuery {@code cs-uri-query} before the log encoding, or null
 * @param resultType {@code x-edge-result-type}: Hit, Miss, Error
 * @param requestId {@code x-edge-request-id}, also the {@code X-Amz-Cf-Id} header
 * @param hostHeader {@code x-host-header}: the Host header the viewer sent
 * @param protocol {@code cs-protocol}
 * @param csBytes bytes the viewer sent
 * @param timeTakenSeconds {@code time-taken}
 * @param protocolVersion {@code cs-protocol-version}, e.g. {@code HTTP/1.1}
 * @param clientPort {@code c-port}
 * @param detailedResultType {@code x-edge-detailed-result-type}
 * @param contentType {@code sc-content-type}, or null
 * @param contentLength {@code sc-content-len}, or -1
 * @param rangeStart {@code sc-range-start}, or -1
 * @param rangeEnd {@code sc-range-end}, or -1
 */
public record LogRecord(
    Instant at,
    String distributionId,
    String edgeLocation,
    long scBytes,
    String clientIp,
    String method,
    String distributionDomain,
    String rawPath,
    int status,
    String referer,
    String userAgent,
    String rawQuery,
    String resultType,
    String requestId,
    String hostHeader,
    String protocol,
    long csBytes,
    double timeTakenSeconds,
    String protocolVersion,
    int clientPort,
    String detailedResultType,
    String contentType,
    long contentLength,
    long rangeStart,
    long rangeEnd) {

  /** The fields of a standard log line, in order, as the {@code #Fields:} header line names them. */
  public static final List<String> FIELDS =
      List.of(
          "date", "time", "x-edge-location", "sc-bytes", "c-ip", "cs-method", "cs(Host)", "cs-uri-stem", "sc-status",
          "cs(Referer)", "cs(User-Agent)", "cs-uri-query", "cs(Cookie)", "x-edge-result-type", "x-edge-request-id",
          "x-host-header", "cs-protocol", "cs-bytes", "time-taken", "x-forwarded-for", "ssl-protocol", "ssl-cipher",
          "x-edge-response-result-type", "cs-protocol-version", "fle-status", "fle-encrypted-fields", "c-port",
          "time-to-first-byte", "x-edge-detailed-result-type", "sc-content-type", "sc-content-len", "sc-range-start",
          "sc-range-end");

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Bytes besides controls, space and non-ASCII that CloudFront writes %-encoded in a log field. */
  private static final String LOG_ENCODED = "\"#%<>[\\]^`{|}~'";

  /** The tab-separated line, without a line break. */
  public String line() {
    String time = String.format(Locale.ROOT, "%.3f", timeTakenSeconds);
    String tls = "https".equals(protocol) ? "TLSv1.3" : null;
    String cipher = tls == null ? null : "TLS_AES_128_GCM_SHA256";
    List<String> values =
        List.of(
            DATE.format(at),
            TIME.format(at),
            edgeLocation,
            Long.toString(scBytes),
            clientIp,
            method,
            distributionDomain,
            field(encoded(rawPath)),
            Integer.toString(status),
            field(encoded(referer)),
            field(encoded(userAgent)),
            field(encoded(rawQuery)),
            "-",
            resultType,
            requestId,
            field(hostHeader),
            protocol,
            Long.toString(csBytes),
            time,
            "-",
            field(tls),
            field(cipher),
            resultType,
            protocolVersion,
            "-",
            "-",
            Integer.toString(clientPort),
            time,
            detailedResultType,
            field(contentType),
            contentLength < 0 ? "-" : Long.toString(contentLength),
            rangeStart < 0 ? "-" : Long.toString(rangeStart),
            rangeEnd < 0 ? "-" : Long.toString(rangeEnd));
    return String.join("\t", values);
  }

  /** A value with CloudFront's log encoding: its UTF-8 bytes, the unsafe ones as {@code %XX}. */
  public static String encoded(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c <= 0x20 || c >= 0x7F || LOG_ENCODED.indexOf(c) >= 0) {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  private static String field(String value) {
    return value == null || value.isEmpty() ? "-" : value.replace('\t', ' ');
  }
}
