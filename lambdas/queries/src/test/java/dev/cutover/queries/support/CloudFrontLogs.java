package dev.cutover.queries.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * CloudFront standard log files as CloudFront writes them, for tests: gzip'd, two header lines
 * ({@code #Version: 1.0}, {@code #Fields: ...}), then one line per request of the 33
 * tab-separated fields of the standard log file format ({@code -} for an empty value), filed as
 * standard logging v2 files them with Hive-compatible paths ({@code
 * distributionid=E.../year=YYYY/month=MM/day=DD/hour=HH/E....YYYY-MM-DD-HH.<unique>.gz}).
 *
 * <p>The path field is built the way it arrives: the key as a client puts it on the wire ({@link
 * Client}), then CloudFront's log encoding on top ({@link #logged}), so a test can check that the
 * log scan query gets the key back. {@code DuckDbQueries#createCloudFrontLogView} reads them as
 * the Athena table does.
 */
public final class CloudFrontLogs {

  /** The fields of a standard log line, in order, as the {@code #Fields:} line names them. */
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
  private static final DateTimeFormatter FILE_HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH").withZone(ZoneOffset.UTC);

  /** Bytes besides controls, space and non-ASCII that CloudFront writes %-encoded in a log field. */
  private static final String LOG_ENCODED = "\"#%<>[\\]^`{|}~'";

  /** Characters a path may carry as they are (RFC 3986 unreserved, sub-delims, ':', '@', '/'). */
  private static final String PATH_SAFE = "-._~!$&'()*+,;=:@/";

  private CloudFrontLogs() {}

  /** How a client puts a key on the wire. */
  public enum Client {
    /** A browser: every byte outside the path-safe set %-encoded as UTF-8 ({@code +} as it is). */
    BROWSER,
    /** A script that encodes each segment as a URI component: also {@code +} as {@code %2B}. */
    COMPONENT_ENCODER,
    /** A client that sends non-ASCII characters as raw UTF-8 bytes, %-encoding only the rest. */
    RAW_UTF8
  }

  /**
   * One request as the log records it.
   *
   * @param at when it was received (the {@code date} and {@code time} fields)
   * @param filedUnder the hour whose partition the line is filed under (usually {@code at}'s)
   * @param distributionId the distribution that served it
   * @param method {@code cs-method}
   * @param status {@code sc-status}
   * @param stem {@code cs-uri-stem} exactly as logged
   */
  public record Request(Instant at, Instant filedUnder, String distributionId, String method, int status, String stem) {

    /** A request for {@code key} ({@code ""} for {@code /}) sent by {@code client}, filed under its own hour. */
    public static Request of(Instant at, String distributionId, String method, int status, String key, Client client) {
      return new Request(at, at, distributionId, method, status, logged(wirePath(key, client)));
    }

    /** The same request, filed under another hour (a late delivery). */
    public Request filedUnder(Instant hour) {
      return new Request(at, hour, distributionId, method, status, stem);
    }
  }

  /** The path a client sends for {@code key}: {@code /} and the key, encoded as {@code client} does. */
  public static String wirePath(String key, Client client) {
    StringBuilder path = new StringBuilder("/");
    key.codePoints().forEach(cp -> {
      String ch = new String(Character.toChars(cp));
      boolean ascii = cp < 0x80;
      boolean safe = ascii && (Character.isLetterOrDigit(cp) || PATH_SAFE.indexOf(cp) >= 0);
      if (client == Client.COMPONENT_ENCODER && cp == '+') {
        safe = false;
      }
      if (safe || (!ascii && client == Client.RAW_UTF8)) {
        path.append(ch);
      } else {
        percentEncode(path, ch.getBytes(StandardCharsets.UTF_8));
      }
    });
    return path.toString();
  }

  /**
   * A path as CloudFront writes it into {@code cs-uri-stem}: its UTF-8 bytes, with controls,
   * space, non-ASCII and {@code " # % < > [ \ ] ^ ` { | } ~ '} %-encoded. A path that was already
   * %-encoded on the wire is so encoded twice: {@code %20} is logged {@code %2520}.
   */
  public static String logged(String path) {
    StringBuilder logged = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c <= 0x20 || c >= 0x7F || LOG_ENCODED.indexOf(c) >= 0) {
        percentEncode(logged, new byte[] {b});
      } else {
        logged.append((char) c);
      }
    }
    return logged.toString();
  }

  /** The column a {@code #Fields:} name becomes in the table: lower case, {@code -} and {@code ()} as {@code _}. */
  public static String columnName(String field) {
    return field.toLowerCase(Locale.ROOT).replace("(", "_").replace(")", "").replace('-', '_');
  }

  /** The folder (under the delivery's location) that the v2 delivery files an hour's logs in. */
  public static String partitionPath(String distributionId, Instant hour) {
    var t = hour.atOffset(ZoneOffset.UTC);
    return "distributionid=%s/year=%04d/month=%02d/day=%02d/hour=%02d/".formatted(distributionId, t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
  }

  /**
   * Writes {@code requests} under {@code root} as gzip'd log files, at most {@code linesPerFile}
   * lines each, one folder per distribution and hour filed under.
   */
  public static void write(Path root, List<Request> requests, int linesPerFile, long seed) {
    Random random = new Random(seed);
    Map<String, List<Request>> byPartition = new LinkedHashMap<>();
    for (Request r : requests) {
      byPartition.computeIfAbsent(partitionPath(r.distributionId(), r.filedUnder().truncatedTo(ChronoUnit.HOURS)), k -> new ArrayList<>()).add(r);
    }
    byPartition.forEach((partition, lines) -> {
      Request first = lines.get(0);
      for (int from = 0; from < lines.size(); from += linesPerFile) {
        String file = first.distributionId() + "." + FILE_HOUR.format(first.filedUnder()) + "." + HexFormat.of().toHexDigits(random.nextInt()) + ".gz";
        write(root.resolve(partition).resolve(file), lines.subList(from, Math.min(lines.size(), from + linesPerFile)), random);
      }
    });
  }

  /** The text of one log file: the two header lines, then a line per request. */
  public static String file(List<Request> requests, Random random) {
    StringBuilder text = new StringBuilder("#Version: 1.0\n#Fields: ").append(String.join(" ", FIELDS)).append('\n');
    for (Request r : requests) {
      text.append(line(r, random)).append('\n');
    }
    return text.toString();
  }

  /** One log line: the 33 fields, tab-separated, realistic values around the request's own. */
  public static String line(Request r, Random random) {
    boolean ok = r.status() < 400;
    boolean head = r.method().equals("HEAD");
    String type = r.status() >= 500 ? "Error" : r.status() >= 400 ? "Error" : random.nextBoolean() ? "Hit" : "Miss";
    long size = ok && r.status() != 304 && !head ? 200 + random.nextInt(90_000) : 0;
    List<String> values =
        List.of(
            DATE.format(r.at()),
            TIME.format(r.at()),
            List.of("LHR50-P2", "FRA56-P7", "IAD89-C1", "NRT57-P3").get(random.nextInt(4)),
            Long.toString(size + 380),
            "198.51.100." + (1 + random.nextInt(250)),
            r.method(),
            "d111111abcdef8.cloudfront.net",
            r.stem(),
            Integer.toString(r.status()),
            random.nextBoolean() ? "-" : "https://www.example.com/",
            "Mozilla/5.0%20(X11;%20Linux%20x86_64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)%20Chrome/131.0.0.0%20Safari/537.36",
            random.nextInt(4) == 0 ? "v=3" : "-",
            "-",
            type,
            requestId(random),
            "assets.example.com",
            "https",
            Integer.toString(120 + random.nextInt(400)),
            "0.00" + (1 + random.nextInt(9)),
            "-",
            "TLSv1.3",
            "TLS_AES_128_GCM_SHA256",
            type,
            "HTTP/2.0",
            "-",
            "-",
            Integer.toString(1024 + random.nextInt(60_000)),
            "0.00" + (1 + random.nextInt(9)),
            type,
            ok ? "application/javascript" : "application/xml",
            size == 0 ? "-" : Long.toString(size),
            "-",
            "-");
    if (values.size() != FIELDS.size()) {
      throw new IllegalStateException(values.size() + " values for " + FIELDS.size() + " fields");
    }
    return String.join("\t", values);
  }


  private static void write(Path file, List<Request> requests, Random random) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(file(requests, random).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An {@code x-edge-request-id}: 56 characters of URL-safe base64. */
  private static String requestId(Random random) {
    byte[] id = new byte[42];
    random.nextBytes(id);
    return Base64.getUrlEncoder().encodeToString(id);
  }

  private static void percentEncode(StringBuilder to, byte[] bytes) {
    for (byte b : bytes) {
      to.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
    }
  }
}
