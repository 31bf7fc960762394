package dev.cutover.approval;


/**
 * What the request step returns. A {@code .waitForTaskToken} task ignores a Lambda's own result
 * (its output is what the decision sends), so this is for the log and for tests. It never holds the
 * token.
 *
 * @param executionArn the execution waiting
 * @param approvalId the approval's id
 * @param deadline when the wait times out, ISO-8601
 * @param reused whether this invocation found the record a previous invocation of the same task had
 *     stored (a retry) rather than storing one
 * @param notified whether this invocation published the notice (false when an earlier invocation of
 *     the same task already had)
 */
record ApprovalRequested(String executionArn, String approvalId, String deadline, boolean reused, boolean notified) {}
