package dev.cutover.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to a decision call: an HTTP status, a stable code the CLI can branch on, and a
 * sentence for the person. Refusals are answers, not errors: nothing about them is a stack trace.
 *
 * @param status the HTTP status of the function URL's response
 * @param code what happened, e.g. {@code APPROVED}, {@code EXPIRED}, {@code NOT_AN_APPROVER}
 * @param message what happened and what to do, for the person who called
 * @param executionArn the execution, when known
 * @param approvalId the approval, when one was found and the caller may see it
 * @param decision the decision taken or found, when there is one and the caller may see it
 * @param decidedBy who took it
 * @param decidedAt when, ISO-8601
 * @param problems each problem with the request body, for {@code BAD_REQUEST}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DecisionOutcome(
    int status,
    String code,
    String message,
    String executionArn,
    String approvalId,
    String decision,
    String decidedBy,
    String decidedAt,
    List<String> problems) {

  static final String APPROVED = "APPROVED";
  static final String REJECTED = "REJECTED";
  static final String BAD_REQUEST = "BAD_REQUEST";
  static final String NOT_AUTHENTICATED = "NOT_AUTHENTICATED";
  static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
  static final String NO_APPROVAL_WAITING = "NO_APPROVAL_WAITING";
  static final String NOT_AN_APPROVER = "NOT_AN_APPROVER";
  static final String ALREADY_DECIDED = "ALREADY_DECIDED";
  static final String EXPIRED = "EXPIRED";
  static final String STARTER_UNKNOWN = "STARTER_UNKNOWN";
  static final String SELF_APPROVAL = "SELF_APPROVAL";
  static final String TRY_AGAIN = "TRY_AGAIN";
  static final String FAILED = "FAILED";

  static DecisionOutcome refused(int status, String code, String message, String executionArn) {
    return new DecisionOutcome(status, code, message, executionArn, null, null, null, null, null);
  }
}
