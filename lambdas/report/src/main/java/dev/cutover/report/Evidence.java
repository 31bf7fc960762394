package dev.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the report is about, read once: the run, and each step's section as a typed view,
 * with the problems met while reading them. The verdict, the JSON document and the page are all
 * made from this one reading.
 *
 * @param raw the sections as received, for report.json
 */
record Evidence(
    String executionId,
    Plan plan,
    Section<PreflightEvidence> preflight,
    Section<BackfillEvidence> backfill,
    Section<VerifyEvidence> verify,
    Section<VerifyEvidence> verifyKeys,
    List<Section<GenericEvidence>> generic,
    Map<String, JsonNode> raw,
    List<ReadProblem> problems,
    int problemsTotal) {

  static Evidence read(ReportInput input) {
    Problems problems = new Problems();
    Map<String, JsonNode> s = input.sections();
    var preflight = Section.read("preflight", "Preflight", s.get("preflight"), problems, PreflightEvidence::read);
    var backfill = Section.read("backfill", "Backfill", s.get("backfill"), problems, BackfillEvidence::read);
    var verify = Section.read("verify", "Verify objects", s.get("verify"), problems, VerifyEvidence::read);
    var verifyKeys = Section.read("verifyKeys", "Hot-key verify", s.get("verifyKeys"), problems, VerifyEvidence::read);
    var checksum = Section.read("checksum", "Checksum comparison", s.get("checksum"), problems, GenericEvidence::read);
    var parity = Section.read("parity", "Edge parity", s.get("parity"), problems, GenericEvidence::read);
    var logscan = Section.read("logscan", "Log scan", s.get("logscan"), problems, GenericEvidence::read);
    return new Evidence(
        input.executionId(),
        input.plan(),
        preflight,
        backfill,
        verify,
        verifyKeys,
        List.of(checksum, parity, logscan),
        s,
        problems.list(),
        problems.total());
  }

  /** Every section in page order. */
  List<Section<?>> sections() {
    List<Section<?>> all = new ArrayList<>(List.of(preflight, backfill, verify, verifyKeys));
    all.addAll(generic);
    return List.copyOf(all);
  }
}
