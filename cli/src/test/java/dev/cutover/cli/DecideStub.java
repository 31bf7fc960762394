package dev.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * A stand-in for the decide function URL on loopback: it refuses (403 Forbidden, as a function
 * URL with AuthType AWS_IAM does) a request whose SigV4 Authorization header is missing, malformed
 * or does not match the request that arrived, and otherwise answers with the decide function's
 * response shapes (lambdas/approval DecisionOutcome), as the test scripts.
 */
final class DecideStub implements AutoCloseable {

  /** AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=64 hex */
  static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** What arrived. */
  record Received(String method, String path, String authorization, String amzDate, String region, String service,
      List<String> signedHeaders, boolean signatureMatches, JsonNode body) {}

  /** An answer: HTTP status and body. */
  record Answer(int status, String body) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final String secretKey;
  private volatile Function<Received, Answer> answers;

  DecideStub(String secretKey, Function<Received, Answer> answers) {
    this.secretKey = secretKey;
    this.answers = answers;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  void answer(Function<Received, Answer> answers) {
    this.answers = answers;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] bytes = exchange.getRequestBody().readAllBytes();
      String body = new String(bytes, StandardCharsets.UTF_8);
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
      Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization);
      if (m == null || !m.matches() || amzDate == null) {
        respond(exchange, new Answer(403, "{\"Message\":\"Forbidden\"}"));
        return;
      }
      Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), authorization, amzDate,
          m.group(3), m.group(4), List.of(m.group(5).split(";")),
          authorization.equals(resign(exchange, m.group(1), m.group(3), m.group(4), amzDate, body)), Run.parse(body));
      received.add(r);
      respond(exchange, r.signatureMatches() ? answers.apply(r) : new Answer(403, "{\"Message\":\"The request signature we calculated does not match\"}"));
    }
  }

  /**
   * The Authorization header the request that arrived should carry, by the SDK's signer at the
   * request's own X-Amz-Date: equal only if the method, path, Host, Content-Type and body arrived
   * exactly as they were signed.
   */
  private String resign(HttpExchange exchange, String accessKey, String region, String service, String amzDate, String body) {
    Instant at = Instant.from(AMZ_DATE.parse(amzDate));
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.fromValue(exchange.getRequestMethod()))
        .uri(URI.create("http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI().getRawPath()));
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return AwsV4HttpSigner.create().sign(s -> s
            .identity(AwsBasicCredentials.create(accessKey, secretKey))
            .request(request.build())
            .payload(ContentStreamProvider.fromUtf8String(body))
            .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
        .request().firstMatchingHeader("Authorization").orElse("");
  }

  private static void respond(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A decide function's refusal body (DecisionOutcome.refused). */
  static Answer refused(int status, String code, String message, String executionArn) {
    return new Answer(status, Run.JSON.createObjectNode().put("status", status).put("code", code).put("message", message)
        .put("executionArn", executionArn).toString());
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
