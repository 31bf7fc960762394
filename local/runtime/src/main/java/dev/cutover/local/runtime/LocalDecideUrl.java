package dev.cutover.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cutover.approval.DecideHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decide function's URL on loopback ({@code AuthType AWS_IAM}, as deployed): a request must
 * carry a SigV4 {@code Authorization} header, and the access key id it names is mapped to the
 * caller's principal ARN, which the decide handler receives where Lambda puts it ({@code
 * requestContext.authorizer.iam.userArn}). Signatures are not verified locally: the embedded world
 * has no secrets worth checking; who is who is the runtime's {@code principals} mapping. An
 * unsigned request gets what a function URL answers: 403 Forbidden.
 */
public final class LocalDecideUrl implements AutoCloseable {

  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "local-decide-url");
    t.setDaemon(true);
    return t;
  });
  private final DecideHandler handler;
  private final Function<String, String> principals;
  private final String account;
  private final Clock clock;

  private LocalDecideUrl(DecideHandler handler, Function<String, String> principals, String account, Clock clock) throws IOException {
    this.handler = handler;
    this.principals = principals;
    this.account = account;
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Serves {@code handler} on 127.0.0.1, on a free port.
   *
   * @param principals the caller's principal ARN for the access key id a request is signed with
   */
  public static LocalDecideUrl start(DecideHandler handler, Function<String, String> principals, String account, Clock clock) {
    try {
      LocalDecideUrl url = new LocalDecideUrl(handler, principals, account, clock);
      url.server.start();
      return url;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the local decide URL on loopback: " + e.getMessage(), e);
    }
  }

  /** What {@code cutover approve --decide-url} takes. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Optional<String> accessKey = accessKey(exchange.getRequestHeaders().getFirst("Authorization"));
      if (accessKey.isEmpty()) {
        respond(exchange, 403, "{\"Message\":\"Forbidden\"}");
        return;
      }
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
      APIGatewayV2HTTPEvent event =
          APIGatewayV2HTTPEvent.builder()
              .withVersion("2.0")
              .withRawPath(exchange.getRequestURI().getRawPath())
              .withHeaders(headers)
              .withBody(body)
              .withIsBase64Encoded(false)
              .withRequestContext(
                  APIGatewayV2HTTPEvent.RequestContext.builder()
                      .withAccountId(account)
                      .withHttp(
                          APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                              .withMethod(exchange.getRequestMethod())
                              .withPath(exchange.getRequestURI().getRawPath())
                              .withSourceIp("127.0.0.1")
                              .build())
                      .withAuthorizer(
                          APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                              .withIam(
                                  APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                                      .withAccessKey(accessKey.get())
                                      .withAccountId(account)
                                      .withUserArn(principals.apply(accessKey.get()))
                                      .build())
                              .build())
                      .build())
              .build();
      APIGatewayV2HTTPResponse response =
          handler.handleRequest(event, LocalLambdaContext.of("cutover-decide", "arn:aws:lambda:local:" + account + ":function:cutover-decide", 512, Duration.ofSeconds(30), clock));
      respond(exchange, response.getStatusCode(), response.getBody() == null ? "" : response.getBody());
    }
  }

  static Optional<String> accessKey(String authorization) {
    if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
      return Optional.empty();
    }
    Matcher m = CREDENTIAL.matcher(authorization);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
