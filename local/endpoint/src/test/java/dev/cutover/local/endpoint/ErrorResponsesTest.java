package dev.cutover.local.endpoint;

import static dev.cutover.local.endpoint.Fixture.json;
import static dev.cutover.local.endpoint.Fixture.quotes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.definition.Definitions;
import dev.cutover.asl.engine.VirtualClock;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Every refusal arrives as the SDK exception type AWS's error code maps to, with AWS's message. */
class ErrorResponsesTest {

  private static final String PASS = "{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}";
  private static final String UNKNOWN_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:nope";
  private static final String UNKNOWN_EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:nope:run";

  private final Fixture fixture = new Fixture(new VirtualClock(Instant.parse("2026-11-24T00:00:00Z")));
  private final SfnClient sfn = fixture.sfn;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void an_invalid_definition_is_refused_with_the_engines_message() {
    String definition = quotes("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'Missing'}}}");
    String expected = catchThrowable(() -> Definitions.parse(definition)).getMessage();

    assertError(() -> sfn.createStateMachine(b -> b.name("bad").definition(definition).roleArn(Fixture.ROLE)),
        InvalidDefinitionException.class, "InvalidDefinition");
    assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("bad").definition(definition).roleArn(Fixture.ROLE)))
        .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(expected).startsWith("Invalid State Machine Definition: '");
          assertThat(e.statusCode()).isEqualTo(400);
        });
    assertError(() -> sfn.createStateMachine(b -> b.name("bad").definition("{not json").roleArn(Fixture.ROLE)),
        InvalidDefinitionException.class, "InvalidDefinition");
  }

  @Test
  void unknown_state_machines_and_executions_do_not_exist() {
    assertError(() -> sfn.describeStateMachine(b -> b.stateMachineArn(UNKNOWN_MACHINE)), StateMachineDoesNotExistException.class,
        "StateMachineDoesNotExist");
    assertError(() -> sfn.startExecution(b -> b.stateMachineArn(UNKNOWN_MACHINE)), StateMachineDoesNotExistException.class,
        "StateMachineDoesNotExist");
    assertError(() -> sfn.listExecutions(b -> b.stateMachineArn(UNKNOWN_MACHINE)), StateMachineDoesNotExistException.class,
        "StateMachineDoesNotExist");
    assertError(() -> sfn.describeExecution(b -> b.executionArn(UNKNOWN_EXECUTION)), ExecutionDoesNotExistException.class,
        "ExecutionDoesNotExist");
    assertError(() -> sfn.getExecutionHistory(b -> b.executionArn(UNKNOWN_EXECUTION)), ExecutionDoesNotExistException.class,
        "ExecutionDoesNotExist");
    assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(UNKNOWN_EXECUTION)))
        .hasMessageStartingWith("Execution Does Not Exist: '" + UNKNOWN_EXECUTION + "'");
  }

  @Test
  void malformed_arns_names_and_inputs_are_refused() {
    String machine = fixture.machine("m", PASS);

    assertError(() -> sfn.describeExecution(b -> b.executionArn("not-an-arn")), InvalidArnException.class, "InvalidArn");
    assertError(() -> sfn.describeStateMachine(b -> b.stateMachineArn(UNKNOWN_EXECUTION)), InvalidArnException.class, "InvalidArn");
    assertError(() -> sfn.createStateMachine(b -> b.name("has space").definition(quotes(PASS)).roleArn(Fixture.ROLE)),
        InvalidNameException.class, "InvalidName");
    assertError(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("a:b")), InvalidNameException.class, "InvalidName");
    assertError(() -> sfn.startExecution(b -> b.stateMachineArn(machine).input("{not json")), InvalidExecutionInputException.class,
        "InvalidExecutionInput");
    assertError(() -> sfn.startExecution(b -> b.stateMachineArn(machine).input("{} {}")), InvalidExecutionInputException.class,
        "InvalidExecutionInput");
  }

  @Test
  void requests_outside_the_models_constraints_fail_validation() {
    String machine = fixture.machine("m", PASS);

    assertError(() -> sfn.createStateMachine(b -> b.name("x").definition(quotes(PASS))), ValidationException.class, "ValidationException");
    assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("x").definition(quotes(PASS))))
        .hasMessageStartingWith("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
    assertError(() -> sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(1001)), ValidationException.class, "ValidationException");
    assertError(() -> sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter("BOGUS")), ValidationException.class,
        "ValidationException");
    assertError(() -> sfn.listExecutions(b -> b.stateMachineArn(machine).nextToken("%%%")), InvalidTokenException.class, "InvalidToken");
    assertError(() -> sfn.createStateMachine(b -> b.name("fast").definition(quotes(PASS)).roleArn(Fixture.ROLE).type("EXPRESS")),
        StateMachineTypeNotSupportedException.class, "StateMachineTypeNotSupported");
  }

  @Test
  void an_unknown_action_and_a_malformed_body_are_protocol_errors() throws Exception {
    assertProtocolError("AWSStepFunctions.LaunchRocket", "{}", "UnknownOperationException");
    assertProtocolError(null, "{}", "UnknownOperationException");
    assertProtocolError("AWSStepFunctions.ListStateMachines", "{\"maxResults\":", "SerializationException");
    assertProtocolError("AWSStepFunctions.ListStateMachines", "[]", "SerializationException");
    assertProtocolError("AWSStepFunctions.DescribeStateMachine", "{\"stateMachineArn\":5}", "SerializationException");
  }

  private static void assertError(ThrowingSupplier<?> call, Class<? extends SfnException> type, String code) {
    assertThatThrownBy(call::get).isInstanceOfSatisfying(type, e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
      assertThat(e.statusCode()).isEqualTo(400);
    });
  }

  private void assertProtocolError(String target, String body, String code) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(fixture.endpoint.endpoint())
        .header("Content-Type", "application/x-amz-json-1.0")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode error = json(response.body());

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
      assertThat(error.path("__type").asText()).isEqualTo(code);
      assertThat(error.path("message").isTextual()).isTrue();
    }
  }
}
