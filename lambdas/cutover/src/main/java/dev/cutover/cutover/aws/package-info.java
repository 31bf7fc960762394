/**
 * The cutover's ports on AWS SDK v2: CloudFront, Route 53, ACM and S3, with clients from {@link
 * dev.cutover.aws.AwsClients}. Tested against WireMock (CloudFront, Route 53, ACM) and the
 * embedded S3 server.
 */
package dev.cutover.cutover.aws;
