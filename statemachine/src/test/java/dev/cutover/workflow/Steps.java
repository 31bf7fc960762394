package dev.cutover.workflow;

import static dev.cutover.workflow.Workflow.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.StatesError;
import dev.cutover.asl.engine.VirtualClock;
import dev.cutover.workflow.Workflow.Call;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Scripted step results shaped like the handlers' (see each handler's result record): by default a
 * migration that goes well. Knobs change one outcome; {@link #once} and {@link #failTimes} queue
 * one-shot answers for a call name ({@code Cutover/POINT_DNS}). The report is not a constant: its
 * verdict is worked out from the sections the workflow actually sends, by the report's own rules.
 */
final class Steps {

  static final String MIGRATION = "assets-to-platform-account";
  static final String REPORTS = "s3://platform-cutover-reports/cutover/" + MIGRATION;

  private final VirtualClock clock;
  private final Map<String, Deque<Function<Call, JsonNode>>> queued = new HashMap<>();

  // knobs
  boolean preflightPasses = true;
  int backfillPollsUntilDone = 3;
  String backfillOutcome = "SUCCEEDED";
  int verifyRoundsUntilComplete = 1;
  int verifyMismatches = 0;
  int contentUnverified = 0;
  int checksumPollsUntilDone = 2;
  int keyWindows = 2;
  int keyWindowMismatches = 0;
  boolean parityPasses = true;
  boolean cutoverRecorded = true;
  IntPredicate watchHealthy = i -> true;
  boolean failNotices;

  // what the steps saw
  final List<JsonNode> reports = new ArrayList<>();
  final List<JsonNode> reportResults = new ArrayList<>();
  /** Every answer, in call order: {@code answers.get(i)} answered {@code Workflow.calls.get(i)}; a failure leaves null. */
  final List<JsonNode> answers = new ArrayList<>();
  private final Map<String, Integer> counts = new HashMap<>();
  private final List<String> calls = new ArrayList<>();
  private JsonNode lastVerify;
  private int listingRounds;
  private Instant since;

  Steps(VirtualClock clock) {
    this.clock = clock;
  }

  /** The next call named {@code name} gets this answer instead of the script's. */
  void once(String name, Function<Call, JsonNode> answer) {
    queued.computeIfAbsent(name, n -> new ArrayDeque<>()).add(answer);
  }

  /** The next {@code times} calls named {@code name} fail with {@code error}, as Lambda names it. */
  void failTimes(String name, int times, String error) {
    for (int i = 0; i < times; i++) {
      once(name, c -> {
        throw new StatesError(error, "scripted failure of " + name);
      });
    }
  }

  JsonNode answer(Call call) {
    calls.add(call.name());
    answers.add(null);
    JsonNode answer = script(call);
    answers.set(answers.size() - 1, answer);
    return answer;
  }

  private JsonNode script(Call call) {
    int n = counts.merge(call.name(), 1, Integer::sum);
    Deque<Function<Call, JsonNode>> q = queued.get(call.name());
    if (q != null && !q.isEmpty()) {
      return q.poll().apply(call);
    }
    return switch (call.name()) {
      case "Preflight" -> preflight();
      case "Replication/ENABLE" -> obj("{'action':'ENABLE','outcome':'RULE_ADDED','changed':true,'ruleId':'cutover-" + MIGRATION + "','original':'" + REPORTS + "/replication/original.xml'}");
      case "Replication/RESTORE" -> obj("{'action':'RESTORE','outcome':'ORIGINAL_PUT','changed':true}");
      case "Backfill/START" -> obj("{'jobId':'a1b2c3d4-0000-4000-8000-backfill0001','clientRequestToken':'t','replicationStatuses':['NONE','FAILED'],'reportLocation':'" + REPORTS + "/backfill/job-a1b2c3d4/'}");
      case "Backfill/DESCRIBE" -> backfillProgress(n);
      case "Backfill/REPORT" -> obj("{'jobId':'a1b2c3d4-0000-4000-8000-backfill0001','failedTasks':3,'failedTasksByErrorCode':{'AccessDenied':3},'failedExamples':[],'examplesTruncated':false,'failedKeys':'" + REPORTS + "/backfill/failed-keys.jsonl'}");
      case "Verify" -> verify(call);
      case "Checksum/START" -> obj("{'objects':" + contentUnverified + ",'findings':'" + REPORTS + "/verify/run-1/findings.jsonl','checksum':'CRC64NVME FULL_OBJECT','source':{'jobId':'src-job-0001'},'target':{'jobId':'tgt-job-0001'}}");
      case "Checksum/DESCRIBE" -> obj("{'outcome':'" + (n < checksumPollsUntilDone ? "RUNNING" : "SUCCEEDED") + "','source':{'jobId':'src-job-0001'},'target':{'jobId':'tgt-job-0001'}}");
      case "Checksum/COMPARE" -> obj("{'passed':true,'migrationId':'" + MIGRATION + "','checksum':'CRC64NVME FULL_OBJECT','objects':" + contentUnverified + ",'verifiedEqual':" + contentUnverified + ",'checksumDiffers':0,'stillUnverified':0,'mismatchTolerance':0}");
      case "LogScan" -> logScan();
      case "Parity" -> obj("{'passed':" + parityPasses + ",'migrationId':'" + MIGRATION + "','configFindings':" + (parityPasses ? "[]" : "[{'path':'CacheBehaviors[/img/*].Compress','blue':true,'green':false,'allowed':false}]") + ",'probeFindings':[],'counts':{'configDifferences':" + (parityPasses ? 0 : 1) + "}}");
      case "Report" -> report(call.payload());
      case "RequestApproval" -> obj("{'approvalId':'ap-1','notified':true}");
      case "Cutover/CHECK" -> obj("{'action':'CHECK','outcome':'CHECKED','changed':false,'check':{'phase':'NOT_STARTED'}}");
      case "Cutover/RECORD" -> obj("{'action':'RECORD','outcome':'RECORDED','changed':true}");
      case "Cutover/POINT_DNS" -> obj("{'action':'POINT_DNS','outcome':'DNS_CHANGE_SUBMITTED','changed':true,'changeId':'C0GREEN','dnsStatus':'PENDING'}");
      case "Cutover/DETACH_BLUE" -> aliasChange("DETACH_BLUE", "BLUE", "ALIAS_REMOVED");
      case "Cutover/ATTACH_GREEN" -> aliasChange("ATTACH_GREEN", "GREEN", "ALIAS_ADDED");
      case "Cutover/DNS_STATUS", "Rollback/DNS_STATUS" -> dnsStatus(call);
      case "Cutover/DISTRIBUTION_STATUS", "Rollback/DISTRIBUTION_STATUS" -> distributionStatus(call);
      case "Watch" -> watch(call, n);
      case "Rollback/DETACH_GREEN" -> cutoverRecorded ? aliasChange("DETACH_GREEN", "GREEN", "ALIAS_REMOVED") : nothingRecorded("DETACH_GREEN");
      case "Rollback/ATTACH_BLUE" -> cutoverRecorded ? aliasChange("ATTACH_BLUE", "BLUE", "ALIAS_ADDED") : nothingRecorded("ATTACH_BLUE");
      case "Rollback/RESTORE_DNS" -> cutoverRecorded ? obj("{'action':'RESTORE_DNS','outcome':'DNS_CHANGE_SUBMITTED','changed':true,'changeId':'C0BLUE','dnsStatus':'PENDING'}") : nothingRecorded("RESTORE_DNS");
      default -> throw new AssertionError("the workflow called " + call.name() + ", which no step answers");
    };
  }

  /** For each call named {@code name} that got an answer (not a failure), its try number, from 0. */
  List<Integer> answersTo(String name) {
    List<Integer> tries = new ArrayList<>();
    int i = 0;
    for (int k = 0; k < calls.size(); k++) {
      if (calls.get(k).equals(name)) {
        if (answers.get(k) != null) {
          tries.add(i);
        }
        i++;
      }
    }
    return tries;
  }

  int count(String name) {
    return counts.getOrDefault(name, 0);
  }

  // ------------------------------------------------------------------ results

  private JsonNode preflight() {
    return obj("{'passed':" + preflightPasses + ",'migrationId':'" + MIGRATION + "','counts':{'BLOCKER':" + (preflightPasses ? 0 : 1) + ",'WARNING':0,'INFO':9},"
        + "'findings':" + (preflightPasses ? "[]" : "[{'check':'versioning','severity':'BLOCKER','side':'TARGET','subject':'s3://platform-web-assets','message':'Versioning is off','fix':'Turn versioning on'}]")
        + ",'estimate':{'basis':'listing','objects':1200,'bytes':99000,'costUsd':{'total':0.2572}}}");
  }

  private JsonNode backfillProgress(int poll) {
    boolean done = poll >= backfillPollsUntilDone;
    String outcome = done ? backfillOutcome : "RUNNING";
    int failed = done && backfillOutcome.equals("FAILED") ? 3 : 0;
    return obj("{'jobId':'a1b2c3d4-0000-4000-8000-backfill0001','jobStatus':'" + (done ? "Complete" : "Active") + "','outcome':'" + outcome
        + "','totalTasks':1200,'succeededTasks':" + (done ? 1200 - failed : poll * 100) + ",'failedTasks':" + failed + ",'failureReasons':[]}");
  }

  private JsonNode verify(Call call) {
    JsonNode payload = call.payload();
    if (payload.has("keysFrom")) {
      JsonNode window = payload.get("keysFrom");
      int offset = window.path("offset").asInt();
      int mismatched = offset == 0 ? keyWindowMismatches : 0;
      return obj("{'passed':" + (mismatched == 0) + ",'complete':true,'migrationId':'" + MIGRATION + "','scope':'keys','objectsCompared':1000,'sourceObjects':1000,'targetObjects':" + (1000 - mismatched)
          + ",'mismatchedObjects':" + mismatched + ",'mismatchTolerance':0,'counts':{'missingOnTarget':" + mismatched + ",'extraOnTarget':0,'sizeDiffers':0,'checksumDiffers':0,'metadataDiffers':0,'contentUnverified':0},"
          + "'examples':{'missingOnTarget':" + examples(mismatched, "static/hot-" + offset + "-") + "},'report':{'uri':'" + REPORTS + "/verify/run-1/keys-" + offset + ".jsonl'},'reports':[]}");
    }
    int round = ++listingRounds;
    if (payload.has("resume")) {
      if (!payload.get("resume").equals(lastVerify)) {
        throw new AssertionError("verify resumed with something else than its previous result: " + payload.get("resume"));
      }
    } else if (lastVerify != null && !lastVerify.path("complete").asBoolean()) {
      throw new AssertionError("verify started over instead of resuming");
    }
    boolean complete = round >= verifyRoundsUntilComplete;
    ObjectNode result = obj("{'passed':" + (complete && verifyMismatches == 0) + ",'complete':" + complete + ",'migrationId':'" + MIGRATION + "','scope':'listing','objectsCompared':" + round * 600
        + ",'sourceObjects':1200,'targetObjects':" + (1200 - verifyMismatches) + ",'mismatchedObjects':" + verifyMismatches + ",'mismatchTolerance':0,"
        + "'counts':{'missingOnTarget':" + verifyMismatches + ",'extraOnTarget':0,'sizeDiffers':0,'checksumDiffers':0,'metadataDiffers':0,'contentUnverified':" + contentUnverified + "},"
        + "'examples':{'missingOnTarget':" + examples(verifyMismatches, "static/missing-") + "},"
        + "'report':{'uri':'" + REPORTS + "/verify/run-1/findings-" + round + ".jsonl'},'retries':0,'resumeAfter':" + (complete ? "null" : "'static/k" + round * 600 + "'") + ",'segment':" + round
        + ",'reports':[" + reportUris(round) + "]}");
    lastVerify = result;
    return result;
  }

  private static String reportUris(int rounds) {
    List<String> uris = new ArrayList<>();
    for (int i = 1; i <= rounds; i++) {
      uris.add("{'uri':'" + REPORTS + "/verify/run-1/findings-" + i + ".jsonl'}");
    }
    return String.join(",", uris);
  }

  private static String examples(int n, String prefix) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < Math.min(n, 20); i++) {
      items.add("{'key':'" + prefix + i + ".js','fields':[]}");
    }
    return "[" + String.join(",", items) + "]";
  }

  private JsonNode logScan() {
    ObjectNode result = obj("{'migrationId':'" + MIGRATION + "','distributionId':'E2QWRUHAPOMQZL','windowDays':7,'topN':1000,'keys':" + keyWindows * 1000
        + ",'requests':9412377,'distinctKeys':48211,'examples':[{'key':'static/app.js','requests':1200331},{'key':'static/index.html','requests':800000}],"
        + "'topKeys':{'uri':'" + REPORTS + "/logscan/run-1/top-keys.jsonl'},'verifyKeysFrom':[]}");
    ArrayNode windows = (ArrayNode) result.get("verifyKeysFrom");
    for (int i = 0; i < keyWindows; i++) {
      windows.add(obj("{'uri':'" + REPORTS + "/logscan/run-1/top-keys.jsonl','offset':" + i * 1000 + ",'limit':1000}"));
    }
    return result;
  }

  /** The verdict by the report step's rules (lambdas/report): every section present is read, READY only with no reason. */
  private JsonNode report(JsonNode payload) {
    reports.add(payload);
    List<String> reasons = new ArrayList<>();
    boolean migrate = payload.path("plan").path("mode").asText().equals("MIGRATE");
    for (String section : List.of("preflight", "backfill", "verify", "verifyKeys", "checksum", "parity", "logscan")) {
      JsonNode s = payload.path(section);
      boolean required = section.equals("preflight") || section.equals("verify") || section.equals("parity") || section.equals("logscan")
          || (section.equals("backfill") && migrate);
      if (s.isMissingNode() || s.isNull()) {
        if (required) {
          reasons.add(section + " did not run");
        }
        continue;
      }
      if (s.has("Error") && s.has("Cause") && s.size() == 2) {
        reasons.add(section + " failed: " + s.get("Error").asText());
        continue;
      }
      if (section.equals("backfill")) {
        if (!s.path("progress").path("outcome").asText().equals("SUCCEEDED") || s.path("progress").path("failedTasks").asInt() > 0) {
          reasons.add("backfill did not succeed");
        }
        continue;
      }
      if (!s.path("passed").asBoolean(false)) {
        reasons.add(section + " did not pass");
      }
      if (!s.path("migrationId").asText().equals(payload.path("plan").path("migrationId").asText())) {
        reasons.add(section + " is about another migration");
      }
    }
    JsonNode verify = payload.path("verify");
    if (verify.isObject() && verify.has("scope") && !verify.path("scope").asText().equals("listing")) {
      reasons.add("verify is not a listing verification");
    }
    ObjectNode result = JSON.createObjectNode();
    result.put("verdict", reasons.isEmpty() ? "READY" : "NOT_READY");
    result.set("reasons", JSON.valueToTree(reasons));
    result.put("json", REPORTS + "/report/run-1/report.json");
    result.put("html", REPORTS + "/report/run-1/report.html");
    result.set("summary", obj("{'mode':'" + payload.path("plan").path("mode").asText() + "','problems':" + reasons.size() + "}"));
    reportResults.add(result);
    return result;
  }

  private JsonNode aliasChange(String action, String side, String outcome) {
    counts.put("status-" + side, 0);
    return obj("{'action':'" + action + "','outcome':'" + outcome + "','changed':true,'side':'" + side + "','aliases':['assets.example.com']}");
  }

  private static JsonNode nothingRecorded(String action) {
    return obj("{'action':'" + action + "','outcome':'NOTHING_RECORDED','changed':false}");
  }

  /** A change is PENDING at its first look and INSYNC after. */
  private JsonNode dnsStatus(Call call) {
    String id = call.payload().path("changeId").asText();
    int looks = counts.merge("dns-" + id, 1, Integer::sum);
    String status = looks > 1 ? "INSYNC" : "PENDING";
    return obj("{'action':'DNS_STATUS','outcome':'DNS_" + status + "','changeId':'" + id + "','dnsStatus':'" + status + "'}");
  }

  /** A distribution is InProgress at the first look after a change, Deployed after. */
  private JsonNode distributionStatus(Call call) {
    String side = call.payload().path("side").asText();
    int looks = counts.merge("status-" + side, 1, Integer::sum);
    String status = looks > 1 ? "Deployed" : "InProgress";
    return obj("{'action':'DISTRIBUTION_STATUS','outcome':'DISTRIBUTION_" + (looks > 1 ? "DEPLOYED" : "IN_PROGRESS") + "','side':'" + side + "','distributionStatus':'" + status + "'}");
  }

  private JsonNode watch(Call call, int n) {
    JsonNode payload = call.payload();
    Instant from = Instant.parse(payload.path("since").asText());
    if (since != null && !since.equals(from)) {
      throw new AssertionError("the bake's start moved from " + since + " to " + from);
    }
    since = from;
    int duration = payload.path("plan").path("bake").path("durationSeconds").asInt(1800);
    boolean healthy = watchHealthy.test(n);
    return obj("{'healthy':" + healthy + ",'migrationId':'" + MIGRATION + "','sampledAt':'" + clock.instant() + "','bakeEndsAt':'" + from.plusSeconds(duration)
        + "','metrics':{'errorRate5xx':{'value':" + (healthy ? 0.1 : 7.5) + ",'threshold':1.0}},'reasons':" + (healthy ? "[]" : "['5xx error rate 7.5% above 1.0%']") + "}");
  }

  static ObjectNode obj(String text) {
    return (ObjectNode) Workflow.json(text);
  }
}
