package dev.cutover.approval;

import dev.cutover.approval.port.ApprovalRecord;
import dev.cutover.approval.port.Notice;
import dev.cutover.plan.Plan;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text approvers receive. It names the migration, the execution, the report and the exact
 * commands to decide, and carries nothing that decides by itself: no task token, and no link,
 * because a mail scanner that follows links (a GET) must never approve anything. Deciding takes
 * the approver's own AWS credentials ({@code cutover approve}, an IAM-signed call).
 */
final class ApprovalNotice {

  /** SNS refuses e-mail subjects of 100 characters or more. */
  static final int MAX_SUBJECT = 99;

  private static final int MAX_REASONS_SHOWN = 10;
  private static final int MAX_REASON_LENGTH = 300;

  private ApprovalNotice() {}

  static Notice of(ApprovalRecord record, Plan plan, ReportPointer report) {
    String subject = ascii("cutover approval needed: " + plan.migrationId() + " (" + plan.mode() + "), " + report.verdict());
    if (subject.length() > MAX_SUBJECT) {
      subject = subject.substring(0, MAX_SUBJECT);
    }
    String execution = record.executionArn();
    StringBuilder m = new StringBuilder();
    m.append("cutover is waiting for a decision before it moves ").append(plan.dns().hostname())
        .append(" from blue to green.\n\n");
    m.append("Migration:  ").append(plan.migrationId()).append(" (").append(plan.mode()).append(")\n");
    m.append("Execution:  ").append(execution).append('\n');
    m.append("Blue:       s3://").append(plan.source().bucket()).append(" in ").append(plan.source().accountId())
        .append(", distribution ").append(plan.source().distributionId()).append('\n');
    m.append("Green:      s3://").append(plan.target().bucket()).append(" in ").append(plan.target().accountId())
        .append(", distribution ").append(plan.target().distributionId()).append("\n\n");
    m.append("Verdict:    ").append(report.verdict()).append('\n');
    if (!report.reasons().isEmpty()) {
      m.append("Reasons:\n");
      report.reasons().stream().limit(MAX_REASONS_SHOWN)
          .forEach(r -> m.append("  - ").append(shorten(r)).append('\n'));
      if (report.reasons().size() > MAX_REASONS_SHOWN) {
        m.append("  (").append(report.reasons().size() - MAX_REASONS_SHOWN).append(" more in the report)\n");
      }
    }
    if (!report.summary().isEmpty()) {
      m.append("Summary:    ").append(summary(report.summary())).append('\n');
    }
    m.append("Report:     ").append(report.html()).append('\n');
    m.append("            ").append(report.json()).append("\n\n");
    m.append("Decide before ").append(seconds(record.deadline()))
        .append("; after that the run ends without changing traffic.\n");
    m.append("Who may decide: ").append(String.join(", ", record.approvers())).append('\n');
    if (record.approverMustDifferFromStarter()) {
      m.append("The person who started this run may not approve it.\n");
    }
    List<String> commands = commands(execution);
    m.append("\nTo approve, with your own AWS credentials:\n  ").append(commands.get(0)).append('\n');
    m.append("To reject:\n  ").append(commands.get(1)).append("\n\n");
    m.append("Approval id ").append(record.approvalId())
        .append(" (for the audit trail; it grants nothing). This notice has no link and no token:")
        .append(" deciding is an IAM-authenticated call that records who decided.\n");
    return new Notice(subject, m.toString());
  }

  private static String summary(Map<String, String> summary) {
    return summary.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  private static String shorten(String reason) {
    String oneLine = reason.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_REASON_LENGTH ? oneLine : oneLine.substring(0, MAX_REASON_LENGTH - 1) + "…";
  }

  private static String seconds(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** SNS subjects are ASCII without control characters. */
  private static String ascii(String text) {
    return text.chars()
        .mapToObj(c -> c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : "?")
        .collect(Collectors.joining());
  }

  /** The commands that decide: approve, then reject. */
  static List<String> commands(String executionArn) {
    return List.of(
        "cutover approve --execution " + executionArn,
        "cutover reject --execution " + executionArn + " --reason \"...\"");
  }
}
