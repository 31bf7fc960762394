package dev.cutover.cutover.support;

import java.util.List;

/**
 * Route 53 API bodies (REST-XML, namespace {@value #NAMESPACE}) shaped as in the Amazon Route 53
 * API Reference: ListResourceRecordSetsResponse, ChangeResourceRecordSetsResponse,
 * GetChangeResponse, and the ErrorResponse of errors. InvalidChangeBatch comes in that same
 * ErrorResponse form (Route 53 no longer sends the {@code <InvalidChangeBatch><Messages>} root the
 * reference once showed; aws/aws-sdk-kotlin#1435).
 */
public final class Route53Xml {

  public static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";

  private Route53Xml() {}

  /** A simple alias record set to a CloudFront distribution. */
  public static String aliasRecord(String name, String type, String distributionDomain) {
    return "<ResourceRecordSet><Name>" + name + "</Name><Type>" + type + "</Type><AliasTarget><HostedZoneId>Z2FDTNDATAQYW2</HostedZoneId><DNSName>"
        + distributionDomain + "</DNSName><EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget></ResourceRecordSet>";
  }

  /** A simple record set with values. */
  public static String valueRecord(String name, String type, long ttl, String value) {
    return "<ResourceRecordSet><Name>" + name + "</Name><Type>" + type + "</Type><TTL>" + ttl
        + "</TTL><ResourceRecords><ResourceRecord><Value>" + value + "</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>";
  }

  /** A page of ListResourceRecordSets; {@code next} is {name, type} of the next page, or null. */
  public static String listRecords(List<String> recordSets, String[] next) {
    String truncated =
        next == null
            ? "<IsTruncated>false</IsTruncated>"
            : "<IsTruncated>true</IsTruncated><NextRecordName>" + next[0] + "</NextRecordName><NextRecordType>" + next[1] + "</NextRecordType>";
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ListResourceRecordSetsResponse xmlns="%s">
           <ResourceRecordSets>%s</ResourceRecordSets>
           %s
           <MaxItems>100</MaxItems>
        </ListResourceRecordSetsResponse>
        """.formatted(NAMESPACE, String.join("", recordSets), truncated).strip();
  }

  public static String changeResponse(String id, String status) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ChangeResourceRecordSetsResponse xmlns="%s">
           <ChangeInfo><Id>/change/%s</Id><Status>%s</Status><SubmittedAt>2026-11-24T10:00:00.000Z</SubmittedAt></ChangeInfo>
        </ChangeResourceRecordSetsResponse>
        """.formatted(NAMESPACE, id, status).strip();
  }

  public static String getChange(String id, String status) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <GetChangeResponse xmlns="%s">
           <ChangeInfo><Id>/change/%s</Id><Status>%s</Status><SubmittedAt>2026-11-24T10:00:00.000Z</SubmittedAt></ChangeInfo>
        </GetChangeResponse>
        """.formatted(NAMESPACE, id, status).strip();
  }

  public static String error(String code, String message) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ErrorResponse xmlns="%s">
           <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
           <RequestId>b25f48e8-84fd-11e6-80d9-574e0c4664cb</RequestId>
        </ErrorResponse>
        """.formatted(NAMESPACE, code, message).strip();
  }
}
