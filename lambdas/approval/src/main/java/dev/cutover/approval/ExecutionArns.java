package dev.cutover.approval;

import java.util.regex.Pattern;

/** Step Functions execution ARNs: {@code arn:PARTITION:states:REGION:ACCOUNT:execution:MACHINE:NAME}. */
final class ExecutionArns {

  private static final Pattern EXECUTION_ARN =
      Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:[^:\\s]{1,80}:[^:\\s]{1,80}");

  private ExecutionArns() {}

  static boolean valid(String text) {
    return text != null && text.length() <= 256 && EXECUTION_ARN.matcher(text).matches();
  }

  /** The region part; for a {@link #valid} ARN. */
  static String region(String executionArn) {
    return executionArn.split(":", 6)[3];
  }

  /** What to say about a value that is not one. */
  static String problem(String what) {
    return "must be a Step Functions execution ARN, " + what
        + ", e.g. \"arn:aws:states:us-east-1:444455556666:execution:cutover-migration:run-1\".";
  }
}
