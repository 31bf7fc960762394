package dev.cutover.preflight.support;

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

/**
 * One S3Mock server per test JVM (it takes seconds to start), bound to loopback, spoken to over
 * plain HTTP with the real SDK client configured the way {@code AwsClients} configures one for a
 * local run: endpoint override, path-style addressing, static credentials, standard retries.
 *
 * <p>S3Mock accepts SSE-KMS only under keys it was told about, and only by key id (not ARN):
 * {@link #KMS_KEY_ID} is registered.
 */
public final class EmbeddedS3 implements BeforeAllCallback {

  /** A customer managed key S3Mock accepts for SSE-KMS uploads. */
  public static final String KMS_KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  public static final String KMS_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

  private static final Object LOCK = new Object();
  private static URI endpoint;
  private static S3Client shared;

  @Override
  public void beforeAll(ExtensionContext context) {
    endpoint();
  }

  /** The running server's HTTP endpoint. */
  public static URI endpoint() {
    synchronized (LOCK) {
      if (endpoint == null) {
        S3MockExtension mock =
            S3MockExtension.builder()
                .withSecureConnection(false)
                .withProperty("server.address", "127.0.0.1")
                .withProperty("spring.main.sources", LoopbackConnectors.class.getName())
                .withProperty("com.adobe.testing.s3mock.store.validKmsKeys", KMS_KEY_ARN)
                .silent()
                .build();
        mock.start();
        endpoint = URI.create("http://127.0.0.1:" + mock.getHttpPort());
        Runtime.getRuntime().addShutdownHook(new Thread(mock::stop, "s3mock-stop"));
      }
      return endpoint;
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

  /** A client for the server, as a step would build it. */
  public static S3Client client() {
    synchronized (LOCK) {
      if (shared == null) {
        shared = client(endpoint());
      }
      return shared;
    }
  }

  /** A client for any S3 endpoint on loopback (S3Mock or a WireMock stub). */
  public static S3Client client(URI endpoint) {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
        .build();
  }
}
