package dev.cutover.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.approval.aws.AwsApprovalPorts;
import dev.cutover.approval.port.RequestPorts;
import dev.cutover.aws.AwsClients;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.plan.PlanProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lambda entry of the approval request (DESIGN.md §1 step 8): the state machine invokes it with
 * {@code .waitForTaskToken} and waits until the decision ({@link DecideHandler}) sends the task's
 * success or failure, or the task's timeout ends the run. Input: {@link RequestApprovalInput}.
 * Output (ignored by the waiting task): {@link ApprovalRequested}.
 *
 * <p>It stores the task token encrypted under the execution (see {@link RequestApprovalStep}) and
 * publishes a notice naming the execution, the report and the commands to decide, never the token
 * and never a link. The token is kept out of every log line: the correlation id is taken from a
 * copy of the payload holding only {@code executionId}, and no message quotes the payload.
 *
 * <p>Environment: {@value ApprovalConfig#TABLE}, {@value ApprovalConfig#KEY}, {@value
 * ApprovalConfig#TOPIC}.
 */
public final class RequestApprovalHandler implements RequestStreamHandler {

  private final Supplier<RequestPorts> ports;
  private final Clock clock;
  private final Supplier<String> approvalIds;

  /** For the Lambda runtime: AWS clients built on first use, once per container. */
  public RequestApprovalHandler() {
    this(awsPorts(System.getenv()), Clock.systemUTC(), ApprovalKeys.randomIds());
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports (token store, cipher, notifier) and the runtime's clock.
   */
  public static RequestApprovalHandler local(RequestPorts ports, Clock clock) {
    return new RequestApprovalHandler(() -> ports, clock, ApprovalKeys.randomIds());
  }

  RequestApprovalHandler(Supplier<RequestPorts> ports, Clock clock, Supplier<String> approvalIds) {
    this.ports = ports;
    this.clock = clock;
    this.approvalIds = approvalIds;
  }

  private static Supplier<RequestPorts> awsPorts(Map<String, String> environment) {
    AwsClients clients = new AwsClients();
    return new Once<>(() -> {
      ApprovalConfig config = ApprovalConfig.forRequest(environment);
      return new AwsApprovalPorts(clients, config.table(), config.keyId(), config.topicArn(), config.topicRegion(), Clock.systemUTC());
    });
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode payload = read(input);
    ApprovalRequested result =
        StepLogging.handle(context, correlation(payload), () -> request(payload));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  private ApprovalRequested request(JsonNode payload) {
    if (payload == null) {
      throw new InvalidPlanException(List.of(new PlanProblem("$", "the approval task input is not JSON.")));
    }
    RequestApprovalInput input = RequestApprovalInput.parse(payload);
    RequestPorts p = ports.get();
    return new RequestApprovalStep(p.store(), p.cipher(), p.notifier(), clock, approvalIds).request(input);
  }

  /** Only the execution id: Powertools reads the correlation id from this, never the token beside it. */
  static Map<String, String> correlation(JsonNode payload) {
    JsonNode id = payload == null ? null : payload.get("executionId");
    return Map.of(StepLogging.EXECUTION_ID_PATH, id != null && id.isTextual() ? id.asText() : "");
  }

  private static JsonNode read(InputStream input) throws IOException {
    byte[] bytes = input.readAllBytes();
    try {
      return Json.mapper().readTree(bytes);
    } catch (IOException e) {
      // Not JSON: reported as a problem of $ (the parser's message could quote the token).
      return null;
    }
  }
}
