package dev.cutover.preflight;

import dev.cutover.plan.Plan;

/**
 * What the checks share: the plan, both sides (reachability already checked), blue's survey,
 * and the findings so far.
 */
record Inspection(Plan plan, SideView blue, SideView green, SourceSurvey survey, Findings findings) {

  void add(Finding finding) {
    findings.add(finding);
  }
}
