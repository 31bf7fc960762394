package dev.cutover.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.S3ControlClientBuilder;

/**
 * A WireMock S3 Control on loopback serving bodies shaped as in the Amazon S3 Control API
 * reference (REST-XML, namespace {@value #NAMESPACE}): CreateJob
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_CreateJob.html) and DescribeJob
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_DescribeJob.html); clients
 * configured the way AwsClients configures them; XPath over the requests we send.
 *
 * <p>S3 Control clients put the account id in front of the host, so an endpoint override alone
 * cannot reach a local stub: each adapter has a {@code client(builder, localEndpoint)} factory that
 * installs a fixed {@code endpointProvider}, and {@link #client} goes through it, as a local run
 * does.
 */
public final class S3ControlStub {

  public static final String NAMESPACE = "http://awss3control.amazonaws.com/doc/2018-08-20/";

  private S3ControlStub() {}

  /** A stub on 127.0.0.1 and a port of the system's choosing; register it with {@code @RegisterExtension}. */
  public static WireMockExtension extension() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
        .build();
  }

  /**
   * A client pointed at the stub through the adapter's own factory ({@code
   * S3ControlBatchJobs::client}, {@code S3ControlChecksumJobs::client}), as a local run is.
   *
   * @param adapterClient the adapter's factory: a configured builder and the local endpoint in, the
   *     client out
   */
  public static S3ControlClient client(
      WireMockExtension stub,
      Duration attemptTimeout,
      BiFunction<S3ControlClientBuilder, Optional<URI>, S3ControlClient> adapterClient) {
    URI endpoint = URI.create("http://127.0.0.1:" + stub.getPort());
    return adapterClient.apply(
        S3ControlClient.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST000000000000", "secret")))
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
   * DescribeJob's response for a backfill job (Batch Replication over a generated manifest),
   * elements in the order of the reference's Response Syntax. List items are {@code <member>}
   * elements, as the service model (and so every SDK) names them; the reference's syntax block
   * shows them by their type name ({@code <JobFailure>}).
   *
   * @param failureReasons {@code <member>} elements of FailureReasons, or empty
   */
  public static String describeReplicationJob(
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
   * DescribeJob's response for a completed Batch Replication job, trimmed to its operation and
   * report: no manifest and no progress summary, what a reader expecting another operation's job
   * must cope with.
   */
  public static String describeReplicationJob(String jobId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeJobResult xmlns="%1$s">
           <Job>
              <ConfirmationRequired>false</ConfirmationRequired>
              <JobId>%2$s</JobId>
              <Operation>
                 <S3ReplicateObject/>
              </Operation>
              <Priority>10</Priority>
              <Report>
                 <Bucket>arn:aws:s3:::platform-cutover-reports</Bucket>
                 <Enabled>true</Enabled>
                 <Format>Report_CSV_20180820</Format>
                 <Prefix>cutover/assets-to-platform-account/backfill</Prefix>
                 <ReportScope>FailedTasksOnly</ReportScope>
              </Report>
              <Status>Complete</Status>
           </Job>
        </DescribeJobResult>
        """.formatted(NAMESPACE, jobId);
  }

  /**
   * DescribeJob's response for a Compute checksum job over a CSV manifest, elements in the order
   * of the reference's Response Syntax. List items are {@code <member>} elements, as the service
   * model (and so every SDK) names them.
   *
   * @param manifestArn the manifest's object ARN
   * @param reportBucket the completion report's bucket (a name)
   * @param reportPrefix the completion report's prefix
   * @param failureReasons {@code <member>} elements of FailureReasons, or empty
   */
  public static String describeChecksumJob(
      String jobId,
      String status,
      String manifestArn,
      String reportBucket,
      String reportPrefix,
      long total,
      long succeeded,
      long failed,
      String failureReasons) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeJobResult xmlns="%1$s">
           <Job>
              <ConfirmationRequired>false</ConfirmationRequired>
              <CreationTime>2026-11-24T10:15:30.000Z</CreationTime>
              <Description>cutover assets-to-platform-account: compute checksums</Description>
              <FailureReasons>%8$s</FailureReasons>
              <JobArn>arn:aws:s3:us-east-1:111122223333:job/%2$s</JobArn>
              <JobId>%2$s</JobId>
              <Manifest>
                 <Location>
                    <ETag>60e460c9d1046e73f7dde5043ac3ae85</ETag>
                    <ObjectArn>%3$s</ObjectArn>
                 </Location>
                 <Spec>
                    <Fields>
                       <member>Bucket</member>
                       <member>Key</member>
                    </Fields>
                    <Format>S3BatchOperations_CSV_20180820</Format>
                 </Spec>
              </Manifest>
              <Operation>
                 <S3ComputeObjectChecksum>
                    <ChecksumAlgorithm>CRC64NVME</ChecksumAlgorithm>
                    <ChecksumType>FULL_OBJECT</ChecksumType>
                 </S3ComputeObjectChecksum>
              </Operation>
              <Priority>10</Priority>
              <ProgressSummary>
                 <NumberOfTasksFailed>%7$d</NumberOfTasksFailed>
                 <NumberOfTasksSucceeded>%6$d</NumberOfTasksSucceeded>
                 <Timers>
                    <ElapsedTimeInActiveSeconds>42</ElapsedTimeInActiveSeconds>
                 </Timers>
                 <TotalNumberOfTasks>%5$d</TotalNumberOfTasks>
              </ProgressSummary>
              <Report>
                 <Bucket>arn:aws:s3:::%10$s</Bucket>
                 <Enabled>true</Enabled>
                 <Format>Report_CSV_20180820</Format>
                 <Prefix>%4$s</Prefix>
                 <ReportScope>AllTasks</ReportScope>
              </Report>
              <RoleArn>arn:aws:iam::111122223333:role/cutover-checksum</RoleArn>
              <Status>%9$s</Status>
              <StatusUpdateReason>Job complete</StatusUpdateReason>
           </Job>
        </DescribeJobResult>
        """.formatted(NAMESPACE, jobId, manifestArn, reportPrefix, total, succeeded, failed, failureReasons, status, reportBucket);
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

  /** The body of a request we sent, parsed with namespaces. */
  public static Document xml(LoggedRequest request) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(request.getBody()));
  }

  /** The one text at {@code path}, written as in the reference's Request Syntax; fails unless exactly one. */
  public static String text(Document doc, String path) throws Exception {
    List<String> values = texts(doc, path);
    if (values.size() != 1) {
      throw new AssertionError(path + " occurs " + values.size() + " times: " + values);
    }
    return values.getFirst();
  }

  /** Every text at {@code path}: XPath over local names, so paths read like the reference's Request Syntax. */
  public static List<String> texts(Document doc, String path) throws Exception {
    StringBuilder xpath = new StringBuilder();
    for (String step : path.substring(1).split("/")) {
      xpath.append('/').append(step.equals("*") ? "*" : "*[local-name()='" + step + "']");
    }
    NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath.toString(), doc, XPathConstants.NODESET);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      values.add(nodes.item(i).getTextContent());
    }
    return values;
  }

  /** How many elements are at {@code path}. */
  public static int count(Document doc, String path) throws Exception {
    return texts(doc, path).size();
  }
}
