package dev.cutover.preflight;

/**
 * One check of the world before anything changes. A check reads what it needs through the
 * {@link Inspection} (whose reads turn refusals into findings) and adds every finding it makes;
 * it never stops at the first, and never throws for a finding. New checks (the edge checks of
 * another issue: ACM certificate, alias conflicts) are added to {@link PreflightStep#CHECKS}.
 */
interface PreflightCheck {

  void run(Inspection inspection);
}
