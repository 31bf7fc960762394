package dev.cutover.preflight.port;

import java.util.Optional;

/** KMS key metadata of one account and region (DescribeKey). */
public interface KeyFacts {

  /**
   * The ARN of the AWS managed key for S3 ({@code alias/aws/s3}) in this account and region. KMS
   * answers DescribeKey of a predefined AWS alias with its key (associating one if the account
   * had none yet); empty only if KMS says there is none, in which case no object can be under it.
   *
   * @throws Refusal when the role may not describe it ({@code kms:DescribeKey})
   */
  Optional<String> awsManagedS3KeyArn();
}
