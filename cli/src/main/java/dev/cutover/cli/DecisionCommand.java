package dev.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code approve} and {@code reject} share: the decide function URL, the signed POST of
 * {@code {executionArn, decision, reason}}, and the decide function's answers (README of
 * lambdas/approval) turned into what happened and what to do.
 */
abstract class DecisionCommand extends CutoverCommand {

  @Mixin
  ExecutionRef execution;

  @Option(names = "--decide-url", paramLabel = "URL",
      description = "The decide function URL (the Cutover stack's DecideUrl output; `cutover serve` prints the local one)."
          + " Default: CUTOVER_DECIDE_URL.")
  URI decideUrl;

  /** APPROVE or REJECT. */
  abstract String decision();

  /** The reason, or null. */
  abstract String reason();

  @Override
  final int run(AwsSession aws, Target target) throws Exception {
    Target.ExecutionArn arn = target.execution(execution.value());
    URI url = Optional.ofNullable(decideUrl).or(() -> environment().variable("CUTOVER_DECIDE_URL").map(URI::create))
        .orElseThrow(() -> CliException.usage("NO_DECIDE_URL", "No decide URL: pass --decide-url URL or set CUTOVER_DECIDE_URL"
            + " to the Cutover stack's DecideUrl output (aws cloudformation describe-stacks --stack-name Cutover --query"
            + " \"Stacks[0].Outputs[?OutputKey=='DecideUrl'].OutputValue\" --output text); `cutover serve` prints the local one."));
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw CliException.usage("BAD_DECIDE_URL", "The decide URL must be http(s)://..., not \"" + url + "\".");
    }
    String region = DecideClient.regionOf(url).or(() -> global().region()).orElse(arn.region());
    ObjectNode body = Run.JSON.createObjectNode().put("executionArn", arn.arn()).put("decision", decision());
    if (reason() != null) {
      body.put("reason", reason());
    }
    DecideClient.Response response;
    try {
      response = new DecideClient(aws.credentials()).post(url, region, body.toString());
    } catch (java.io.IOException e) {
      throw Failures.translate(e, "the decide URL " + url, aws.profile());
    } catch (RuntimeException e) {
      throw Failures.translate(e, "the decide URL " + url, aws.profile());
    }
    return answer(arn.arn(), url, response);
  }

  private int answer(String arn, URI url, DecideClient.Response response) {
    JsonNode answer = Run.parse(response.body());
    String code = answer.path("code").asText("");
    String message = answer.path("message").asText(answer.path("Message").asText(""));
    String decidedBy = answer.path("decidedBy").asText(null);
    int status = response.status();
    int exit;
    String advice;
    if (status == 200 && (code.equals("APPROVED") || code.equals("REJECTED"))) {
      exit = ExitCodes.OK;
      advice = code.equals("APPROVED")
          ? "The cutover goes ahead: cutover watch " + arn + " --follow"
          : "The run ends without changing traffic: cutover watch " + arn;
    } else {
      exit = switch (status) {
        case 400 -> ExitCodes.USAGE;
        case 403, 404, 409, 410 -> code.isEmpty() ? ExitCodes.AWS : ExitCodes.RUN_FAILED;
        default -> ExitCodes.AWS;
      };
      advice = advice(status, code, arn, url);
    }
    if (json()) {
      ObjectNode node = answer.isObject() ? ((ObjectNode) answer).deepCopy() : Run.JSON.createObjectNode().put("body", response.body());
      node.put("httpStatus", status).put("exitCode", exit).put("advice", advice);
      printJson(node);
      return exit;
    }
    if (exit == ExitCodes.OK) {
      out().println(bold(code.equals("APPROVED") ? "Approved" : "Rejected") + " " + arn);
      out().println(label("Recorded as") + (decidedBy == null ? "(the decide function did not say)" : decidedBy)
          + (answer.hasNonNull("decidedAt") ? " at " + answer.get("decidedAt").asText() : ""));
      if (answer.hasNonNull("approvalId")) {
        out().println(label("Approval") + answer.get("approvalId").asText());
      }
      out().println(advice);
      out().flush();
      return exit;
    }
    StringBuilder line = new StringBuilder("The decision was not taken: HTTP " + status + (code.isEmpty() ? "" : " " + code));
    if (!message.isEmpty()) {
      line.append(": ").append(message);
    }
    answer.path("problems").forEach(p -> line.append(System.lineSeparator()).append("  - ").append(p.asText()));
    line.append(System.lineSeparator()).append(advice);
    err().println("cutover " + spec.name() + ": " + line);
    err().flush();
    return exit;
  }

  private String advice(int status, String code, String arn, URI url) {
    return switch (code) {
      case "NOT_AN_APPROVER" -> "Only the plan's approval.approvers may decide: run the command with --profile of one of them, or"
          + " ask one of them to.";
      case "SELF_APPROVAL" -> "You started this run and the plan says the approver must differ from the starter: another"
          + " approver must decide.";
      case "STARTER_UNKNOWN" -> "Who started the run is not known yet (CloudTrail records it within about 5-15 minutes):"
          + " run the same command again in a few minutes.";
      case "NO_APPROVAL_WAITING" -> "The run is not waiting for approval: it has not reached WaitForApproval yet, or it has"
          + " ended. See where it is: cutover watch " + arn;
      case "ALREADY_DECIDED" -> "Someone decided already; nothing changed. See where the run is: cutover watch " + arn;
      case "EXPIRED" -> "The approval expired; the run ends (or ended) without changing traffic. Start a new run to try again.";
      case "TRY_AGAIN" -> "The decision is recorded but not delivered yet: run the same command again.";
      case "BAD_REQUEST" -> "Fix the request as listed above and run again.";
      case "NOT_AUTHENTICATED" -> "The decide URL received no AWS identity: it must be the function URL with AuthType AWS_IAM"
          + " (the Cutover stack's DecideUrl output).";
      default -> status == 403
          ? "The function URL refused the request before the decide function saw it: the credentials in use need"
              + " lambda:InvokeFunctionUrl on the decide function, and the URL's region must match (" + url + ")."
          : status == 404 ? "Nothing answers decisions at " + url + ": check --decide-url / CUTOVER_DECIDE_URL."
          : "The decide function failed; run the same command again, and if it keeps failing read the function's log.";
    };
  }
}
