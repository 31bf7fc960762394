package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cutover.cli.local.Rehearsal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error a person can meet says what to do, in one line, with its documented exit code. */
class ErrorsTest {

  static final String MISSING = "arn:aws:states:us-east-1:123456789012:execution:cutover-migration:nope";

  final LocalWorld world = LocalWorld.withMachine();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void no_credentials_says_how_to_get_some(@TempDir Path dir) throws IOException {
    world.env.clear();
    world.env.put("AWS_CONFIG_FILE", Files.writeString(dir.resolve("config"), "[profile other]\nregion = eu-west-1\n").toString());
    world.env.put("AWS_SHARED_CREDENTIALS_FILE", Files.writeString(dir.resolve("credentials"), "").toString());

    LocalWorld.Result r = world.cutover("watch", MISSING, "--profile", "ops");

    assertThat(r.exit()).isEqualTo(ExitCodes.AWS);
    assertThat(r.err()).contains("No AWS credentials for profile ops", "aws sso login", "--profile").hasLineCount(1);
  }

  @Test
  void an_execution_that_does_not_exist_says_to_check_the_arn_region_and_endpoint() {
    LocalWorld.Result r = world.cutover("watch", MISSING);

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("No such execution at the endpoint " + world.endpoint.endpoint(), "Check the ARN, and --region / --endpoint-url")
        .hasLineCount(1);
  }

  @Test
  void a_name_is_looked_up_under_the_migration_state_machine() {
    LocalWorld.Result r = world.cutover("report", "nope");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("No such execution", MISSING);
  }

  @Test
  void an_unreachable_endpoint_says_to_start_serve_or_check_the_network_wherever_the_option_is_given() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed;

    LocalWorld.Result before = world.raw("--endpoint-url", url, "watch", MISSING);
    LocalWorld.Result after = world.raw("watch", MISSING, "--endpoint-url", url);

    for (LocalWorld.Result r : List.of(before, after)) {
      assertThat(r.exit()).isEqualTo(ExitCodes.AWS);
      assertThat(r.err()).contains("Cannot reach the endpoint " + url, "Connection refused", "cutover serve").hasLineCount(1);
    }
  }

  @Test
  void access_denied_names_the_permission_and_the_profile_to_use() throws IOException {
    AtomicReference<String> target = new AtomicReference<>();
    HttpServer denying = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    denying.createContext("/", exchange -> {
      target.set(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      byte[] body = ("{\"__type\":\"AccessDeniedException\",\"message\":\"User: arn:aws:iam::123456789012:user/eve is not authorized to"
          + " perform: states:DescribeExecution on resource: " + MISSING + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(400, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    denying.start();
    try {
      LocalWorld.Result r = world.raw("--endpoint-url", "http://127.0.0.1:" + denying.getAddress().getPort(), "watch", MISSING);

      assertThat(r.exit()).isEqualTo(ExitCodes.AWS);
      assertThat(r.err()).contains("Access denied by", "not authorized to perform: states:DescribeExecution", "--profile").hasLineCount(1);
      assertThat(target.get()).isEqualTo("AWSStepFunctions.DescribeExecution");
    } finally {
      denying.stop(0);
    }
  }

  @Test
  void without_a_migration_state_machine_it_says_to_deploy_or_name_one() {
    try (LocalWorld empty = new LocalWorld()) {
      empty.createMachine("something-else");

      LocalWorld.Result r = empty.cutover("watch", "run-1");

      assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).contains("No state machine whose name ends with -migration", "npx cdk deploy Cutover", "--state-machine");
    }
  }

  @Test
  void with_several_migration_state_machines_it_lists_them_and_asks_which() {
    String other = world.createMachine("staging-migration");

    LocalWorld.Result r = world.cutover("watch", "run-1");
    LocalWorld.Result chosen = world.cutover("--state-machine", other, "watch", "run-1");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Several state machines", world.machineArn, other, "--state-machine ARN");
    assertThat(chosen.err()).contains("No such execution", other.replace(":stateMachine:", ":execution:") + ":run-1");
  }

  @Test
  void a_malformed_arn_is_a_usage_error() {
    LocalWorld.Result r = world.cutover("watch", "arn:aws:states:us-east-1:123:execution");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("is not an execution ARN", "arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME");
  }

  @Test
  void a_missing_input_file_says_so() {
    LocalWorld.Result r = world.cutover("start", "--input", "/nonexistent/plan.json");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("No such file: /nonexistent/plan.json");
  }

  @Test
  void json_output_carries_the_error_for_scripts() {
    LocalWorld.Result r = world.cutover("watch", MISSING, "--output", "json");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    var error = Run.parse(r.out()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("EXECUTION_NOT_FOUND");
    assertThat(error.path("exitCode").asInt()).isEqualTo(2);
    assertThat(error.path("message").asText()).contains("No such execution");
  }

  @Test
  void an_unknown_option_is_a_usage_error_with_the_usage() {
    LocalWorld.Result r = world.cutover("watch", MISSING, "--bogus");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Unknown option: '--bogus'", "Usage: cutover watch");
  }

  @Test
  void watch_bounds_its_poll_interval() {
    LocalWorld.Result r = world.cutover("watch", MISSING, "--follow", "--interval", "0");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--interval must be between 1 and 300 seconds");
  }

  @Test
  void rehearse_and_serve_say_when_the_local_runtime_is_missing_and_run_nothing() {
    LocalWorld.Result rehearse = world.raw("rehearse", "--auto-approve");
    LocalWorld.Result faults = world.raw("rehearse", "--list-faults");
    LocalWorld.Result serve = world.raw("serve", "--port", "0");

    for (LocalWorld.Result r : List.of(rehearse, faults, serve)) {
      assertThat(r.exit()).isEqualTo(ExitCodes.AWS);
      assertThat(r.err()).contains("needs the local runtime, which this build does not have", "Nothing was run", "--endpoint-url");
      assertThat(r.out()).isEmpty();
    }
    assertThat(rehearse.err()).contains("dev.cutover.cli.local.Rehearsal");
    assertThat(serve.err()).contains("dev.cutover.cli.local.LocalServer");
  }

  @Test
  void rehearse_checks_its_options_before_looking_for_the_runtime() {
    LocalWorld.Result r = world.raw("rehearse", "--objects", "0");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--objects must be between 1 and 100000");
  }

  @Test
  void rehearse_hands_its_options_to_the_runtime_and_refuses_an_unknown_fault(@TempDir Path dir) {
    AtomicReference<Rehearsal.Options> asked = new AtomicReference<>();
    Rehearsal runtime = new Rehearsal() {
      @Override
      public List<Fault> faults() {
        return List.of(new Fault("green-5xx", "green answers 5xx during the bake: the rollback starts on its own"));
      }

      @Override
      public Result run(Options options, java.io.PrintWriter progress) {
        asked.set(options);
        return new Result("ROLLED_BACK", true, 10, 10, 500, 200, 0, Optional.of(Duration.ofSeconds(42)), Optional.of(Duration.ofSeconds(7)),
            options.reportDirectory());
      }
    };
    CliEnvironment env = world.environment(Optional.of(runtime), Optional.empty());

    LocalWorld.Result list = LocalWorld.run(env, "rehearse", "--list-faults");
    LocalWorld.Result unknown = LocalWorld.run(env, "rehearse", "--fault", "disk-full");
    LocalWorld.Result ran = LocalWorld.run(env, "rehearse", "--objects", "10", "--rate", "50", "--auto-approve", "--fault", "green-5xx",
        "--report-dir", dir.toString());

    assertThat(list.out()).contains("green-5xx", "the rollback starts on its own");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("No fault named disk-full", "--list-faults");
    assertThat(ran.exit()).as(ran.toString()).isZero();
    assertThat(asked.get()).isEqualTo(new Rehearsal.Options(10, 50, true, Optional.of("green-5xx"), dir));
    assertThat(ran.out()).contains("Outcome    ROLLED_BACK", "500 served by blue, 200 by green, 0 failed", "Cutover    42s", "Rollback   7s");
  }
}
