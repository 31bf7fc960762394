package dev.cutover.local.edge;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponse;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyCorsConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyCustomHeader;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyRemoveHeader;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicySecurityHeadersConfig;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Serves one request as CloudFront serves it from an S3 origin, with the deployed configuration of
 * the distribution its Host header routes to:
 *
 * <ol>
 *   <li>The behaviour is the first cache behaviour whose path pattern matches the path as sent,
 *       else the default; a method it does not allow is refused with 403.
 *   <li>The key is the path, %-decoded once ({@code +} stays a plus), without its leading {@code
 *       /}, behind the origin's origin path; {@code /} is the default root object.
 *   <li>The object comes from the origin bucket with its headers (Content-Type, Cache-Control,
 *       Content-Encoding, Content-Disposition, Content-Language, Expires, ETag, Last-Modified,
 *       {@code x-amz-meta-*}, version id, website redirect). {@code If-Match}, {@code
 *       If-None-Match} and {@code If-Modified-Since} are answered 412 / 304; a single byte {@code
 *       Range} 206 with Content-Range, or 416 when it starts past the end.
 *   <li>With the behaviour's Compress on, a compressible type of 1 000 to 10 000 000 bytes stored
 *       without a Content-Encoding is sent gzip'd to a viewer that accepts gzip.
 *   <li>An origin error with a custom error response is answered with its page and response code;
 *       otherwise with S3's error.
 *   <li>The behaviour's response headers policy is applied (CORS, security headers, custom
 *       headers, removed headers), then CloudFront's own headers: {@code Via}, {@code X-Cache},
 *       {@code X-Amz-Cf-Pop}, {@code X-Amz-Cf-Id}, and {@value LocalEdge#DISTRIBUTION_HEADER}.
 * </ol>
 *
 * <p>Every request counts as received over HTTPS (the edge stands in for TLS termination), so a
 * viewer protocol policy never redirects. Only HTTP/1.1 is spoken whatever the HTTP versions say.
 */
final class EdgeHandler implements HttpHandler {

  static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private static final Set<String> COMPRESSIBLE_PREFIXES = Set.of("text/");
  private static final Set<String> COMPRESSIBLE =
      Set.of(
          "application/javascript", "application/x-javascript", "application/json", "application/xml", "application/xhtml+xml",
          "application/rss+xml", "application/atom+xml", "application/manifest+json", "application/ld+json", "application/wasm",
          "image/svg+xml", "image/x-icon", "image/vnd.microsoft.icon", "font/ttf", "font/otf", "application/vnd.ms-fontobject",
          "application/x-font-ttf", "application/x-font-opentype");

  /** A response being assembled: headers in a case-insensitive map that keeps the first spelling. */
  private static final class Reply {
    int status;
    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byte[] body;
    long headLength = -1;
    String resultType;
    long rangeStart = -1;
    long rangeEnd = -1;

    Reply(int status, String resultType) {
      this.status = status;
      this.resultType = resultType;
    }
  }

  /** What the origin answered. */
  private record Fetched(int status, Map<String, String> headers, byte[] body, long contentLength, String errorCode, String errorMessage) {}

  private final LocalEdge edge;
  private final Set<String> cached = ConcurrentHashMap.newKeySet();

  EdgeHandler(LocalEdge edge) {
    this.edge = edge;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    Instant at = edge.clock().instant();
    try (exchange) {
      String hostHeader = exchange.getRequestHeaders().getFirst("Host");
      String requestId = edge.newRequestId();
      ServingConfig d = edge.routing().route(HostNames.ofHostHeader(hostHeader));
      if (d == null) {
        edge.unrouted();
        Reply reply = cloudFrontError(403, "Bad request.", "We can't connect to the server for this app or website at this time."
            + " There might be too much traffic or a configuration error.", requestId);
        cloudFrontHeaders(reply, null, requestId);
        write(exchange, reply);
        return;
      }
      Reply reply;
      try {
        reply = serve(d, exchange, requestId);
      } catch (RuntimeException e) {
        reply = cloudFrontError(502, "Bad gateway.", "CloudFront wasn't able to connect to the origin. (" + e.getClass().getSimpleName() + ")", requestId);
      }
      cloudFrontHeaders(reply, d, requestId);
      // Recorded before the answer goes out: a viewer that has its answer can count on the logs and
      // metrics having it (CI caught a test reading the count before the record). time-taken is
      // measured up to the answer's first byte.
      long sent = sentBytes(exchange, reply);
      double taken = (System.nanoTime() - started) / 1e9;
      edge.record(logRecord(exchange, at, d, reply, requestId, hostHeader, sent, taken));
      write(exchange, reply);
    }
  }

  private Reply serve(ServingConfig d, HttpExchange exchange, String requestId) {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String rawPath = exchange.getRequestURI().getRawPath();
    if (rawPath == null || rawPath.isEmpty()) {
      rawPath = "/";
    }
    Headers request = exchange.getRequestHeaders();
    int fault = edge.faultFor(d.distributionId);
    if (fault != 0) {
      return cloudFrontError(fault, "Service unavailable.", "The request could not be satisfied (injected fault).", requestId);
    }
    ServingConfig.Behavior behavior = d.behaviorFor(rawPath);
    ResponseHeadersPolicyConfig policy = policyOf(behavior);
    if (!behavior.allowedMethods().contains(method)) {
      Reply refused = cloudFrontError(403, "Bad request.", "This distribution is not configured to allow the HTTP request method that was used"
          + " for this request. The distribution supports only cachable requests.", requestId);
      return applyPolicy(refused, policy, request, false);
    }
    if (method.equals("OPTIONS")) {
      Reply preflight = new Reply(200, "Miss");
      preflight.body = new byte[0];
      return applyPolicy(preflight, policy, request, request.getFirst("Access-Control-Request-Method") != null);
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      Reply refused = s3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", rawPath, requestId);
      return applyPolicy(refused, policy, request, false);
    }
    boolean head = method.equals("HEAD");
    String key;
    try {
      key = rawPath.equals("/") && d.defaultRootObject != null ? d.defaultRootObject : decodePath(rawPath).substring(1);
    } catch (IllegalArgumentException e) {
      return applyPolicy(cloudFrontError(400, "Bad request.", "The request path is not a valid URL path: " + e.getMessage(), requestId), policy, request, false);
    }
    ServingConfig.OriginTarget origin = d.origins.get(behavior.targetOriginId());
    if (origin == null || origin.bucket() == null) {
      return cloudFrontError(502, "Bad gateway.", "The local edge reaches S3 origins only; origin " + behavior.targetOriginId() + " is "
          + (origin == null ? "missing" : origin.domainName()) + ".", requestId);
    }
    Fetched fetched = fetch(origin.bucket(), originKey(origin, key), head);
    Reply reply;
    if (fetched.status() >= 400) {
      reply = errorReply(d, fetched, head, requestId, originKey(origin, key));
    } else {
      String cacheKey = d.distributionId + "\u0000" + key;
      boolean hit = !cached.add(cacheKey);
      reply = objectReply(fetched, request, behavior, head, hit ? "Hit" : "Miss");
    }
    return applyPolicy(reply, policy, request, false);
  }

  // ------------------------------------------------------------------ origin

  private Fetched fetch(String bucket, String key, boolean head) {
    try {
      if (head) {
        HeadObjectResponse r = edge.origin().headObject(b -> b.bucket(bucket).key(key));
        Map<String, String> h = objectHeaders(r.contentType(), r.cacheControl(), r.contentEncoding(), r.contentDisposition(), r.contentLanguage(),
            r.expiresString(), r.eTag(), r.lastModified(), r.metadata(), r.versionId(), r.websiteRedirectLocation(), r.serverSideEncryptionAsString());
        return new Fetched(200, h, null, r.contentLength() == null ? 0 : r.contentLength(), null, null);
      }
      ResponseBytes<GetObjectResponse> bytes = edge.origin().getObjectAsBytes(b -> b.bucket(bucket).key(key));
      GetObjectResponse r = bytes.response();
      Map<String, String> h = objectHeaders(r.contentType(), r.cacheControl(), r.contentEncoding(), r.contentDisposition(), r.contentLanguage(),
          r.expiresString(), r.eTag(), r.lastModified(), r.metadata(), r.versionId(), r.websiteRedirectLocation(), r.serverSideEncryptionAsString());
      byte[] body = bytes.asByteArray();
      return new Fetched(200, h, body, body.length, null, null);
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
      int status = e.statusCode() == 0 ? 502 : e.statusCode();
      if (status == 404 && code == null) {
        code = "NoSuchKey";
      }
      return new Fetched(status, Map.of(), null, 0, code, message);
    } catch (SdkException e) {
      return new Fetched(502, Map.of(), null, 0, null, e.getMessage());
    }
  }

  private static Map<String, String> objectHeaders(
      String contentType, String cacheControl, String contentEncoding, String contentDisposition, String contentLanguage, String expires,
      String etag, Instant lastModified, Map<String, String> metadata, String versionId, String redirect, String sse) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    put(h, "Content-Type", contentType);
    put(h, "Cache-Control", cacheControl);
    // aws-chunked only framed an upload: S3 does not return it (an embedded server may).
    put(h, "Content-Encoding", contentEncoding == null ? null
        : String.join(",", java.util.Arrays.stream(contentEncoding.split(",")).map(String::strip).filter(c -> !c.isEmpty() && !c.equalsIgnoreCase("aws-chunked")).toList()));
    put(h, "Content-Disposition", contentDisposition);
    put(h, "Content-Language", contentLanguage);
    put(h, "Expires", expires);
    put(h, "ETag", etag);
    put(h, "Last-Modified", lastModified == null ? null : HTTP_DATE.format(lastModified));
    if (metadata != null) {
      metadata.forEach((k, v) -> put(h, "x-amz-meta-" + k, v));
    }
    put(h, "x-amz-version-id", versionId);
    put(h, "x-amz-website-redirect-location", redirect);
    put(h, "x-amz-server-side-encryption", sse);
    return h;
  }

  private static void put(Map<String, String> headers, String name, String value) {
    if (value != null && !value.isEmpty()) {
      headers.put(name, value);
    }
  }

  static String originKey(ServingConfig.OriginTarget origin, String key) {
    String path = origin.originPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return key;
    }
    String prefix = path.startsWith("/") ? path.substring(1) : path;
    return (prefix.endsWith("/") ? prefix : prefix + "/") + key;
  }

  // ------------------------------------------------------------------ an object

  private Reply objectReply(Fetched f, Headers request, ServingConfig.Behavior behavior, boolean head, String resultType) {
    Reply reply = new Reply(200, resultType);
    reply.headers.putAll(f.headers());
    reply.headers.put("Accept-Ranges", "bytes");
    reply.headers.put("Server", "AmazonS3");
    String etag = f.headers().get("ETag");
    Instant lastModified = parseDate(f.headers().get("Last-Modified"));

    String ifMatch = request.getFirst("If-Match");
    if (ifMatch != null && !etagMatches(ifMatch, etag)) {
      return notModifiedOr(reply, 412, f);
    }
    String ifNoneMatch = request.getFirst("If-None-Match");
    if (ifNoneMatch != null) {
      if (etagMatches(ifNoneMatch, etag)) {
        return notModifiedOr(reply, 304, f);
      }
    } else {
      Instant since = parseDate(request.getFirst("If-Modified-Since"));
      if (since != null && lastModified != null && !lastModified.isAfter(since)) {
        return notModifiedOr(reply, 304, f);
      }
    }

    long length = f.contentLength();
    String range = request.getFirst("Range");
    if (range != null && !head) {
      long[] r = parseRange(range, length);
      if (r == null) {
        // Not a single byte range CloudFront understands: the whole object.
      } else if (r.length == 0) {
        Reply unsatisfiable = new Reply(416, "Error");
        unsatisfiable.headers.put("Content-Range", "bytes */" + length);
        unsatisfiable.headers.put("Content-Type", "application/xml");
        unsatisfiable.body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InvalidRange</Code><Message>The requested range is not"
            + " satisfiable</Message><RangeRequested>" + escapeXml(range) + "</RangeRequested><ActualObjectSize>" + length
            + "</ActualObjectSize></Error>").getBytes(StandardCharsets.UTF_8);
        return unsatisfiable;
      } else {
        reply.status = 206;
        reply.body = Arrays.copyOfRange(f.body(), (int) r[0], (int) r[1] + 1);
        reply.headers.put("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + length);
        reply.rangeStart = r[0];
        reply.rangeEnd = r[1];
        return reply;
      }
    }

    if (head) {
      reply.headLength = length;
      return reply;
    }
    reply.body = f.body();
    if (behavior.compress() && !f.headers().containsKey("Content-Encoding") && acceptsGzip(request.getFirst("Accept-Encoding"))
        && compressible(f.headers().get("Content-Type")) && length >= 1_000 && length <= 10_000_000) {
      reply.body = gzip(reply.body);
      reply.headers.put("Content-Encoding", "gzip");
      reply.headers.put("Vary", "Accept-Encoding");
    }
    return reply;
  }

  /** A 304 keeps the validators and caching headers; a 412 is an error. */
  private static Reply notModifiedOr(Reply reply, int status, Fetched f) {
    Reply out = new Reply(status, status == 304 ? "Hit" : "Error");
    for (String name : List.of("ETag", "Last-Modified", "Cache-Control", "Expires", "Content-Location", "Vary")) {
      if (f.headers().containsKey(name)) {
        out.headers.put(name, f.headers().get(name));
      }
    }
    out.headers.put("Server", "AmazonS3");
    if (status == 412) {
      out.headers.put("Content-Type", "application/xml");
      out.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-Match</Condition></Error>"
          .getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  /**
   * A single byte range: {@code [start, end]} clamped to the object, an empty array when it cannot
   * be satisfied, {@code null} when the header is not one range CloudFront would serve.
   */
  static long[] parseRange(String header, long length) {
    String h = header.strip();
    if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
      return null;
    }
    String spec = h.substring("bytes=".length()).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String first = spec.substring(0, dash).strip();
      String last = spec.substring(dash + 1).strip();
      if (first.isEmpty()) {
        if (last.isEmpty()) {
          return null;
        }
        long suffix = Long.parseLong(last);
        if (suffix == 0 || length == 0) {
          return new long[0];
        }
        return new long[] {Math.max(0, length - suffix), length - 1};
      }
      long start = Long.parseLong(first);
      long end = last.isEmpty() ? length - 1 : Long.parseLong(last);
      if (start >= length) {
        return new long[0];
      }
      if (end < start) {
        return null;
      }
      return new long[] {start, Math.min(end, length - 1)};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean etagMatches(String header, String etag) {
    if (header.strip().equals("*")) {
      return etag != null;
    }
    if (etag == null) {
      return false;
    }
    String want = unquote(etag);
    for (String candidate : header.split(",")) {
      if (unquote(candidate).equals(want)) {
        return true;
      }
    }
    return false;
  }

  private static String unquote(String tag) {
    String t = tag.strip();
    if (t.startsWith("W/")) {
      t = t.substring(2);
    }
    return t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2 ? t.substring(1, t.length() - 1) : t;
  }

  private static Instant parseDate(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String coding : acceptEncoding.split(",")) {
      String[] parts = coding.strip().split(";");
      if (parts[0].strip().equalsIgnoreCase("gzip")) {
        return parts.length < 2 || !parts[1].strip().replace(" ", "").equals("q=0");
      }
    }
    return false;
  }

  private static boolean compressible(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    return COMPRESSIBLE.contains(type) || COMPRESSIBLE_PREFIXES.stream().anyMatch(type::startsWith);
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(plain.length / 3 + 32);
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  // ------------------------------------------------------------------ errors

  private Reply errorReply(ServingConfig d, Fetched f, boolean head, String requestId, String key) {
    CustomErrorResponse custom = d.errorResponses.get(f.status());
    if (custom != null && custom.responsePagePath() != null && !custom.responsePagePath().isEmpty()) {
      String pagePath = custom.responsePagePath();
      ServingConfig.Behavior pageBehavior = d.behaviorFor(pagePath);
      ServingConfig.OriginTarget origin = d.origins.get(pageBehavior.targetOriginId());
      if (origin != null && origin.bucket() != null) {
        Fetched page;
        try {
          page = fetch(origin.bucket(), originKey(origin, decodePath(pagePath).substring(1)), false);
        } catch (IllegalArgumentException e) {
          page = null;
        }
        if (page != null && page.status() == 200) {
          String code = custom.responseCode();
          Reply reply = new Reply(code == null || code.isBlank() ? f.status() : Integer.parseInt(code.strip()), "Error");
          reply.headers.putAll(page.headers());
          reply.headers.remove("ETag");
          reply.headers.remove("Last-Modified");
          reply.headers.put("Server", "AmazonS3");
          if (head) {
            reply.headLength = page.contentLength();
          } else {
            reply.body = page.body();
          }
          return reply;
        }
      }
    }
    if (f.errorCode() == null && f.status() >= 500) {
      return cloudFrontError(f.status() == 502 ? 502 : f.status(), "Bad gateway.", "CloudFront wasn't able to connect to the origin. " + f.errorMessage(), requestId);
    }
    Reply reply = s3Error(f.status(), f.errorCode() == null ? "AccessDenied" : f.errorCode(),
        f.errorMessage() == null ? "The specified key does not exist." : f.errorMessage(), key, requestId);
    if (head) {
      reply.headLength = reply.body.length;
      reply.body = null;
    }
    return reply;
  }

  private static Reply s3Error(int status, String code, String message, String key, String requestId) {
    Reply reply = new Reply(status, "Error");
    reply.headers.put("Content-Type", "application/xml");
    reply.headers.put("Server", "AmazonS3");
    reply.body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + escapeXml(code) + "</Code><Message>" + escapeXml(message)
        + "</Message><Key>" + escapeXml(key) + "</Key><RequestId>" + requestId.substring(0, 16) + "</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    return reply;
  }

  /** CloudFront's own error page, as it answers an unknown CNAME, a refused method or a failed origin. */
  private static Reply cloudFrontError(int status, String title, String detail, String requestId) {
    Reply reply = new Reply(status, "Error");
    reply.headers.put("Content-Type", "text/html");
    reply.headers.put("Server", "CloudFront");
    reply.body = ("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">\n"
        + "<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">\n"
        + "<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>" + status + " ERROR</H1>\n"
        + "<H2>The request could not be satisfied.</H2>\n<HR noshade size=\"1px\">\n" + escapeXml(title) + "\n" + escapeXml(detail) + "\n"
        + "<BR clear=\"all\">\n<HR noshade size=\"1px\">\n<PRE>\nGenerated by cloudfront (CloudFront)\nRequest ID: " + requestId + "\n</PRE>\n"
        + "<ADDRESS>\n</ADDRESS>\n</BODY></HTML>").getBytes(StandardCharsets.ISO_8859_1);
    return reply;
  }

  private static String escapeXml(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  // ------------------------------------------------------------------ response headers policy

  private ResponseHeadersPolicyConfig policyOf(ServingConfig.Behavior behavior) {
    String id = behavior.responseHeadersPolicyId();
    if (id == null || id.isEmpty()) {
      return null;
    }
    if (id.equals(ManagedIds.SIMPLE_CORS)) {
      return SIMPLE_CORS;
    }
    return edge.responseHeadersPolicy(id).map(LocalEdge.Resource::config).orElse(null);
  }

  private static final ResponseHeadersPolicyConfig SIMPLE_CORS =
      ResponseHeadersPolicyConfig.builder()
          .name("Managed-SimpleCORS")
          .corsConfig(c -> c.accessControlAllowOrigins(o -> o.quantity(1).items("*"))
              .accessControlAllowHeaders(h -> h.quantity(1).items("*"))
              .accessControlAllowMethods(m -> m.quantity(1).itemsWithStrings("ALL"))
              .accessControlAllowCredentials(false)
              .originOverride(false))
          .build();

  private static Reply applyPolicy(Reply reply, ResponseHeadersPolicyConfig policy, Headers request, boolean preflight) {
    if (policy == null) {
      return reply;
    }
    ResponseHeadersPolicyCorsConfig cors = policy.corsConfig();
    String origin = request.getFirst("Origin");
    if (cors != null && origin != null && cors.accessControlAllowOrigins() != null) {
      List<String> allowed = cors.accessControlAllowOrigins().items();
      boolean any = allowed.contains("*");
      if (any || allowed.contains(origin)) {
        boolean override = Boolean.TRUE.equals(cors.originOverride());
        set(reply, "Access-Control-Allow-Origin", any ? "*" : origin, override);
        if (Boolean.TRUE.equals(cors.accessControlAllowCredentials())) {
          set(reply, "Access-Control-Allow-Credentials", "true", override);
        }
        if (cors.accessControlExposeHeaders() != null && cors.accessControlExposeHeaders().hasItems() && !cors.accessControlExposeHeaders().items().isEmpty()) {
          set(reply, "Access-Control-Expose-Headers", String.join(", ", cors.accessControlExposeHeaders().items()), override);
        }
        if (preflight) {
          if (cors.accessControlAllowMethods() != null && cors.accessControlAllowMethods().hasItems()) {
            List<String> methods = cors.accessControlAllowMethods().itemsAsStrings();
            set(reply, "Access-Control-Allow-Methods",
                methods.contains("ALL") ? "GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE" : String.join(", ", methods), override);
          }
          if (cors.accessControlAllowHeaders() != null && cors.accessControlAllowHeaders().hasItems()) {
            set(reply, "Access-Control-Allow-Headers", String.join(", ", cors.accessControlAllowHeaders().items()), override);
          }
          if (cors.accessControlMaxAgeSec() != null) {
            set(reply, "Access-Control-Max-Age", cors.accessControlMaxAgeSec().toString(), override);
          }
        }
      }
    }
    ResponseHeadersPolicySecurityHeadersConfig security = policy.securityHeadersConfig();
    if (security != null) {
      if (security.contentTypeOptions() != null) {
        set(reply, "X-Content-Type-Options", "nosniff", Boolean.TRUE.equals(security.contentTypeOptions().override()));
      }
      var hsts = security.strictTransportSecurity();
      if (hsts != null) {
        String value = "max-age=" + hsts.accessControlMaxAgeSec() + (Boolean.TRUE.equals(hsts.includeSubdomains()) ? "; includeSubDomains" : "")
            + (Boolean.TRUE.equals(hsts.preload()) ? "; preload" : "");
        set(reply, "Strict-Transport-Security", value, Boolean.TRUE.equals(hsts.override()));
      }
      if (security.frameOptions() != null) {
        set(reply, "X-Frame-Options", security.frameOptions().frameOptionAsString(), Boolean.TRUE.equals(security.frameOptions().override()));
      }
      if (security.referrerPolicy() != null) {
        set(reply, "Referrer-Policy", security.referrerPolicy().referrerPolicyAsString(), Boolean.TRUE.equals(security.referrerPolicy().override()));
      }
      if (security.contentSecurityPolicy() != null) {
        set(reply, "Content-Security-Policy", security.contentSecurityPolicy().contentSecurityPolicy(), Boolean.TRUE.equals(security.contentSecurityPolicy().override()));
      }
      if (security.xssProtection() != null) {
        var x = security.xssProtection();
        String value = Boolean.TRUE.equals(x.protection()) ? "1" + (Boolean.TRUE.equals(x.modeBlock()) ? "; mode=block" : x.reportUri() != null ? "; report=" + x.reportUri() : "") : "0";
        set(reply, "X-XSS-Protection", value, Boolean.TRUE.equals(x.override()));
      }
    }
    if (policy.customHeadersConfig() != null && policy.customHeadersConfig().hasItems()) {
      for (ResponseHeadersPolicyCustomHeader h : policy.customHeadersConfig().items()) {
        set(reply, h.header(), h.value(), Boolean.TRUE.equals(h.override()));
      }
    }
    if (policy.removeHeadersConfig() != null && policy.removeHeadersConfig().hasItems()) {
      for (ResponseHeadersPolicyRemoveHeader h : policy.removeHeadersConfig().items()) {
        reply.headers.remove(h.header());
      }
    }
    return reply;
  }

  private static void set(Reply reply, String name, String value, boolean override) {
    if (value == null) {
      return;
    }
    if (override || !reply.headers.containsKey(name)) {
      reply.headers.put(name, value);
    }
  }

  // ------------------------------------------------------------------ the wire

  private void cloudFrontHeaders(Reply reply, ServingConfig d, String requestId) {
    String cache = switch (reply.resultType) {
      case "Hit" -> "Hit";
      case "RefreshHit" -> "RefreshHit";
      case "Miss" -> "Miss";
      default -> "Error";
    };
    reply.headers.put("X-Cache", cache + " from cloudfront");
    byte[] via = new byte[16];
    ThreadLocalRandom.current().nextBytes(via);
    reply.headers.put("Via", "1.1 " + HexFormat.of().formatHex(via) + ".cloudfront.net (CloudFront)");
    reply.headers.put("X-Amz-Cf-Pop", edge.edgeLocation());
    reply.headers.put("X-Amz-Cf-Id", requestId);
    if (d != null) {
      reply.headers.put(LocalEdge.DISTRIBUTION_HEADER, d.distributionId);
    }
  }

  /** Sends the reply; returns the bytes sent (status line and headers included). */
  /** What {@link #write} will send: the headers (approximately, as CloudFront counts them) and the body. */
  private static long sentBytes(HttpExchange exchange, Reply reply) {
    long headerBytes = 17;
    for (Map.Entry<String, String> h : reply.headers.entrySet()) {
      headerBytes += h.getKey().length() + h.getValue().length() + 4;
    }
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    if (reply.status == 304 || head) {
      return headerBytes;
    }
    return headerBytes + (reply.body == null ? 0 : reply.body.length);
  }

  private static long write(HttpExchange exchange, Reply reply) throws IOException {
    Headers out = exchange.getResponseHeaders();
    long headerBytes = 17;
    for (Map.Entry<String, String> h : reply.headers.entrySet()) {
      out.set(h.getKey(), h.getValue());
      headerBytes += h.getKey().length() + h.getValue().length() + 4;
    }
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    if (reply.status == 304 || head) {
      long length = reply.headLength >= 0 ? reply.headLength : reply.body == null ? -1 : reply.body.length;
      if (reply.status != 304 && length >= 0) {
        out.set("Content-Length", Long.toString(length));
      }
      exchange.sendResponseHeaders(reply.status, -1);
      return headerBytes;
    }
    byte[] body = reply.body == null ? new byte[0] : reply.body;
    exchange.sendResponseHeaders(reply.status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(body);
      }
    }
    return headerBytes + body.length;
  }

  private LogRecord logRecord(HttpExchange exchange, Instant at, ServingConfig d, Reply reply, String requestId, String hostHeader, long sent, double taken) {
    Headers request = exchange.getRequestHeaders();
    long requestBytes = exchange.getRequestMethod().length() + exchange.getRequestURI().toString().length() + 12;
    for (Map.Entry<String, List<String>> h : request.entrySet()) {
      for (String v : h.getValue()) {
        requestBytes += h.getKey().length() + v.length() + 4;
      }
    }
    long contentLength = reply.body != null ? reply.body.length : reply.headLength;
    return new LogRecord(
        at,
        d.distributionId,
        edge.edgeLocation(),
        sent,
        exchange.getRemoteAddress().getAddress().getHostAddress(),
        exchange.getRequestMethod(),
        d.domainName,
        exchange.getRequestURI().getRawPath() == null || exchange.getRequestURI().getRawPath().isEmpty() ? "/" : exchange.getRequestURI().getRawPath(),
        reply.status,
        request.getFirst("Referer"),
        request.getFirst("User-Agent"),
        exchange.getRequestURI().getRawQuery(),
        reply.resultType,
        requestId,
        // Without the loopback port: a viewer of the real edge sends the name alone (port 443).
        HostNames.ofHostHeader(hostHeader),
        "https",
        requestBytes,
        taken,
        exchange.getProtocol(),
        exchange.getRemoteAddress().getPort(),
        reply.resultType,
        reply.headers.get("Content-Type"),
        reply.status == 304 ? -1 : contentLength,
        reply.rangeStart,
        reply.rangeEnd);
  }

  /**
   * A request path %-decoded once into UTF-8, as S3 reads a key from the path ({@code +} stays a
   * plus).
   *
   * @throws IllegalArgumentException for a malformed escape or bytes that are not UTF-8
   */
  static String decodePath(String rawPath) {
    if (rawPath.indexOf('%') < 0) {
      return rawPath;
    }
    byte[] utf8 = rawPath.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[utf8.length];
    int n = 0;
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if (b != '%') {
        out[n++] = b;
        continue;
      }
      if (i + 2 >= utf8.length) {
        throw new IllegalArgumentException("a % escape is cut short in " + rawPath);
      }
      int hi = Character.digit(utf8[i + 1], 16);
      int lo = Character.digit(utf8[i + 2], 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("malformed % escape in " + rawPath);
      }
      out[n++] = (byte) (hi << 4 | lo);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out, 0, n))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the decoded path is not UTF-8: " + rawPath);
    }
  }

}
