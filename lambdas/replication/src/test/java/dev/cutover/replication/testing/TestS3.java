package dev.cutover.replication.testing;

import dev.cutover.aws.AwsClients;
import dev.cutover.replication.aws.RawXmlBodies;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real SDK S3 client set up the way {@code S3Clients.from(AwsClients)} sets one up for a local
 * endpoint (UrlConnection client, the factory's timeouts and retry mode, path-style addressing,
 * raw XML bodies), with static credentials instead of an assumed role.
 */
public final class TestS3 {

  private TestS3() {}

  public static S3Client client(URI endpoint) {
    return RawXmlBodies.install(
            S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(
                    ClientOverrideConfiguration.builder()
                        .apiCallTimeout(AwsClients.DEFAULT_API_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(AwsClients.DEFAULT_API_CALL_ATTEMPT_TIMEOUT)
                        .retryStrategy(RetryMode.STANDARD)
                        .build())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .endpointOverride(endpoint)
                .forcePathStyle(true))
        .build();
  }
}
