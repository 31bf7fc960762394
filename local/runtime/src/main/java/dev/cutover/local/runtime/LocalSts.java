package dev.cutover.local.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * STS on loopback, as far as the steps use it: {@code AssumeRole} answers with credentials for any
 * well-formed role ARN, in STS's own XML, so the steps' assume-role path runs locally exactly as in
 * AWS (the embedded servers do not check signatures). Every assumption is recorded: a rehearsal can
 * show which roles each step acted as.
 */
public final class LocalSts implements AutoCloseable {

  /** A role the steps assumed, and the session name they gave. */
  public record Assumption(String roleArn, String sessionName) {}

  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Duration LIFETIME = Duration.ofHours(1);

  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "local-sts");
    t.setDaemon(true);
    return t;
  });
  private final List<Assumption> assumptions = Collections.synchronizedList(new ArrayList<>());

  private LocalSts(Clock clock) throws IOException {
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts it on 127.0.0.1, on a free port. */
  public static LocalSts start(Clock clock) {
    try {
      LocalSts sts = new LocalSts(clock);
      sts.server.start();
      return sts;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the local STS on loopback: " + e.getMessage(), e);
    }
  }

  /** Where to point {@code AWS_ENDPOINT_URL_STS}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every AssumeRole answered, in order. */
  public List<Assumption> assumptions() {
    synchronized (assumptions) {
      return List.copyOf(assumptions);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      if (exchange.getRequestURI().getRawQuery() != null) {
        form.putAll(form(exchange.getRequestURI().getRawQuery()));
      }
      String action = form.getOrDefault("Action", "");
      if (!action.equals("AssumeRole")) {
        respond(exchange, 400, error("InvalidAction", "The local STS answers AssumeRole only, not '" + action + "'."));
        return;
      }
      String roleArn = form.getOrDefault("RoleArn", "");
      String session = form.getOrDefault("RoleSessionName", "");
      if (!ROLE_ARN.matcher(roleArn).matches()) {
        respond(exchange, 400, error("ValidationError", "RoleArn '" + roleArn + "' is not an IAM role ARN."));
        return;
      }
      if (!SESSION_NAME.matcher(session).matches()) {
        respond(exchange, 400, error("ValidationError", "RoleSessionName '" + session + "' does not satisfy [\\w+=,.@-]{2,64}."));
        return;
      }
      assumptions.add(new Assumption(roleArn, session));
      respond(exchange, 200, assumed(roleArn, session));
    }
  }

  private String assumed(String roleArn, String session) {
    String account = roleArn.substring("arn:aws:iam::".length(), "arn:aws:iam::".length() + 12);
    String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(java.util.Locale.ROOT);
    return """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::%s:assumed-role/%s/%s</Arn>
              <AssumedRoleId>AROA%s:%s</AssumedRoleId>
            </AssumedRoleUser>
            <Credentials>
              <AccessKeyId>ASIA%s</AccessKeyId>
              <SecretAccessKey>local-secret-%s</SecretAccessKey>
              <SessionToken>local-session-%s</SessionToken>
              <Expiration>%s</Expiration>
            </Credentials>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """.formatted(account, xml(roleName), xml(session), id, xml(session), id, id, id,
        clock.instant().plus(LIFETIME).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), UUID.randomUUID());
  }

  private static String error(String code, String message) {
    return """
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
          <RequestId>%s</RequestId>
        </ErrorResponse>
        """.formatted(code, xml(message), UUID.randomUUID());
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> values = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      values.put(name, value);
    }
    return values;
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
