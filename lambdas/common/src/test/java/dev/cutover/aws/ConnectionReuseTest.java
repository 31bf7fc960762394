package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Clients from {@link AwsClients} reuse their connections at a step's concurrency: the JDK keeps
 * only 5 idle connections per host unless told otherwise, and a step keeps more requests than
 * that in flight, so without {@link AwsClients#KEEP_ALIVE_CONNECTIONS_PER_HOST} most requests
 * would open a new connection (a TLS handshake against AWS).
 */
class ConnectionReuseTest {

  private static final int IN_FLIGHT = 16;
  private static final int REQUESTS_EACH = 25;

  private HttpServer server;
  private ExecutorService serverThreads;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
      serverThreads.shutdownNow();
    }
  }

  @Test
  void sixteen_callers_keep_their_connections_instead_of_opening_one_per_request() throws Exception {
    Set<Integer> connections = ConcurrentHashMap.newKeySet();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    serverThreads = Executors.newFixedThreadPool(IN_FLIGHT);
    server.setExecutor(serverThreads);
    server.createContext("/", exchange -> {
      connections.add(exchange.getRemoteAddress().getPort());
      exchange.getRequestBody().readAllBytes();
      byte[] body = StsStub.getCallerIdentity("444455556666").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/xml");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    Map<String, String> env =
        Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + server.getAddress().getPort());

    try (AwsClients clients = new AwsClients(env, StsStub.BASE_CREDENTIALS, Duration.ofSeconds(30), Duration.ofSeconds(10));
        StsClient sts = clients.forAccount(null, "reuse", Region.US_EAST_1).build(StsClient.builder(), "STS");
        ExecutorService callers = Executors.newFixedThreadPool(IN_FLIGHT)) {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < IN_FLIGHT; i++) {
        done.add(callers.submit(() -> {
          for (int r = 0; r < REQUESTS_EACH; r++) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("444455556666");
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }

    // With the JDK's default of 5 idle connections, 11 of every 16 finished requests drop theirs:
    // about 270 connections for these 400 requests.
    assertThat(connections).as("connections opened for %d requests", IN_FLIGHT * REQUESTS_EACH).hasSizeLessThanOrEqualTo(2 * IN_FLIGHT);
    assertThat(System.getProperty("http.maxConnections")).isEqualTo(Integer.toString(AwsClients.KEEP_ALIVE_CONNECTIONS_PER_HOST));
  }
}
