package dev.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.engine.TaskInvocation;
import dev.cutover.asl.engine.TaskResource;
import dev.cutover.plan.Plans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workflow's task resources with scripted step results shaped like the handlers' (as in the
 * statemachine module's workflow tests): by default a migration that goes well. Every payload's
 * plan goes through the real parser. The approval task keeps its token for the decide stub.
 */
final class ScriptedSteps {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String ACCOUNT = "123456789012";
  static final String REPORTS = "s3://cli-reports/cutover/assets-to-platform-account";
  private static final Pattern FUNCTION = Pattern.compile("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:cutover-(\\w+)");

  private final Clock clock;
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();
  final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
  volatile String approvalToken;

  // knobs
  volatile boolean parityPasses = true;
  volatile int backfillPollsUntilDone = 3;

  ScriptedSteps(Clock clock) {
    this.clock = clock;
  }

  Optional<TaskResource> resolve(String resource) {
    return switch (resource) {
      case "arn:aws:states:::lambda:invoke" -> Optional.of(this::invoke);
      case "arn:aws:states:::lambda:invoke.waitForTaskToken" -> Optional.of(this::requestApproval);
      case "arn:aws:states:::sns:publish" -> Optional.of(i -> obj("{'MessageId':'m-1'}"));
      default -> Optional.empty();
    };
  }

  private JsonNode invoke(TaskInvocation invocation) {
    JsonNode payload = payload(invocation);
    String name = name(invocation, payload);
    calls.add(name);
    int n = counts.merge(name, 1, Integer::sum);
    ObjectNode result = JSON.createObjectNode();
    result.put("ExecutedVersion", "$LATEST");
    result.set("Payload", answer(name, n, payload));
    result.put("StatusCode", 200);
    return result;
  }

  private JsonNode requestApproval(TaskInvocation invocation) {
    payload(invocation);
    calls.add("RequestApproval");
    approvalToken = invocation.taskToken();
    return obj("{'StatusCode':200}");
  }

  private static JsonNode payload(TaskInvocation invocation) {
    JsonNode payload = invocation.payload().get("Payload");
    Plans.parse(payload.get("plan")); // a payload the steps would refuse fails here
    return payload;
  }

  private static String name(TaskInvocation invocation, JsonNode payload) {
    Matcher m = FUNCTION.matcher(invocation.payload().path("FunctionName").asText());
    if (!m.matches()) {
      throw new AssertionError("unexpected FunctionName " + invocation.payload().path("FunctionName"));
    }
    String action = payload.path("action").asText("");
    return action.isEmpty() ? m.group(1) : m.group(1) + "/" + action;
  }

  private JsonNode answer(String name, int n, JsonNode payload) {
    String id = "assets-to-platform-account";
    return switch (name) {
      case "Preflight" -> obj("{'passed':true,'migrationId':'" + id + "','counts':{'BLOCKER':0,'WARNING':0,'INFO':9},'findings':[]}");
      case "Replication/ENABLE" -> obj("{'action':'ENABLE','outcome':'RULE_ADDED','changed':true}");
      case "Replication/RESTORE" -> obj("{'action':'RESTORE','outcome':'ORIGINAL_PUT','changed':true}");
      case "Backfill/START" -> obj("{'jobId':'job-1','clientRequestToken':'t'}");
      case "Backfill/DESCRIBE" -> {
        boolean done = n >= backfillPollsUntilDone;
        yield obj("{'jobId':'job-1','jobStatus':'" + (done ? "Complete" : "Active") + "','outcome':'" + (done ? "SUCCEEDED" : "RUNNING")
            + "','totalTasks':1200,'succeededTasks':" + (done ? 1200 : n * 400) + ",'failedTasks':0,'failureReasons':[]}");
      }
      case "Verify" -> obj("{'passed':true,'complete':true,'migrationId':'" + id + "','scope':'listing','objectsCompared':1200,"
          + "'sourceObjects':1200,'targetObjects':1200,'mismatchedObjects':0,'mismatchTolerance':0,'counts':{'contentUnverified':0}}");
      case "LogScan" -> obj("{'migrationId':'" + id + "','keys':0,'verifyKeysFrom':[]}");
      case "Parity" -> obj("{'passed':" + parityPasses + ",'migrationId':'" + id + "','configFindings':[],'probeFindings':[]}");
      case "Report" -> obj("{'verdict':'" + (parityPasses ? "READY" : "NOT_READY") + "','reasons':" + (parityPasses ? "[]" : "['parity did not pass']")
          + ",'json':'" + REPORTS + "/report/report.json','html':'" + REPORTS + "/report/report.html',"
          + "'summary':{'mode':'" + payload.path("plan").path("mode").asText() + "','objects':{'verified':1200,'mismatched':0}}}");
      case "Cutover/CHECK" -> obj("{'action':'CHECK','outcome':'CHECKED','changed':false}");
      case "Cutover/RECORD" -> obj("{'action':'RECORD','outcome':'RECORDED','changed':true}");
      case "Cutover/POINT_DNS" -> obj("{'action':'POINT_DNS','outcome':'DNS_CHANGE_SUBMITTED','changed':true,'changeId':'C1','dnsStatus':'PENDING'}");
      case "Rollback/RESTORE_DNS" -> obj("{'action':'RESTORE_DNS','outcome':'DNS_CHANGE_SUBMITTED','changed':true,'changeId':'C2','dnsStatus':'PENDING'}");
      case "Cutover/DNS_STATUS", "Rollback/DNS_STATUS" -> obj("{'action':'DNS_STATUS','dnsStatus':'INSYNC'}");
      case "Cutover/DISTRIBUTION_STATUS", "Rollback/DISTRIBUTION_STATUS" -> obj("{'action':'DISTRIBUTION_STATUS','distributionStatus':'Deployed'}");
      case "Cutover/DETACH_BLUE", "Cutover/ATTACH_GREEN", "Rollback/DETACH_GREEN", "Rollback/ATTACH_BLUE" ->
          obj("{'action':'" + name.substring(name.indexOf('/') + 1) + "','outcome':'ALIAS_CHANGED','changed':true}");
      case "Watch" -> {
        Instant since = Instant.parse(payload.path("since").asText());
        yield obj("{'healthy':true,'migrationId':'" + id + "','sampledAt':'" + clock.instant() + "','bakeEndsAt':'"
            + since.plusSeconds(payload.path("plan").path("bake").path("durationSeconds").asInt(1800)) + "','reasons':[]}");
      }
      default -> throw new AssertionError("the workflow called " + name + ", which no script answers");
    };
  }

  static ObjectNode obj(String text) {
    try {
      return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
