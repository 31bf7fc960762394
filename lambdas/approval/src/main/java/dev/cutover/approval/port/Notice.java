package dev.cutover.approval.port;

/**
 * What the approvers are sent: an e-mail-sized text that names the execution, the report and the
 * commands to decide. Never the task token, never a link that decides.
 *
 * @param subject one line, ASCII, under 100 characters (SNS's limits for e-mail subjects)
 * @param message plain text
 */
public record Notice(String subject, String message) {}
