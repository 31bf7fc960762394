package dev.cutover.plan;

import java.util.List;

/**
 * Who may approve the cutover, and for how long the workflow waits.
 *
 * @param timeoutSeconds how long the approval waits before the run ends with no change
 * @param approvers IAM principal ARNs allowed to approve or reject (users, roles, or assumed-role
 *     sessions); required for {@code MIGRATE}
 * @param approverMustDifferFromStarter whether the person who started the run may not approve it
 */
public record ApprovalSettings(
    Integer timeoutSeconds, List<String> approvers, Boolean approverMustDifferFromStarter) {

  public ApprovalSettings {
    timeoutSeconds = timeoutSeconds == null ? PlanDefaults.APPROVAL_TIMEOUT_SECONDS : timeoutSeconds;
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    approverMustDifferFromStarter =
        approverMustDifferFromStarter == null
            ? PlanDefaults.APPROVER_MUST_DIFFER_FROM_STARTER
            : approverMustDifferFromStarter;
  }

  public static ApprovalSettings defaults() {
    return new ApprovalSettings(null, null, null);
  }
}
