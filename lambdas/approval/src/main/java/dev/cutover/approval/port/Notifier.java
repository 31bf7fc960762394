package dev.cutover.approval.port;

/** Sends the approval notice to the people who may decide (in AWS, an SNS topic). */
public interface Notifier {

  /** Publishes {@code notice}; returns the message id the service gave it. */
  String publish(Notice notice);
}
