package dev.cutover.cutover.support;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CloudFront API bodies (REST-XML, namespace {@value #NAMESPACE}) shaped as in the Amazon
 * CloudFront API Reference: DistributionConfig (GetDistributionConfig's body and UpdateDistribution's
 * request), Distribution (GetDistribution, UpdateDistribution responses), ListDomainConflictsResult
 * and the ErrorResponse every error uses.
 */
public final class CloudFrontXml {

  public static final String NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/";

  private CloudFrontXml() {}

  /**
   * A DistributionConfig of an S3-origin distribution, elements in the reference's order.
   *
   * @param extra elements appended at the end (a setting this SDK might not know)
   */
  public static String config(String callerReference, String comment, List<String> aliases, boolean enabled, String acmCertificateArn, String extra) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <DistributionConfig xmlns="%s">%s</DistributionConfig>
        """.formatted(NAMESPACE, configBody(callerReference, comment, aliases, enabled, acmCertificateArn, extra)).strip();
  }

  /** The DistributionConfig's children, for embedding in a Distribution. */
  public static String configBody(String callerReference, String comment, List<String> aliases, boolean enabled, String acmCertificateArn, String extra) {
    String items =
        aliases.isEmpty()
            ? ""
            : "<Items>" + aliases.stream().map(a -> "<CNAME>" + a + "</CNAME>").collect(Collectors.joining()) + "</Items>";
    String certificate =
        acmCertificateArn == null
            ? "<CloudFrontDefaultCertificate>true</CloudFrontDefaultCertificate><SSLSupportMethod>vip</SSLSupportMethod><MinimumProtocolVersion>TLSv1</MinimumProtocolVersion><CertificateSource>cloudfront</CertificateSource>"
            : "<CloudFrontDefaultCertificate>false</CloudFrontDefaultCertificate><ACMCertificateArn>" + acmCertificateArn
                + "</ACMCertificateArn><SSLSupportMethod>sni-only</SSLSupportMethod><MinimumProtocolVersion>TLSv1.2_2021</MinimumProtocolVersion><Certificate>"
                + acmCertificateArn + "</Certificate><CertificateSource>acm</CertificateSource>";
    return """
           <CallerReference>%1$s</CallerReference>
           <Aliases><Quantity>%2$d</Quantity>%3$s</Aliases>
           <DefaultRootObject>index.html</DefaultRootObject>
           <Origins>
              <Quantity>1</Quantity>
              <Items>
                 <Origin>
                    <Id>assets-origin</Id>
                    <DomainName>web-assets.s3.us-east-1.amazonaws.com</DomainName>
                    <OriginPath></OriginPath>
                    <CustomHeaders><Quantity>0</Quantity></CustomHeaders>
                    <S3OriginConfig><OriginAccessIdentity></OriginAccessIdentity></S3OriginConfig>
                    <ConnectionAttempts>3</ConnectionAttempts>
                    <ConnectionTimeout>10</ConnectionTimeout>
                    <OriginShield><Enabled>false</Enabled></OriginShield>
                    <OriginAccessControlId>E1ORIGINACCESS1</OriginAccessControlId>
                 </Origin>
              </Items>
           </Origins>
           <OriginGroups><Quantity>0</Quantity></OriginGroups>
           <DefaultCacheBehavior>
              <TargetOriginId>assets-origin</TargetOriginId>
              <TrustedSigners><Enabled>false</Enabled><Quantity>0</Quantity></TrustedSigners>
              <TrustedKeyGroups><Enabled>false</Enabled><Quantity>0</Quantity></TrustedKeyGroups>
              <ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy>
              <AllowedMethods>
                 <Quantity>2</Quantity><Items><Method>HEAD</Method><Method>GET</Method></Items>
                 <CachedMethods><Quantity>2</Quantity><Items><Method>HEAD</Method><Method>GET</Method></Items></CachedMethods>
              </AllowedMethods>
              <SmoothStreaming>false</SmoothStreaming>
              <Compress>true</Compress>
              <LambdaFunctionAssociations><Quantity>0</Quantity></LambdaFunctionAssociations>
              <FunctionAssociations><Quantity>0</Quantity></FunctionAssociations>
              <FieldLevelEncryptionId></FieldLevelEncryptionId>
              <CachePolicyId>658327ea-f89d-4fab-a63d-7e88639e58f6</CachePolicyId>
           </DefaultCacheBehavior>
           <CacheBehaviors><Quantity>0</Quantity></CacheBehaviors>
           <CustomErrorResponses><Quantity>0</Quantity></CustomErrorResponses>
           <Comment>%4$s</Comment>
           <Logging><Enabled>false</Enabled><IncludeCookies>false</IncludeCookies><Bucket></Bucket><Prefix></Prefix></Logging>
           <PriceClass>PriceClass_All</PriceClass>
           <Enabled>%5$s</Enabled>
           <ViewerCertificate>%6$s</ViewerCertificate>
           <Restrictions><GeoRestriction><RestrictionType>none</RestrictionType><Quantity>0</Quantity></GeoRestriction></Restrictions>
           <WebACLId></WebACLId>
           <HttpVersion>http2and3</HttpVersion>
           <IsIPV6Enabled>true</IsIPV6Enabled>
           <Staging>false</Staging>%7$s
        """.formatted(callerReference, aliases.size(), items, comment, enabled, certificate, extra == null ? "" : extra);
  }

  /** GetDistribution's body. */
  public static String distribution(String id, String account, String domainName, String status, String configBody) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <Distribution xmlns="%1$s">
           <Id>%2$s</Id>
           <ARN>arn:aws:cloudfront::%3$s:distribution/%2$s</ARN>
           <Status>%4$s</Status>
           <LastModifiedTime>2026-11-20T09:00:00.000Z</LastModifiedTime>
           <InProgressInvalidationBatches>0</InProgressInvalidationBatches>
           <DomainName>%5$s</DomainName>
           <ActiveTrustedSigners><Enabled>false</Enabled><Quantity>0</Quantity></ActiveTrustedSigners>
           <ActiveTrustedKeyGroups><Enabled>false</Enabled><Quantity>0</Quantity></ActiveTrustedKeyGroups>
           <DistributionConfig>%6$s</DistributionConfig>
        </Distribution>
        """.formatted(NAMESPACE, id, account, status, domainName, configBody).strip();
  }

  /**
   * ListDomainConflicts' body: each conflict is a {@code DomainConflicts} element inside the
   * {@code DomainConflicts} list (the member name the service model gives it).
   *
   * @param conflicts {domain, resourceType, resourceId, accountId} each
   */
  public static String domainConflicts(String[]... conflicts) {
    String items =
        java.util.Arrays.stream(conflicts)
            .map(c -> "<DomainConflicts><Domain>" + c[0] + "</Domain><ResourceType>" + c[1] + "</ResourceType><ResourceId>" + c[2]
                + "</ResourceId><AccountId>" + c[3] + "</AccountId></DomainConflicts>")
            .collect(Collectors.joining());
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ListDomainConflictsResult xmlns="%s"><DomainConflicts>%s</DomainConflicts></ListDomainConflictsResult>
        """.formatted(NAMESPACE, items).strip();
  }

  /** The body of every CloudFront error. */
  public static String error(String code, String message) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ErrorResponse xmlns="%s">
           <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
           <RequestId>7d2b3e1f-5a6c-4d8e-9f01-23456789abcd</RequestId>
        </ErrorResponse>
        """.formatted(NAMESPACE, code, message).strip();
  }
}
