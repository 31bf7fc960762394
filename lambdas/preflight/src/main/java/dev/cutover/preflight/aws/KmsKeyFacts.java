package dev.cutover.preflight.aws;

import dev.cutover.preflight.port.KeyFacts;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * {@link KeyFacts} over KMS: DescribeKey of {@code alias/aws/s3}. For a predefined AWS alias KMS
 * returns the AWS managed key's KeyId and Arn (the KMS API reference, DescribeKey: "If you specify
 * a predefined AWS alias (an AWS alias with no key ID), KMS associates the alias with an AWS
 * managed key and returns its KeyId and Arn"). The AWS managed key's policy lets principals of
 * its account read its metadata when IAM allows {@code kms:DescribeKey}, so the side's own role
 * can tell it apart from customer managed keys.
 */
public final class KmsKeyFacts implements KeyFacts {

  static final String AWS_S3_ALIAS = "alias/aws/s3";

  private final KmsClient kms;

  public KmsKeyFacts(KmsClient kms) {
    this.kms = kms;
  }

  @Override
  public Optional<String> awsManagedS3KeyArn() {
    try {
      return Optional.ofNullable(kms.describeKey(r -> r.keyId(AWS_S3_ALIAS)).keyMetadata().arn());
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw Refusals.of(e, "DescribeKey", "kms:DescribeKey");
    }
  }
}
