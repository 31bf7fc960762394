package dev.cutover.backfill.aws;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.net.URI;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Mock in process, on loopback only, spoken to over plain HTTP with the real SDK client.
 *
 * <p>{@code server.address} binds S3Mock's main (HTTPS) connector to 127.0.0.1, but its extra
 * HTTP connector is created without an address and would listen on every interface. This class,
 * added to S3Mock's Spring context through {@code spring.main.sources}, gives that connector the
 * loopback address too.
 */
public final class S3MockLoopback implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  /** S3Mock with these buckets, ports chosen by the system, bound to 127.0.0.1. */
  public static S3MockExtension extension(String... buckets) {
    return S3MockExtension.builder()
        .withProperty("server.address", "127.0.0.1")
        .withProperty("spring.main.sources", S3MockLoopback.class.getName())
        .withInitialBuckets(buckets)
        .silent()
        .build();
  }

  /**
   * An S3 client configured as AwsBackfillPorts configures one against a local endpoint: the
   * shared UrlConnection client, path-style addressing, the endpoint override.
   */
  public static S3Client client(S3MockExtension s3Mock) {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATARGET0000000000", "secret")))
        .endpointOverride(URI.create("http://127.0.0.1:" + s3Mock.getHttpPort()))
        .forcePathStyle(true)
        .build();
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.getAdditionalConnectors().forEach(c -> c.setProperty("address", "127.0.0.1"));
  }
}
