package dev.cutover.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.engine.VirtualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI v2 drives the endpoint as it would drive AWS: create, start, describe, history,
 * a callback completed with {@code aws stepfunctions send-task-success}, and stop. The CLI comes
 * from the Debian package {@code awscli} ({@code .ci/run} installs it); {@code /usr/bin/aws} is
 * used because an older {@code aws} may come first on PATH. Set {@code CUTOVER_AWS_CLI} to use
 * another binary.
 */
class AwsCliTest {

  private static final String RESOURCE = "arn:aws:states:::sns:publish.waitForTaskToken";

  private final Fixture fixture = new Fixture(new VirtualClock(Instant.parse("2026-11-24T00:00:00Z")));
  private final List<String> tokens = new CopyOnWriteArrayList<>();

  @TempDir Path home;

  @AfterEach
  void close() {
    fixture.close();
  }

  private static Path cli() {
    String configured = System.getenv("CUTOVER_AWS_CLI");
    Path cli = Path.of(configured != null ? configured : "/usr/bin/aws");
    if (!Files.isExecutable(cli)) {
      throw new IllegalStateException("The AWS CLI v2 is needed for this test but " + cli + " is not there: install the Debian package awscli"
          + " (sudo apt-get install awscli; bash .ci/run does it), or point CUTOVER_AWS_CLI at an aws binary.");
    }
    return cli;
  }

  /** Runs {@code aws stepfunctions <args>} against the endpoint and returns its JSON answer. */
  private JsonNode aws(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(cli().toString(), "stepfunctions"));
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint-url", fixture.endpoint.endpoint().toString(), "--output", "json", "--no-cli-pager"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
    env.put("HOME", home.toString());
    Process process = builder.start();
    boolean done = process.waitFor(60, TimeUnit.SECONDS);
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!done) {
      process.destroyForcibly();
      throw new IllegalStateException("aws " + String.join(" ", args) + " did not finish in 60 s");
    }
    assertThat(process.exitValue()).as("aws %s%nstderr: %s", String.join(" ", args), err).isZero();
    return out.isBlank() ? Fixture.json("{}") : Fixture.json(out);
  }

  @Test
  void the_aws_cli_creates_starts_inspects_completes_a_callback_and_stops() throws Exception {
    fixture.resources.put(RESOURCE, inv -> {
      tokens.add(inv.payload().get("TaskToken").asText());
      return Fixture.json("{\"MessageId\":\"m\"}");
    });
    String definition = Fixture.quotes("""
        {'StartAt':'Ask','States':{'Ask':{'Type':'Task','Resource':'arn:aws:states:::sns:publish.waitForTaskToken',
          'Parameters':{'TaskToken.$':'$$.Task.Token','report.$':'$.report'},'ResultPath':'$.decision','End':true}}}""");

    String machine = aws("create-state-machine", "--name", "cli-approval", "--definition", definition,
        "--role-arn", Fixture.ROLE).get("stateMachineArn").asText();
    String execution = aws("start-execution", "--state-machine-arn", machine, "--name", "run-1",
        "--input", "{\"report\":\"r.html\"}").get("executionArn").asText();
    fixture.endpoint.drive();

    assertThat(aws("describe-execution", "--execution-arn", execution).get("status").asText()).isEqualTo("RUNNING");
    List<String> types = new ArrayList<>();
    aws("get-execution-history", "--execution-arn", execution).get("events").forEach(e -> types.add(e.get("type").asText()));
    assertThat(types).containsSubsequence("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted");

    aws("send-task-success", "--task-token", tokens.getFirst(), "--task-output", "{\"approvedBy\":\"alice\"}");
    fixture.endpoint.drive();

    JsonNode described = aws("describe-execution", "--execution-arn", execution);
    assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(Fixture.json(described.get("output").asText()))
        .isEqualTo(Fixture.json("{\"report\":\"r.html\",\"decision\":{\"approvedBy\":\"alice\"}}"));

    String second = aws("start-execution", "--state-machine-arn", machine, "--name", "run-2",
        "--input", "{\"report\":\"r2.html\"}").get("executionArn").asText();
    fixture.endpoint.drive();
    aws("stop-execution", "--execution-arn", second, "--error", "Operator", "--cause", "rehearsal over");

    JsonNode stopped = aws("describe-execution", "--execution-arn", second);
    assertThat(stopped.get("status").asText()).isEqualTo("ABORTED");
    assertThat(aws("list-executions", "--state-machine-arn", machine).get("executions")).hasSize(2);
  }
}
