package dev.cutover.logscan.support;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * One S3Mock server per test JVM (it takes seconds to start), bound to loopback, spoken to over
 * plain HTTP with the real SDK client configured the way {@code AwsClients} configures one for a
 * local run: endpoint override, path-style addressing, static credentials, standard retries.
 */
public final class EmbeddedS3 implements BeforeAllCallback {

  private static final Object LOCK = new Object();
  private static Server server;
  private static S3Client shared;

  @Override
  public void beforeAll(ExtensionContext context) {
    server();
  }

  /** The running server's HTTP endpoint. */
  public static URI endpoint() {
    return server().endpoint;
  }

  /** Creates {@code name} unless it exists; tests share one server, so each uses its own buckets. */
  public static String bucket(String name) {
    S3Client s3 = client();
    if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(name))) {
      s3.createBucket(r -> r.bucket(name));
    }
    return name;
  }

  /** A client for the server, as a step would build it. */
  public static S3Client client() {
    synchronized (LOCK) {
      if (shared == null) {
        shared = client(endpoint(), RetryMode.STANDARD);
      }
      return shared;
    }
  }

  private static S3Client client(URI endpoint, RetryMode retryMode) {
    return builder(endpoint).overrideConfiguration(o -> o.retryStrategy(retryMode)).build();
  }

  private static S3ClientBuilder builder(URI endpoint) {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
  }

  private static Server server() {
    synchronized (LOCK) {
      if (server == null) {
        S3MockExtension mock =
            S3MockExtension.builder()
                .withSecureConnection(false)
                .withProperty("server.address", "127.0.0.1")
                .withProperty("spring.main.sources", LoopbackConnectors.class.getName())
                .silent()
                .build();
        mock.start();
        server = new Server(mock, URI.create("http://127.0.0.1:" + mock.getHttpPort()));
        Runtime.getRuntime().addShutdownHook(new Thread(mock::stop, "s3mock-stop"));
      }
      return server;
    }
  }

  private record Server(S3MockExtension mock, URI endpoint) {}
}
