package dev.cutover.approval.aws;

import dev.cutover.approval.port.Notice;
import dev.cutover.approval.port.Notifier;
import dev.cutover.aws.AwsErrors;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The approval notice as an SNS Publish to one topic; e-mail subscribers get the subject and the
 * text as they are. (SNS speaks the Query protocol: a form-encoded POST and an XML answer.)
 */
public final class SnsNotifier implements Notifier {

  private final SnsClient sns;
  private final String topicArn;

  public SnsNotifier(SnsClient sns, String topicArn) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  @Override
  public String publish(Notice notice) {
    try {
      return sns.publish(b -> b.topicArn(topicArn).subject(notice.subject()).message(notice.message())).messageId();
    } catch (RuntimeException e) {
      throw AwsErrors.translate(e, "Publish");
    }
  }
}
