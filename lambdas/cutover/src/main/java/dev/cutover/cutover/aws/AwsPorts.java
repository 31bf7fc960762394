package dev.cutover.cutover.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.cutover.Ports;
import dev.cutover.plan.Arn;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The cutover's ports on AWS, with clients from the one factory, built once per role, session and
 * region for the life of the container. CloudFront and Route 53 are global services (signed for
 * us-east-1, the partition's global region); ACM is called in the certificate's region; the
 * report bucket in its own. Local runs point each at a stand-in with {@code
 * AWS_ENDPOINT_URL_CLOUDFRONT}, {@code AWS_ENDPOINT_URL_ROUTE_53}, {@code AWS_ENDPOINT_URL_ACM} and
 * {@code AWS_ENDPOINT_URL_S3}.
 */
public final class AwsPorts {

  private AwsPorts() {}

  public static Ports create(AwsClients clients) {
    ConcurrentMap<List<String>, CloudFrontClient> cloudFront = new ConcurrentHashMap<>();
    ConcurrentMap<List<String>, Route53Client> route53 = new ConcurrentHashMap<>();
    ConcurrentMap<List<String>, AcmClient> acm = new ConcurrentHashMap<>();
    ConcurrentMap<List<String>, S3Client> s3 = new ConcurrentHashMap<>();
    boolean localS3 = clients.endpointOverride("S3").isPresent();
    return new Ports(
        new CloudFrontDistributions(
            ref ->
                cloudFront.computeIfAbsent(
                    List.of(ref.roleArn(), ref.sessionName()),
                    k ->
                        RawXmlBodies.install(
                                clients.forAccount(ref.roleArn(), ref.sessionName(), globalRegion(ref.roleArn()))
                                    .configure(CloudFrontClient.builder(), "CloudFront"))
                            .build())),
        new Route53Zone(
            ref ->
                route53.computeIfAbsent(
                    List.of(ref.roleArn(), ref.sessionName()),
                    k -> clients.forAccount(ref.roleArn(), ref.sessionName(), globalRegion(ref.roleArn())).build(Route53Client.builder(), "Route 53"))),
        new AcmCertificates(
            ref -> {
              Region region = Region.of(Arn.parse(ref.arn()).map(Arn::region).filter(r -> !r.isEmpty()).orElse("us-east-1"));
              return acm.computeIfAbsent(
                  List.of(ref.roleArn(), ref.sessionName(), region.id()),
                  k -> clients.forAccount(ref.roleArn(), ref.sessionName(), region).build(AcmClient.builder(), "ACM"));
            }),
        new S3RecordStore(
            at ->
                s3.computeIfAbsent(
                    List.of(at.roleArn(), at.sessionName(), at.region()),
                    k ->
                        clients.forAccount(at.roleArn(), at.sessionName(), Region.of(at.region()))
                            .configure(S3Client.builder(), "S3")
                            .forcePathStyle(localS3)
                            .build())));
  }

  /** The global region of the role's partition, where CloudFront and Route 53 are signed. */
  static Region globalRegion(String roleArn) {
    String partition = Arn.parse(roleArn == null ? "" : roleArn).map(Arn::partition).orElse("aws");
    return switch (partition) {
      case "aws-cn" -> Region.AWS_CN_GLOBAL;
      case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
      default -> Region.AWS_GLOBAL;
    };
  }
}
