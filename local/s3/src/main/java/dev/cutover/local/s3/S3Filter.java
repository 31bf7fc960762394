package dev.cutover.local.s3;

import com.adobe.testing.s3mock.s3.model.BucketMetadata;
import com.adobe.testing.s3mock.s3.store.BucketStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * In front of S3Mock's controllers: answers Put/Get/DeleteBucketReplication itself (S3Mock 5.2.0
 * has no replication API), keeps {@code x-amz-website-redirect-location} (S3Mock drops it) and
 * serves it on HEAD and GET, and reports each successful object write to the instance's listeners.
 *
 * <p>Requests are path-style ({@code /bucket/key}); the key is percent-decoded from the raw request
 * URI as UTF-8, never through the servlet's normalised path.
 */
final class S3Filter extends OncePerRequestFilter {

  /** Query parameters that make a PUT, POST or DELETE on a key something other than a write. */
  private static final Set<String> NOT_A_WRITE =
      Set.of("tagging", "acl", "retention", "legal-hold", "partNumber", "attributes", "restore", "select", "uploads");

  private static final String REDIRECT = "x-amz-website-redirect-location";

  private final Hooks hooks;
  private final Supplier<BucketStore> buckets;

  S3Filter(Hooks hooks, Supplier<BucketStore> buckets) {
    this.hooks = hooks;
    this.buckets = buckets;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse servletResponse, FilterChain chain)
      throws ServletException, IOException {
    HttpServletResponse response = new WithoutChunkedEncoding(servletResponse);
    String path = request.getRequestURI();
    int slash = path.indexOf('/', 1);
    String bucket = decode(slash < 0 ? path.substring(1) : path.substring(1, slash));
    String key = slash < 0 ? "" : decode(path.substring(slash + 1));
    Set<String> query = queryNames(request.getQueryString());
    String method = request.getMethod();

    if (!bucket.isEmpty() && hooks.throttles(request.getHeader("Authorization"))) {
      error(response, 503, "SlowDown", "Please reduce your request rate.", bucket);
      return;
    }
    if (!bucket.isEmpty() && key.isEmpty() && query.contains("replication")) {
      replication(method, bucket, request, response);
      return;
    }

    boolean read = !key.isEmpty() && (method.equals("GET") || method.equals("HEAD")) && !query.stream().anyMatch(NOT_A_WRITE::contains);
    if (read) {
      String versionId = queryValue(request.getQueryString(), "versionId");
      String redirect = hooks.redirects.get(versionId == null ? bucket + "/" + key : bucket + "/" + key + "?" + versionId);
      if (redirect != null) {
        response.setHeader(REDIRECT, redirect);
      }
    }

    if (read || bucket.isEmpty() || key.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    // A write's answer is held back until its redirect location is kept and its listeners ran: a
    // CopyObject writes an XML body, and a client reading that body could otherwise come back for
    // the copy before this filter has recorded it.
    ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, held);
      ObjectWrite.Kind kind = held.getStatus() / 100 == 2 ? writeKind(method, request, query) : null;
      if (kind != null) {
        Optional<String> versionId = Optional.ofNullable(held.getHeader("x-amz-version-id"));
        rememberRedirect(kind, bucket, key, versionId, request);
        hooks.fire(new ObjectWrite(bucket, key, versionId, kind));
      }
    } finally {
      held.copyBodyToResponse();
    }
  }

  /**
   * Keeps {@code x-amz-website-redirect-location} beside S3Mock: from the request on PutObject
   * and on CopyObject with {@code REPLACE}, from the source on CopyObject with {@code COPY} (the
   * default), none after a delete. A multipart upload's is not kept.
   */
  private void rememberRedirect(
      ObjectWrite.Kind kind, String bucket, String key, Optional<String> versionId, HttpServletRequest request) {
    String redirect =
        switch (kind) {
          case PUT -> request.getHeader(REDIRECT);
          case COPY ->
              "REPLACE".equalsIgnoreCase(request.getHeader("x-amz-metadata-directive"))
                  ? request.getHeader(REDIRECT)
                  : sourceRedirect(request.getHeader("x-amz-copy-source"));
          case COMPLETE_MULTIPART_UPLOAD, DELETE -> null;
        };
    String current = bucket + "/" + key;
    if (redirect == null) {
      hooks.redirects.remove(current);
    } else {
      hooks.redirects.put(current, redirect);
      versionId.ifPresent(v -> hooks.redirects.put(current + "?" + v, redirect));
    }
  }

  private String sourceRedirect(String copySource) {
    if (copySource == null) {
      return null;
    }
    String source = copySource.startsWith("/") ? copySource.substring(1) : copySource;
    int question = source.indexOf('?');
    String versionId = question < 0 ? null : queryValue(source.substring(question + 1), "versionId");
    String path = decode(question < 0 ? source : source.substring(0, question));
    return hooks.redirects.get(versionId == null ? path : path + "?" + versionId);
  }

  private static String queryValue(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && decode(pair.substring(0, equals)).equals(name)) {
        return decode(pair.substring(equals + 1));
      }
    }
    return null;
  }

  private static ObjectWrite.Kind writeKind(String method, HttpServletRequest request, Set<String> query) {
    if (query.stream().anyMatch(NOT_A_WRITE::contains)) {
      return null;
    }
    return switch (method) {
      case "PUT" ->
          query.contains("uploadId")
              ? null
              : request.getHeader("x-amz-copy-source") != null ? ObjectWrite.Kind.COPY : ObjectWrite.Kind.PUT;
      case "POST" -> query.contains("uploadId") ? ObjectWrite.Kind.COMPLETE_MULTIPART_UPLOAD : null;
      case "DELETE" -> query.contains("uploadId") ? null : ObjectWrite.Kind.DELETE;
      default -> null;
    };
  }

  private void replication(String method, String bucket, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    BucketStore store = buckets.get();
    if (!store.doesBucketExist(bucket)) {
      error(response, 404, "NoSuchBucket", "The specified bucket does not exist", bucket);
      return;
    }
    switch (method) {
      case "PUT" -> {
        BucketMetadata metadata = store.getBucketMetadata(bucket);
        if (!metadata.isVersioningEnabled()) {
          error(
              response,
              400,
              "InvalidRequest",
              "Versioning must be 'Enabled' on the bucket to apply a replication configuration",
              bucket);
          return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        request.getInputStream().transferTo(body);
        if (body.size() == 0) {
          error(response, 400, "MalformedXML", "The XML you provided was not well-formed", bucket);
          return;
        }
        hooks.replication.put(bucket, body.toByteArray());
        response.setStatus(200);
        response.setContentLength(0);
      }
      case "GET" -> {
        byte[] xml = hooks.replication.get(bucket);
        if (xml == null) {
          error(
              response,
              404,
              "ReplicationConfigurationNotFoundError",
              "The replication configuration was not found",
              bucket);
          return;
        }
        response.setStatus(200);
        response.setContentType("application/xml");
        response.setContentLength(xml.length);
        response.getOutputStream().write(xml);
      }
      case "DELETE" -> {
        hooks.replication.remove(bucket);
        response.setStatus(204);
      }
      default -> error(response, 405, "MethodNotAllowed", "The specified method is not allowed", bucket);
    }
  }

  private static void error(HttpServletResponse response, int status, String code, String message, String bucket)
      throws IOException {
    String requestId = UUID.randomUUID().toString();
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><BucketName>" + xmlEscape(bucket) + "</BucketName><RequestId>" + requestId
                + "</RequestId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setHeader("x-amz-request-id", requestId);
    response.setContentType("application/xml");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String xmlEscape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The names of the query's parameters ({@code ?replication}, {@code ?uploadId=...}). */
  static Set<String> queryNames(String query) {
    Set<String> names = new HashSet<>();
    if (query == null || query.isEmpty()) {
      return names;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      names.add(decode(equals < 0 ? pair : pair.substring(0, equals)));
    }
    return names;
  }

  /** Percent-decoding as UTF-8; a {@code +} stays a plus (a path is not a form). */
  static String decode(String encoded) {
    if (encoded.indexOf('%') < 0) {
      return encoded;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%' && i + 2 < encoded.length()) {
        bytes.write(Integer.parseInt(encoded, i + 1, i + 3, 16));
        i += 2;
      } else {
        byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(raw, 0, raw.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * S3Mock stores the {@code Content-Encoding} of an {@code aws-chunked} upload as sent ({@code
   * gzip,aws-chunked}); S3 strips {@code aws-chunked}, which only framed the upload. Without this a
   * gzip'd asset would reach a browser through the local edge with an encoding it cannot decode.
   */
  static final class WithoutChunkedEncoding extends jakarta.servlet.http.HttpServletResponseWrapper {

    WithoutChunkedEncoding(HttpServletResponse response) {
      super(response);
    }

    static String strip(String value) {
      if (value == null || !value.contains("aws-chunked")) {
        return value;
      }
      return java.util.Arrays.stream(value.split(","))
          .map(String::strip)
          .filter(v -> !v.isEmpty() && !v.equalsIgnoreCase("aws-chunked"))
          .collect(java.util.stream.Collectors.joining(","));
    }

    @Override
    public void setHeader(String name, String value) {
      if ("Content-Encoding".equalsIgnoreCase(name)) {
        String kept = strip(value);
        if (kept != null && kept.isEmpty()) {
          return;
        }
        super.setHeader(name, kept);
      } else {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if ("Content-Encoding".equalsIgnoreCase(name)) {
        String kept = strip(value);
        if (kept != null && kept.isEmpty()) {
          return;
        }
        super.addHeader(name, kept);
      } else {
        super.addHeader(name, value);
      }
    }
  }
}
