package dev.cutover.cutover.port;

/**
 * A certificate and the identity to read it with (the account of the distribution using it).
 *
 * @param arn the ACM certificate ARN; CloudFront's are in us-east-1
 * @param roleArn the role cutover assumes in that account
 * @param sessionName who is calling, for CloudTrail (the migration id)
 */
public record CertificateRef(String arn, String roleArn, String sessionName) {}
