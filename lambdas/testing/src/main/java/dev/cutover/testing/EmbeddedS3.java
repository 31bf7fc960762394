package dev.cutover.testing;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * One S3Mock server per test JVM (it takes seconds to start), bound to loopback, spoken to over
 * plain HTTP with the real SDK client configured the way {@code AwsClients} configures one for a
 * local run: endpoint override, path-style addressing, static credentials, standard retries.
 *
 * <p>Register it with {@code @ExtendWith(EmbeddedS3.class)}; the static methods also start the
 * server on first use. Tests share the server, so each uses buckets of its own ({@link #bucket}).
 *
 * <p>S3Mock accepts SSE-KMS only under keys it was told about, and only by key id (not ARN):
 * {@link #KMS_KEY_ID} is registered.
 *
 * <p>Spring Boot is kept from configuring logging: S3Mock would otherwise reconfigure the JVM's
 * Log4j2, and with it the step's own JSON logging, for the rest of the test run.
 */
public final class EmbeddedS3 implements BeforeAllCallback {

  /** A customer managed key S3Mock accepts for SSE-KMS uploads. */
  public static final String KMS_KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  /** {@link #KMS_KEY_ARN}'s key id, the form S3Mock accepts and reports. */
  public static final String KMS_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

  private static final Object LOCK = new Object();
  private static Server server;
  private static S3Client shared;

  @Override
  public void beforeAll(ExtensionContext context) {
    server();
  }

  /** The running server's HTTP endpoint, e.g. {@code http://127.0.0.1:34567}. */
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

  /** A client for the server, as a step would build it (one, shared by the test JVM). */
  public static S3Client client() {
    synchronized (LOCK) {
      if (shared == null) {
        shared = client(endpoint());
      }
      return shared;
    }
  }

  /** A client for any S3 endpoint on loopback (S3Mock, a WireMock stub, a proxy), standard retries. */
  public static S3Client client(URI endpoint) {
    return builder(endpoint).overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build();
  }

  /** A client for {@code endpoint} that never retries on its own: every failure reaches the caller. */
  public static S3Client clientWithoutRetries(URI endpoint) {
    return builder(endpoint).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  /** A client that sends no checksums: objects as uploaded before S3 stored checksums by default. */
  public static S3Client clientWithoutChecksums() {
    return builder(endpoint()).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();
  }

  /** Every port the server listens on (its main connector and its extra HTTP one). */
  static int[] ports() {
    S3MockExtension mock = server().mock;
    return new int[] {mock.getPort(), mock.getHttpPort()};
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
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        S3MockExtension mock =
            S3MockExtension.builder()
                .withSecureConnection(false)
                .withProperty("server.address", "127.0.0.1")
                .withProperty("spring.main.sources", LoopbackConnectors.class.getName())
                .withProperty("com.adobe.testing.s3mock.store.validKmsKeys", KMS_KEY_ARN)
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
