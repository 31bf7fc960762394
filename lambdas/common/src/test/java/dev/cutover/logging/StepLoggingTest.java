package dev.cutover.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.errors.InternalErrorException;
import dev.cutover.errors.TransientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepLoggingTest {

  private static final String SERVICE = "cutover-preflight";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> stdout;
  private static String stderr;

  /** Runs {@link StepLoggingProbe} as the Lambda runtime would: its own JVM, env, stdout. */
  @BeforeAll
  static void runProbe(@TempDir Path dir) throws IOException, InterruptedException {
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    ProcessBuilder probe =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StepLoggingProbe.class.getName())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> env = probe.environment();
    env.keySet().removeIf(k -> k.startsWith("POWERTOOLS_") || k.startsWith("AWS_"));
    env.put("POWERTOOLS_SERVICE_NAME", SERVICE);
    Process process = probe.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("probe finished").isTrue();
    stdout = Files.readAllLines(out, StandardCharsets.UTF_8);
    stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("probe exit; stderr:%n%s", stderr).isZero();
  }

  @Test
  void every_line_is_json_with_the_execution_id_as_correlation_id_and_the_service_name() {
    JsonNode line = line("replication rule in place");

    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("correlation_id").asText()).isEqualTo(StepLoggingProbe.EXECUTION_ID);
    assertThat(line.path("service").asText()).isEqualTo(SERVICE);
    assertThat(line.path("function_name").asText()).isEqualTo(FakeLambdaContext.FUNCTION_NAME);
    assertThat(line.path("function_request_id").asText()).isEqualTo(FakeLambdaContext.REQUEST_ID);
  }

  @Test
  void an_escaping_exception_is_logged_once_at_error_with_its_contract_name() {
    List<JsonNode> errors =
        lines().stream().filter(l -> l.path("level").asText().equals("ERROR")).toList();

    assertThat(errors).singleElement().satisfies(line -> {
      assertThat(line.path("message").asText())
          .contains(InternalErrorException.class.getName(), "completion report has no header");
      assertThat(line.path("error").path("name").asText())
          .isEqualTo(InternalErrorException.class.getName());
      assertThat(line.path("error").path("stack").asText())
          .contains("IllegalStateException: completion report has no header");
      assertThat(line.path("correlation_id").asText()).isEqualTo(StepLoggingProbe.EXECUTION_ID);
    });
  }

  @Test
  void sdk_warnings_reach_the_log_and_its_info_chatter_does_not() {
    assertThat(line("sdk warning").path("level").asText()).isEqualTo("WARN");
    assertThat(lines()).noneMatch(l -> l.path("message").asText().equals("sdk chatter at info"));
  }

  @Test
  void the_body_s_result_is_returned_and_escaping_exceptions_become_contract_errors() {
    FakeLambdaContext context = new FakeLambdaContext();
    Map<String, String> payload = Map.of("executionId", StepLoggingProbe.EXECUTION_ID);
    IllegalStateException bug = new IllegalStateException("bug");
    TransientException transientError = new TransientException("try again");

    assertThat(StepLogging.handle(context, payload, () -> "done")).isEqualTo("done");
    assertThatThrownBy(() -> StepLogging.handle(context, payload, () -> { throw bug; }))
        .isInstanceOf(InternalErrorException.class)
        .hasCause(bug);
    assertThatThrownBy(() -> StepLogging.handle(context, payload, () -> { throw transientError; }))
        .isSameAs(transientError);
  }

  private static JsonNode line(String message) {
    return lines().stream()
        .filter(l -> l.path("message").asText().equals(message))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(
                "no log line \"" + message + "\" in stdout:\n" + String.join("\n", stdout)
                    + "\nstderr:\n" + stderr));
  }

  private static List<JsonNode> lines() {
    List<JsonNode> lines = new ArrayList<>();
    for (String text : stdout) {
      if (!text.isBlank()) {
        try {
          lines.add(JSON.readTree(text));
        } catch (IOException e) {
          throw new AssertionError("stdout line is not JSON: " + text, e);
        }
      }
    }
    return lines;
  }
}
