package dev.cutover.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.asl.definition.Definitions;
import dev.cutover.asl.engine.Engine;
import dev.cutover.asl.engine.Execution;
import dev.cutover.asl.engine.ExecutionStatus;
import dev.cutover.asl.engine.VirtualClock;
import dev.cutover.errors.PreconditionFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Handlers behind lambda:invoke on the real engine: results, Lambda's error naming, time left. */
class LambdaFunctionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final LambdaFunctions functions = new LambdaFunctions("us-east-1", "444455556666", clock);
  private final LocalNotices notices = new LocalNotices(clock);
  private final Engine engine =
      new Engine(clock, resource -> switch (resource) {
        case "arn:aws:states:::lambda:invoke" -> Optional.of(functions.resource());
        case "arn:aws:states:::sns:publish" -> Optional.of(notices.resource());
        default -> Optional.empty();
      }, new Random(1), "us-east-1", "444455556666");

  private Execution run(String definition, String input) throws IOException {
    Execution e = engine.start("arn:aws:states:us-east-1:444455556666:stateMachine:t", Definitions.parse(definition.replace('\'', '"')), "run-1",
        JSON.readTree(input.replace('\'', '"')));
    engine.runToCompletion(clock);
    return e;
  }

  private static final String CALL = """
      {'QueryLanguage':'JSONata','StartAt':'Call','States':{
        'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
          'Arguments':{'FunctionName':'%s','Payload':{'n':'{%% $states.input.n %%}'}},
          'Catch':[{'ErrorEquals':['dev.cutover.errors.PreconditionFailedException'],'Output':'{%% $states.errorOutput %%}','Next':'Caught'}],
          'Output':'{%% $states.result.Payload %%}','End':true},
        'Caught':{'Type':'Pass','End':true}}}""";

  @Test
  void a_handler_gets_the_payload_and_its_output_is_the_tasks_payload() throws IOException {
    List<Integer> timeLeft = new ArrayList<>();
    String arn = functions.register("cutover-double", (in, out, context) -> {
      JsonNode payload = JSON.readTree(in);
      timeLeft.add(context.getRemainingTimeInMillis());
      clock.advance(Duration.ofSeconds(40));
      timeLeft.add(context.getRemainingTimeInMillis());
      out.write(("{\"twice\":" + payload.path("n").asInt() * 2 + "}").getBytes(StandardCharsets.UTF_8));
    }, Duration.ofMinutes(15));
    List<LambdaFunctions.Invocation> seen = new ArrayList<>();
    functions.onInvocation(seen::add);

    Execution e = run(CALL.formatted(arn), "{'n':21}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output().orElseThrow().path("twice").asInt()).isEqualTo(42);
    assertThat(timeLeft).containsExactly(900_000, 860_000);
    assertThat(seen).singleElement().satisfies(i -> {
      assertThat(i.function()).isEqualTo("cutover-double");
      assertThat(i.error()).isEmpty();
      assertThat(Duration.between(i.started(), i.finished())).isEqualTo(Duration.ofSeconds(40));
    });
  }

  @Test
  void an_exception_fails_the_task_under_its_class_name_as_the_java_runtime_reports_it() throws IOException {
    RequestStreamHandler refuses = (in, out, context) -> {
      throw new PreconditionFailedException("versioning is off on blue");
    };
    functions.register("cutover-preflight", refuses, Duration.ofMinutes(1));

    Execution e = run(CALL.formatted("cutover-preflight"), "{'n':1}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode caught = e.output().orElseThrow();
    assertThat(caught.path("Error").asText()).isEqualTo("dev.cutover.errors.PreconditionFailedException");
    JsonNode cause = JSON.readTree(caught.path("Cause").asText());
    assertThat(cause.path("errorMessage").asText()).isEqualTo("versioning is off on blue");
    assertThat(cause.path("errorType").asText()).isEqualTo("dev.cutover.errors.PreconditionFailedException");
  }

  @Test
  void an_unknown_function_fails_as_lambda_says_so() throws IOException {
    Execution e = run(CALL.formatted("arn:aws:lambda:us-east-1:444455556666:function:nope"), "{'n':1}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("Lambda.ResourceNotFoundException");
  }

  @Test
  void notices_are_kept_and_a_subject_sns_would_refuse_fails_the_task() throws IOException {
    String publish = """
        {'QueryLanguage':'JSONata','StartAt':'Tell','States':{
          'Tell':{'Type':'Task','Resource':'arn:aws:states:::sns:publish',
            'Arguments':{'TopicArn':'arn:aws:sns:us-east-1:444455556666:t','Subject':'{% $states.input.subject %}','Message':'{% $string($states.input) %}'},'End':true}}}""";

    Execution ok = run(publish, "{'subject':'cutover: migrated to green'}");
    Execution refused = engine.start("arn:aws:states:us-east-1:444455556666:stateMachine:t", Definitions.parse(publish.replace('\'', '"')), "run-2",
        JSON.readTree("{\"subject\":\"" + "x".repeat(101) + "\"}"));
    engine.runToCompletion(clock);

    assertThat(ok.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ok.output().orElseThrow().path("MessageId").asText()).isNotBlank();
    assertThat(notices.notices()).singleElement().satisfies(n -> {
      assertThat(n.subject()).isEqualTo("cutover: migrated to green");
      assertThat(n.message()).isEqualTo("{\"subject\":\"cutover: migrated to green\"}");
    });
    assertThat(refused.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(refused.error()).contains("SNS.InvalidParameterException");
  }
}
