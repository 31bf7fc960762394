package dev.cutover.preflight.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Bodies shaped as in the Amazon S3 API Reference (REST-XML, namespace {@value #NAMESPACE}),
 * served by WireMock where S3Mock lacks the API or the answer.
 */
final class S3Stub {

  static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  private S3Stub() {}

  /** An XML answer as S3 sends it. */
  static ResponseDefinitionBuilder xml(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/xml")
        .withHeader("x-amz-request-id", "8D2E2F5B1C3A4B6D")
        .withHeader("Server", "AmazonS3")
        .withBody(body);
  }

  /** GetBucketOwnershipControls: {@code <OwnershipControls><Rule><ObjectOwnership>}. */
  static String ownershipControls(String objectOwnership) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <OwnershipControls xmlns="%s">
           <Rule>
              <ObjectOwnership>%s</ObjectOwnership>
           </Rule>
        </OwnershipControls>
        """.formatted(NAMESPACE, objectOwnership);
  }

  /**
   * GetBucketEncryption: {@code <ServerSideEncryptionConfiguration><Rule>
   * <ApplyServerSideEncryptionByDefault><SSEAlgorithm><KMSMasterKeyID>} and {@code
   * <BucketKeyEnabled>}.
   *
   * @param keyId {@code null} to leave KMSMasterKeyID out
   */
  static String encryption(String algorithm, String keyId, boolean bucketKey) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ServerSideEncryptionConfiguration xmlns="%s">
           <Rule>
              <ApplyServerSideEncryptionByDefault>
                 %s<SSEAlgorithm>%s</SSEAlgorithm>
              </ApplyServerSideEncryptionByDefault>
              <BucketKeyEnabled>%s</BucketKeyEnabled>
           </Rule>
        </ServerSideEncryptionConfiguration>
        """.formatted(NAMESPACE, keyId == null ? "" : "<KMSMasterKeyID>" + keyId + "</KMSMasterKeyID>", algorithm, bucketKey);
  }

  /** An S3 error: {@code <Error><Code><Message><RequestId><HostId>}. */
  static String error(String code, String message) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <Error>
           <Code>%s</Code>
           <Message>%s</Message>
           <RequestId>8D2E2F5B1C3A4B6D</RequestId>
           <HostId>aGVsbG8gd29ybGQ=</HostId>
        </Error>
        """.formatted(code, message);
  }
}
