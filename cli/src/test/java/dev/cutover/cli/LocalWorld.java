package dev.cutover.cli;

import dev.cutover.asl.engine.VirtualClock;
import dev.cutover.cli.local.LocalServer;
import dev.cutover.cli.local.Rehearsal;
import dev.cutover.local.endpoint.StepFunctionsEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The real Step Functions endpoint (local/endpoint) on loopback, in virtual time, running the real
 * {@code migration.asl.json} with {@link ScriptedSteps}; and the {@code cutover} command run in
 * process against it, with its output captured. {@code watch --follow}'s sleeper moves the
 * virtual clock and lets the endpoint run, so a whole bake passes in milliseconds.
 */
final class LocalWorld implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  static final String MACHINE_NAME = "cutover-migration";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

  /** What a command did. */
  record Result(int exit, String out, String err) {}

  final VirtualClock clock = new VirtualClock(T0);
  final ScriptedSteps steps = new ScriptedSteps(clock);
  final StepFunctionsEndpoint endpoint = new StepFunctionsEndpoint(clock, steps::resolve).start();
  final SfnClient sfn = SfnClient.builder()
      .endpointOverride(endpoint.endpoint())
      .region(Region.US_EAST_1)
      .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
      .httpClient(UrlConnectionHttpClient.create())
      .build();
  final Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "AKIDLOCALTEST", "AWS_SECRET_ACCESS_KEY", "local-secret"));
  final List<Duration> sleeps = new ArrayList<>();
  String machineArn;

  /** With the migration state machine created. */
  static LocalWorld withMachine() {
    LocalWorld world = new LocalWorld();
    world.machineArn = world.createMachine(MACHINE_NAME);
    return world;
  }

  String createMachine(String name) {
    return sfn.createStateMachine(r -> r.name(name).definition(definition()).roleArn("arn:aws:iam::123456789012:role/cutover"))
        .stateMachineArn();
  }

  /** The workflow file shipped by the statemachine module, with its placeholders filled as the CDK app would. */
  static String definition() {
    String raw;
    try (InputStream in = LocalWorld.class.getResourceAsStream("/dev/cutover/statemachine/migration.asl.json")) {
      raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher m = PLACEHOLDER.matcher(raw);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = name.endsWith("FunctionArn")
          ? "arn:aws:lambda:us-east-1:" + ScriptedSteps.ACCOUNT + ":function:cutover-" + name.substring(0, name.length() - "FunctionArn".length())
          : switch (name) {
            case "NotificationTopicArn" -> "arn:aws:sns:us-east-1:" + ScriptedSteps.ACCOUNT + ":cutover-notices";
            default -> "cutover_" + name.toLowerCase(java.util.Locale.ROOT);
          };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  static Path event(String name) {
    try {
      return Path.of(LocalWorld.class.getResource("/events/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code cutover ARGS} against this world's endpoint (given as --endpoint-url first). */
  Result cutover(String... args) {
    List<String> all = new ArrayList<>(List.of("--endpoint-url", endpoint.endpoint().toString()));
    all.addAll(List.of(args));
    return raw(all.toArray(String[]::new));
  }

  /** Runs {@code cutover ARGS} exactly as given. */
  Result raw(String... args) {
    return run(environment(Optional.empty(), Optional.empty()), args);
  }

  CliEnvironment environment(Optional<Rehearsal> rehearsal, Optional<LocalServer> server) {
    Sleeper sleeper = d -> {
      sleeps.add(d);
      clock.advance(d);
      endpoint.drive();
    };
    return new CliEnvironment(Map.copyOf(env), clock, sleeper, false, () -> rehearsal, () -> server);
  }

  static Result run(CliEnvironment environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Cutover.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  /** Lets the endpoint run everything due now. */
  void drive() {
    endpoint.drive();
  }

  /** Moves time 10 s at a time until {@code done} (or gives up after a simulated day). */
  void runUntil(BooleanSupplier done) {
    drive();
    for (int i = 0; i < 8640 && !done.getAsBoolean(); i++) {
      clock.advance(Duration.ofSeconds(10));
      drive();
    }
    if (!done.getAsBoolean()) {
      throw new AssertionError("the run did not get there in a simulated day");
    }
  }

  boolean awaitingApproval() {
    return steps.approvalToken != null;
  }

  ExecutionStatus status(String executionArn) {
    return sfn.describeExecution(r -> r.executionArn(executionArn)).status();
  }

  void runToEnd(String executionArn) {
    runUntil(() -> status(executionArn) != ExecutionStatus.RUNNING);
  }

  /** Starts events/migrate.json as {@code name} with the command and returns the execution ARN. */
  String start(String name) {
    Result started = cutover("start", "--input", event("migrate.json").toString(), "--name", name);
    if (started.exit() != 0) {
      throw new AssertionError("start failed: " + started);
    }
    drive();
    return machineArn.replace(":stateMachine:", ":execution:") + ":" + name;
  }

  @Override
  public void close() {
    sfn.close();
    endpoint.close();
  }
}
