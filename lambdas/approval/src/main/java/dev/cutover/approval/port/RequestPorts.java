package dev.cutover.approval.port;

/** What the request function needs, built on first use so a configuration error is reported as a step error. */
public interface RequestPorts {
  ApprovalStore store();

  TokenCipher cipher();

  Notifier notifier();
}
