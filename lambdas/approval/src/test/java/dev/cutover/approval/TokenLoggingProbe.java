package dev.cutover.approval;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.approval.support.Payloads;
import dev.cutover.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Runs both handlers as the Lambda runtime would, in a JVM of its own (TokenNeverLoggedTest starts
 * it with the production log4j2.xml, DEBUG logging and the environment a deployment has, every
 * AWS endpoint pointed at a stub), through their success and error paths. Its stdout and stderr
 * are what CloudWatch would receive; what the handlers return goes to the file named by the first
 * argument.
 */
final class TokenLoggingProbe {

  static final String ALICE = DecideHandlerTest.ALICE;

  private TokenLoggingProbe() {}

  static void main(String[] args) throws IOException {
    Path results = Path.of(args[0]);
    RequestApprovalHandler request = new RequestApprovalHandler();
    DecideHandler decide = new DecideHandler();

    // The request: stored and announced; the notice fails; the payload is bad; not JSON; the table denies.
    request(request, Payloads.request(TokenNeverLoggedTest.REQUEST_TOKEN), results);
    request(request, withExecution(Payloads.request(TokenNeverLoggedTest.SNS_DOWN_TOKEN), TokenNeverLoggedTest.SNS_DOWN), results);
    ObjectNode bad = Payloads.request("x".repeat(3000) + TokenNeverLoggedTest.REQUEST_TOKEN);
    bad.remove("report");
    request(request, bad, results);
    invoke(request, ("{\"executionId\": \"x\", \"taskToken\": \"" + TokenNeverLoggedTest.REQUEST_TOKEN + "\", ").getBytes(StandardCharsets.UTF_8), results);
    request(request, withExecution(Payloads.request(TokenNeverLoggedTest.DENIED_TOKEN), TokenNeverLoggedTest.DENIED), results);

    // The decision: delivered; Step Functions quotes the token refusing it; KMS will not decrypt;
    // Step Functions fails quoting the token.
    for (String execution : new String[] {
        TokenNeverLoggedTest.APPROVED, TokenNeverLoggedTest.INVALID_TOKEN, TokenNeverLoggedTest.UNREADABLE,
        TokenNeverLoggedTest.SFN_DOWN}) {
      APIGatewayV2HTTPEvent event = DecideHandlerTest.event(ALICE, "{\"executionArn\":\"" + execution + "\",\"decision\":\"APPROVE\"}");
      APIGatewayV2HTTPResponse response = decide.handleRequest(event, new FakeContext("cutover-approval-decide"));
      append(results, response.getStatusCode() + " " + response.getBody());
    }
  }

  private static ObjectNode withExecution(ObjectNode payload, String executionArn) {
    payload.put("executionId", executionArn);
    return payload;
  }

  private static void request(RequestApprovalHandler handler, ObjectNode payload, Path results) throws IOException {
    invoke(handler, payload.toString().getBytes(StandardCharsets.UTF_8), results);
  }

  private static void invoke(RequestApprovalHandler handler, byte[] payload, Path results) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(payload), out, new FakeContext("cutover-approval-request"));
      append(results, out.toString(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      // What the Lambda runtime would report to Step Functions: the error name and message.
      append(results, e.getClass().getName() + ": " + e.getMessage());
    }
  }

  private static void append(Path results, String line) throws IOException {
    Files.writeString(results, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
