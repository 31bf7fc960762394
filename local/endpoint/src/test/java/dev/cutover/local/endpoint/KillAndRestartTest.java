package dev.cutover.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The endpoint process is killed with SIGKILL while one execution waits on a callback and another
 * in a Wait state; started again on the same state directory, both complete: the callback with the
 * token issued before the kill, the Wait at its original time.
 */
class KillAndRestartTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private Process process;

  @AfterEach
  void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  private SfnClient startProcess() throws Exception {
    process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), EndpointProcess.class.getName(), dir.resolve("state").toString(), dir.resolve("tokens").toString())
        .redirectError(dir.resolve("stderr-" + System.nanoTime()).toFile())
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(line).startsWith("PORT ");
    return SfnClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + line.substring(5).trim()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Waits for a condition of the other process, checking every 50 ms, for at most {@link #PATIENCE}. */
  private static <T> T await(Supplier<T> probe, Predicate<T> done) {
    Instant deadline = Instant.now().plus(PATIENCE);
    T value = probe.get();
    while (!done.test(value)) {
      assertThat(Instant.now()).as("condition not met in time; last value %s", value).isBefore(deadline);
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      value = probe.get();
    }
    return value;
  }

  @Test
  void executions_waiting_on_a_callback_and_a_timer_survive_sigkill() throws Exception {
    SfnClient before = startProcess();
    String approval = before.createStateMachine(b -> b.name("approval").roleArn(Fixture.ROLE).definition(Fixture.quotes("""
        {'StartAt':'Ask','States':{'Ask':{'Type':'Task','Resource':'arn:aws:states:::sns:publish.waitForTaskToken',
          'Parameters':{'token.$':'$$.Task.Token'},'ResultPath':'$.decision','End':true}}}"""))).stateMachineArn();
    String timer = before.createStateMachine(b -> b.name("timer").roleArn(Fixture.ROLE).definition(Fixture.quotes("""
        {'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':4,'Next':'P'},'P':{'Type':'Pass','Result':'woke','End':true}}}"""))).stateMachineArn();
    String waiting = before.startExecution(b -> b.stateMachineArn(approval).name("a1").input("{\"report\":\"r.html\"}")).executionArn();
    String sleeping = before.startExecution(b -> b.stateMachineArn(timer).name("t1")).executionArn();
    Path tokens = dir.resolve("tokens");
    List<String> issued = await(() -> readLines(tokens), lines -> !lines.isEmpty());

    process.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    before.close();
    SfnClient after = startProcess();

    assertThat(after.listStateMachines().stateMachines()).extracting(m -> m.name()).containsExactlyInAnyOrder("approval", "timer");
    assertThat(after.describeExecution(b -> b.executionArn(waiting)).status()).isEqualTo(ExecutionStatus.RUNNING);
    DescribeExecutionResponse woke = await(() -> after.describeExecution(b -> b.executionArn(sleeping)), d -> d.status() != ExecutionStatus.RUNNING);
    assertThat(woke.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(woke.output()).isEqualTo("\"woke\"");
    assertThat(Duration.between(woke.startDate(), woke.stopDate())).isGreaterThanOrEqualTo(Duration.ofSeconds(4));

    after.sendTaskSuccess(b -> b.taskToken(issued.getFirst()).output("{\"approvedBy\":\"alice\"}"));
    DescribeExecutionResponse decided = await(() -> after.describeExecution(b -> b.executionArn(waiting)), d -> d.status() != ExecutionStatus.RUNNING);
    assertThat(decided.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Fixture.json(decided.output())).isEqualTo(Fixture.json("{\"report\":\"r.html\",\"decision\":{\"approvedBy\":\"alice\"}}"));
    assertThat(readLines(tokens)).as("the callback task was not run again").hasSize(1);
    after.close();
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
