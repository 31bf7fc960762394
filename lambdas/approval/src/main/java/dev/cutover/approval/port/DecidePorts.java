package dev.cutover.approval.port;

/**
 * What the decide function needs. Step Functions and CloudTrail are asked in the execution's own
 * region, which its ARN names.
 */
public interface DecidePorts {
  ApprovalStore store();

  TokenCipher cipher();

  TaskCallbacks callbacks(String region);

  StarterLookup starters(String region);
}
