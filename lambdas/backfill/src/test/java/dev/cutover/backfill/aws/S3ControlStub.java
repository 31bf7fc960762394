package dev.cutover.backfill.aws;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * A WireMock S3 Control on loopback serving bodies shaped as in the Amazon S3 Control API
 * reference (REST-XML, namespace {@value #NAMESPACE}), and clients configured the way AwsClients
 * configures them.
 */
public final class S3ControlStub {

  public static final String NAMESPACE = "http://awss3control.amazonaws.com/doc/2018-08-20/";

  private S3ControlStub() {}

  public static WireMockExtension extension() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
        .build();
  }

  /** A client pointed at the stub through {@link S3ControlBatchJobs#client}, as a local run is. */
  public static S3ControlClient client(WireMockExtension stub, Duration attemptTimeout) {
    URI endpoint = URI.create("http://127.0.0.1:" + stub.getPort());
    return S3ControlBatchJobs.client(
        S3ControlClient.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASOURCE0000000000", "secret")))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallTimeout(Duration.ofSeconds(20))
                    .apiCallAttemptTimeout(attemptTimeout)
                    .retryStrategy(RetryMode.STANDARD)
                    .build())
            .endpointOverride(endpoint),
        Optional.of(endpoint));
  }

  /** CreateJob's response: {@code <CreateJobResult><JobId>}. */
  public static String createJobResult(String jobId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <CreateJobResult xmlns="%s">
           <JobId>%s</JobId>
        </CreateJobResult>
        """.formatted(NAMESPACE, jobId);
  }

  /**
   * DescribeJob's response for a backfill job, elements in the order of the reference's Response
   * Syntax. List items are {@code <member>} elements, as the service model (and so every SDK) names
   * them; the reference's syntax block shows them by their type name ({@code <JobFailure>}).
   *
   * @param failureReasons {@code <member>} elements of FailureReasons, or empty
   */
  public static String describeJobResult(
      String jobId, String status, long total, long succeeded, long failed, String failureReasons) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeJobResult xmlns="%1$s">
           <Job>
              <ConfirmationRequired>false</ConfirmationRequired>
              <CreationTime>2026-11-24T10:15:30.000Z</CreationTime>
              <Description>cutover assets-to-platform-account: start</Description>
              <FailureReasons>%6$s</FailureReasons>
              <JobArn>arn:aws:s3:us-east-1:111122223333:job/%2$s</JobArn>
              <JobId>%2$s</JobId>
              <ManifestGenerator>
                 <S3JobManifestGenerator>
                    <EnableManifestOutput>true</EnableManifestOutput>
                    <Filter>
                       <EligibleForReplication>true</EligibleForReplication>
                       <ObjectReplicationStatuses>
                          <member>NONE</member>
                          <member>FAILED</member>
                       </ObjectReplicationStatuses>
                    </Filter>
                    <SourceBucket>arn:aws:s3:::legacy-web-assets</SourceBucket>
                 </S3JobManifestGenerator>
              </ManifestGenerator>
              <Operation>
                 <S3ReplicateObject/>
              </Operation>
              <Priority>10</Priority>
              <ProgressSummary>
                 <NumberOfTasksFailed>%5$d</NumberOfTasksFailed>
                 <NumberOfTasksSucceeded>%4$d</NumberOfTasksSucceeded>
                 <Timers>
                    <ElapsedTimeInActiveSeconds>42</ElapsedTimeInActiveSeconds>
                 </Timers>
                 <TotalNumberOfTasks>%3$d</TotalNumberOfTasks>
              </ProgressSummary>
              <Report>
                 <Bucket>arn:aws:s3:::platform-cutover-reports</Bucket>
                 <Enabled>true</Enabled>
                 <Format>Report_CSV_20180820</Format>
                 <Prefix>cutover/assets-to-platform-account/backfill</Prefix>
                 <ReportScope>FailedTasksOnly</ReportScope>
              </Report>
              <RoleArn>arn:aws:iam::111122223333:role/cutover-batch-replication</RoleArn>
              <Status>%7$s</Status>
              <StatusUpdateReason>Job complete</StatusUpdateReason>
              <TerminationDate>2026-11-24T10:21:02.000Z</TerminationDate>
           </Job>
        </DescribeJobResult>
        """.formatted(NAMESPACE, jobId, total, succeeded, failed, failureReasons, status);
  }

  /**
   * An S3 Control error body. The SDK's REST-XML error parser reads {@code
   * <ErrorResponse><Error><Code><Message>}; a bare {@code <Error>} root (what S3 itself sends) leaves
   * the code and message empty, so S3 Control must wrap it (aws-sdk-java-v2 issue #1986).
   */
  public static String error(String code, String message) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ErrorResponse>
           <Error>
              <Code>%s</Code>
              <Message>%s</Message>
           </Error>
           <RequestId>4442587FB7D0A2F9</RequestId>
           <HostId>fX2nQpZ6zW3kXk1lU8hA0KzQ0cP9iG5mE2wVvQ1sY7oR3tB4uN6aL8dJ0fH9gI2e=</HostId>
        </ErrorResponse>
        """.formatted(code, message);
  }
}
