package dev.cutover.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.approval.DecisionRequest.BadDecisionException;
import dev.cutover.approval.aws.AwsApprovalPorts;
import dev.cutover.approval.port.DecidePorts;
import dev.cutover.aws.AwsClients;
import dev.cutover.errors.CutoverException;
import dev.cutover.errors.TransientException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry of the decision: {@code cutover approve|reject --execution ARN}. It is meant to sit
 * behind a Lambda function URL with {@code AuthType AWS_IAM}: Lambda checks the caller's SigV4
 * signature and puts the authenticated principal in {@code requestContext.authorizer.iam.userArn}
 * (the function URL event has the API Gateway HTTP API payload format 2.0, hence {@link
 * APIGatewayV2HTTPEvent}). Who decides is taken from there and nowhere else; a request without it
 * (a URL with {@code AuthType NONE}) is refused. Invoking the URL needs {@code
 * lambda:InvokeFunctionUrl}; deciding also needs a place on the plan's {@code approval.approvers}.
 *
 * <p>{@code POST} a JSON body {@link DecisionRequest}; the answer is a {@link DecisionOutcome} with
 * its HTTP status (200 decided, 400 bad body, 401 unauthenticated, 403 not allowed, 404 nothing
 * waiting, 405 not a POST, 409 already decided, 410 expired, 503 try again, 500 failed). Nothing
 * escapes as an error: a refusal is an answer, never a stack trace.
 *
 * <p>Environment: {@value ApprovalConfig#TABLE}, {@value ApprovalConfig#KEY}.
 */
public final class DecideHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(DecideHandler.class);

  private final Supplier<DecidePorts> ports;
  private final Clock clock;

  /** For the Lambda runtime: AWS clients built on first use, once per container. */
  public DecideHandler() {
    this(awsPorts(System.getenv()), Clock.systemUTC());
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports and the runtime's clock.
   */
  public static DecideHandler local(DecidePorts ports, Clock clock) {
    return new DecideHandler(() -> ports, clock);
  }

  DecideHandler(Supplier<DecidePorts> ports, Clock clock) {
    this.ports = ports;
    this.clock = clock;
  }

  private static Supplier<DecidePorts> awsPorts(Map<String, String> environment) {
    AwsClients clients = new AwsClients();
    return new Once<>(() -> {
      ApprovalConfig config = ApprovalConfig.forDecide(environment);
      return new AwsApprovalPorts(clients, config.table(), config.keyId(), null, null, Clock.systemUTC());
    });
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    Optional<JsonNode> body = body(event);
    String executionArn = body.map(b -> b.path("executionArn").asText("")).orElse("");
    return StepLogging.handle(context, Map.of(StepLogging.EXECUTION_ID_PATH, executionArn), () -> {
      DecisionOutcome outcome;
      try {
        outcome = decide(event, body);
      } catch (RuntimeException e) {
        // A defect: answered, not thrown, so the caller reads a sentence rather than a bare 502.
        LOG.error("The decision failed unexpectedly: {}", e.toString(), e);
        outcome = DecisionOutcome.refused(500, DecisionOutcome.FAILED,
            "The decision failed unexpectedly (" + e.getClass().getSimpleName() + "); whether it was recorded is in the"
                + " function's log, request " + (context == null ? "unknown" : context.getAwsRequestId())
                + ". Run the same command again to see where the approval stands.",
            executionArn.isEmpty() ? null : executionArn);
      }
      LOG.info("Decision call by {} on {}: {} (HTTP {})", caller(event).orElse("an unauthenticated caller"),
          executionArn.isEmpty() ? "no execution" : executionArn, outcome.code(), outcome.status());
      return response(outcome);
    });
  }

  private DecisionOutcome decide(APIGatewayV2HTTPEvent event, Optional<JsonNode> body) {
    String method = event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null
        ? null
        : event.getRequestContext().getHttp().getMethod();
    if (!"POST".equals(method)) {
      return DecisionOutcome.refused(405, DecisionOutcome.METHOD_NOT_ALLOWED,
          "Decisions are POSTed (cutover approve / cutover reject do it); a " + method + " changes nothing.", null);
    }
    Optional<String> caller = caller(event);
    if (caller.isEmpty()) {
      return DecisionOutcome.refused(401, DecisionOutcome.NOT_AUTHENTICATED,
          "The request carries no AWS-authenticated caller: the function URL must use AuthType AWS_IAM, and the"
              + " request must be signed (SigV4) with the approver's own credentials.", null);
    }
    DecisionRequest request;
    try {
      request = DecisionRequest.parse(body.orElse(null));
    } catch (BadDecisionException e) {
      return new DecisionOutcome(400, DecisionOutcome.BAD_REQUEST, e.getMessage(), null, null, null, null, null,
          e.problems().stream().map(Object::toString).toList());
    }
    DecidePorts p;
    try {
      p = ports.get();
    } catch (CutoverException e) {
      LOG.error("The decide function cannot reach its store: {}", e.getMessage(), e);
      return DecisionOutcome.refused(e instanceof TransientException ? 503 : 500,
          e instanceof TransientException ? DecisionOutcome.TRY_AGAIN : DecisionOutcome.FAILED,
          "The decide function is not set up, and nothing was decided: " + e.getMessage(), request.executionArn());
    }
    String region = ExecutionArns.region(request.executionArn());
    return new DecideStep(p.store(), p.cipher(), p.callbacks(region), p.starters(region), clock)
        .decide(request, caller.get());
  }

  /** The principal AWS authenticated, from the function URL's IAM authorizer; nothing else counts. */
  private static Optional<String> caller(APIGatewayV2HTTPEvent event) {
    if (event == null || event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null
        || event.getRequestContext().getAuthorizer().getIam() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(event.getRequestContext().getAuthorizer().getIam().getUserArn()).filter(a -> !a.isBlank());
  }

  private static Optional<JsonNode> body(APIGatewayV2HTTPEvent event) {
    if (event == null || event.getBody() == null) {
      return Optional.empty();
    }
    try {
      byte[] bytes = event.getIsBase64Encoded()
          ? Base64.getDecoder().decode(event.getBody())
          : event.getBody().getBytes(StandardCharsets.UTF_8);
      return Optional.ofNullable(Json.mapper().readTree(bytes)).filter(n -> !n.isMissingNode());
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static APIGatewayV2HTTPResponse response(DecisionOutcome outcome) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(outcome.status())
        .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
        .withBody(Json.write(outcome))
        .withIsBase64Encoded(false)
        .build();
  }
}
