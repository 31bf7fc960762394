package dev.cutover.report.support;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One S3Mock server per test JVM (it takes seconds to start), bound to loopback, spoken to over
 * plain HTTP with the real SDK client configured the way {@code AwsClients} configures one for a
 * local run: endpoint override, path-style addressing, static credentials. (The verify module's
 * support class, trimmed to what the report needs.)
 */
public final class EmbeddedS3 implements BeforeAllCallback {

  private static final Object LOCK = new Object();
  private static S3MockExtension server;
  private static S3Client shared;

  @Override
  public void beforeAll(ExtensionContext context) {
    client();
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
      if (server == null) {
        S3MockExtension mock =
            S3MockExtension.builder()
                .withSecureConnection(false)
                .withProperty("server.address", "127.0.0.1")
                .withProperty("spring.main.sources", LoopbackConnectors.class.getName())
                .silent()
                .build();
        mock.start();
        server = mock;
        Runtime.getRuntime().addShutdownHook(new Thread(mock::stop, "s3mock-stop"));
      }
      if (shared == null) {
        shared =
            S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getHttpPort()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
      }
      return shared;
    }
  }
}
