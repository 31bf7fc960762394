package dev.cutover.parity.support;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One S3Mock server per test JVM (it takes seconds to start), bound to loopback, spoken to with
 * the real SDK client configured the way {@code AwsClients} configures one for a local run:
 * endpoint override, path-style addressing, static credentials, standard retries.
 */
public final class EmbeddedS3 {

  private static final Object LOCK = new Object();
  private static S3MockExtension server;
  private static S3Client client;

  private EmbeddedS3() {}

  /** A client for the running server. */
  public static S3Client client() {
    synchronized (LOCK) {
      if (server == null) {
        server =
            S3MockExtension.builder()
                .withSecureConnection(false)
                .withProperty("server.address", "127.0.0.1")
                .withProperty("spring.main.sources", LoopbackConnectors.class.getName())
                .silent()
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "s3mock-stop"));
        client =
            S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getHttpPort()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
      }
      return client;
    }
  }

  /** Creates {@code name} unless it exists; tests share one server, so each uses its own buckets. */
  public static String bucket(String name) {
    S3Client s3 = client();
    if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(name))) {
      s3.createBucket(r -> r.bucket(name));
    }
    return name;
  }
}
