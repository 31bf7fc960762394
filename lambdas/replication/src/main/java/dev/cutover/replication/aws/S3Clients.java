package dev.cutover.replication.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.replication.port.Bucket;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The S3 client to reach a bucket with: its account's role, its region. */
@FunctionalInterface
public interface S3Clients {

  S3Client forBucket(Bucket bucket);

  /**
   * Clients from the one factory, built once per role, session and region for the life of the
   * container, path-style when a local endpoint is set, able to send and receive raw XML bodies.
   */
  static S3Clients from(AwsClients clients) {
    ConcurrentMap<List<String>, S3Client> built = new ConcurrentHashMap<>();
    boolean local = clients.endpointOverride("S3").isPresent();
    return bucket ->
        built.computeIfAbsent(
            List.of(String.valueOf(bucket.roleArn()), bucket.sessionName(), bucket.region()),
            k -> {
              S3ClientBuilder builder =
                  clients
                      .forAccount(bucket.roleArn(), bucket.sessionName(), Region.of(bucket.region()))
                      .configure(S3Client.builder(), "S3");
              return RawXmlBodies.install(builder.forcePathStyle(local)).build();
            });
  }
}
