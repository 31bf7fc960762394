package dev.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.Plan;
import dev.cutover.task.TaskPayload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report task's payload: the execution and its plan, and what the earlier steps returned.
 *
 * <pre>{@code
 * {
 *   "executionId": "arn:aws:states:us-east-1:444455556666:execution:cutover:run-1",
 *   "plan": { ... the execution input ... },
 *   "preflight": {...}, "backfill": {"progress": {...}, "report": {...}},
 *   "verify": {...}, "verifyKeys": {...}, "checksum": {...}, "parity": {...}, "logscan": {...}
 * }
 * }</pre>
 *
 * {@code executionId} and {@code plan} are required and checked strictly: without them there is no
 * place to write the report. Every section is optional and is read tolerantly later ({@link
 * Evidence}), because a step that did not run or failed must still leave a report behind. A field
 * that is none of these is refused, naming it: it is a typo in the state machine, and the section
 * it was meant to be would otherwise silently show as "not run".
 *
 * @param sections the section fields present in the payload, by name, as given ({@code null} ones
 *     left out: a step that did not run)
 */
record ReportInput(String executionId, Plan plan, Map<String, JsonNode> sections) {

  /** The sections the report knows, in page order. */
  static final List<String> SECTIONS =
      List.of("preflight", "backfill", "verify", "verifyKeys", "checksum", "parity", "logscan");

  static ReportInput parse(JsonNode node) {
    List<String> known = new ArrayList<>(List.of("executionId", "plan"));
    known.addAll(SECTIONS);
    TaskPayload payload = TaskPayload.of(node, "report", known);
    String executionId = payload.executionId();
    Plan plan = payload.plan();
    payload.done();
    Map<String, JsonNode> sections = new LinkedHashMap<>();
    for (String name : SECTIONS) {
      JsonNode section = node.get(name);
      if (section != null && !section.isNull()) {
        sections.put(name, section);
      }
    }
    return new ReportInput(executionId, plan, sections);
  }
}
