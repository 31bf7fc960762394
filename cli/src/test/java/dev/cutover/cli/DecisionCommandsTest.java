package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * approve / reject against a stand-in for the decide function URL that checks the SigV4
 * signature (present, well formed, for service lambda, and matching the request that arrived) and
 * answers with the decide function's response shapes; every refusal prints its advice and exit code.
 */
class DecisionCommandsTest {

  static final String EXECUTION = "arn:aws:states:eu-west-1:444455556666:execution:cutover-migration:run-1";
  static final String DECIDER = "arn:aws:iam::444455556666:user/bob";

  final LocalWorld world = new LocalWorld();
  final AtomicReference<DecideStub.Answer> next = new AtomicReference<>();
  final DecideStub decide = new DecideStub("local-secret", r -> next.get());

  @AfterEach
  void close() {
    decide.close();
    world.close();
  }

  LocalWorld.Result approve(String... more) {
    String[] args = new String[more.length + 4];
    args[0] = "approve";
    args[1] = EXECUTION;
    args[2] = "--decide-url";
    args[3] = decide.url().toString();
    System.arraycopy(more, 0, args, 4, more.length);
    return world.raw(args);
  }

  @Test
  void approve_signs_the_decision_with_sigv4_for_lambda_and_prints_who_it_was_recorded_as() {
    next.set(new DecideStub.Answer(200, "{\"status\":200,\"code\":\"APPROVED\",\"message\":\"Approved\",\"executionArn\":\"" + EXECUTION
        + "\",\"approvalId\":\"ap-9\",\"decision\":\"APPROVE\",\"decidedBy\":\"" + DECIDER + "\",\"decidedAt\":\"2026-11-24T09:05:00Z\"}"));

    LocalWorld.Result r = approve("--reason", "looks good");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Approved " + EXECUTION, "Recorded as " + DECIDER + " at 2026-11-24T09:05:00Z", "Approval   ap-9");
    DecideStub.Received got = decide.received.getFirst();
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST/");
    assertThat(got.service()).isEqualTo("lambda");
    assertThat(got.region()).as("the execution's region, since a loopback URL names none").isEqualTo("eu-west-1");
    assertThat(got.signedHeaders()).contains("host", "x-amz-date", "content-type");
    assertThat(got.signatureMatches()).as("the signature covers the request exactly as it arrived").isTrue();
    assertThat(got.body().toString()).isEqualTo("{\"executionArn\":\"" + EXECUTION + "\",\"decision\":\"APPROVE\",\"reason\":\"looks good\"}");
  }

  @Test
  void approve_takes_the_execution_as_the_notice_writes_it_and_a_region_option_for_the_signature() {
    next.set(new DecideStub.Answer(200, "{\"code\":\"APPROVED\",\"decidedBy\":\"" + DECIDER + "\"}"));

    LocalWorld.Result r = world.raw("approve", "--execution", EXECUTION, "--decide-url", decide.url().toString(), "--region", "us-west-2");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(decide.received.getFirst().region()).isEqualTo("us-west-2");
    assertThat(decide.received.getFirst().body().has("reason")).isFalse();
  }

  @Test
  void reject_sends_the_reason_and_requires_one() {
    next.set(new DecideStub.Answer(200, "{\"code\":\"REJECTED\",\"decidedBy\":\"" + DECIDER + "\",\"decidedAt\":\"2026-11-24T09:05:00Z\"}"));

    LocalWorld.Result missing = world.raw("reject", EXECUTION, "--decide-url", decide.url().toString());
    LocalWorld.Result r = world.raw("reject", EXECUTION, "--decide-url", decide.url().toString(), "--reason", "parity drift");

    assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("Missing required option: '--reason=TEXT'");
    assertThat(decide.received).hasSize(1);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Rejected " + EXECUTION, "Recorded as " + DECIDER);
    assertThat(decide.received.getFirst().body().path("decision").asText()).isEqualTo("REJECT");
    assertThat(decide.received.getFirst().body().path("reason").asText()).isEqualTo("parity drift");
  }

  @Test
  void every_refusal_prints_the_decide_functions_message_and_what_to_do() {
    record Case(DecideStub.Answer answer, int exit, String advice) {}
    Case[] cases = {
        new Case(DecideStub.refused(403, "NOT_AN_APPROVER", "arn:aws:iam::444455556666:user/eve is not an approver", EXECUTION),
            ExitCodes.RUN_FAILED, "Only the plan's approval.approvers may decide"),
        new Case(DecideStub.refused(403, "SELF_APPROVAL", "You started this execution", EXECUTION), ExitCodes.RUN_FAILED,
            "another approver must decide"),
        new Case(DecideStub.refused(403, "STARTER_UNKNOWN", "CloudTrail has no StartExecution yet", EXECUTION), ExitCodes.RUN_FAILED,
            "again in a few minutes"),
        new Case(DecideStub.refused(404, "NO_APPROVAL_WAITING", "No approval is waiting", EXECUTION), ExitCodes.RUN_FAILED,
            "cutover watch " + EXECUTION),
        new Case(DecideStub.refused(409, "ALREADY_DECIDED", "already decided: approved by X at T", EXECUTION), ExitCodes.RUN_FAILED,
            "Someone decided already"),
        new Case(DecideStub.refused(410, "EXPIRED", "This approval has expired", EXECUTION), ExitCodes.RUN_FAILED,
            "Start a new run"),
        new Case(DecideStub.refused(503, "TRY_AGAIN", "recorded, not delivered", EXECUTION), ExitCodes.AWS,
            "run the same command again"),
        new Case(new DecideStub.Answer(403, "{\"Message\":\"Forbidden\"}"), ExitCodes.AWS, "lambda:InvokeFunctionUrl"),
        new Case(new DecideStub.Answer(400, "{\"status\":400,\"code\":\"BAD_REQUEST\",\"message\":\"1 problem\",\"problems\":[\"reason: is"
            + " longer than 1000 characters\"]}"), ExitCodes.USAGE, "reason: is longer than 1000 characters"),
    };
    for (Case c : cases) {
      next.set(c.answer());
      LocalWorld.Result r = approve();
      String message = Run.parse(c.answer().body()).path("message").asText(Run.parse(c.answer().body()).path("Message").asText());
      assertThat(r.exit()).as(c.answer().body()).isEqualTo(c.exit());
      assertThat(r.err()).as(c.answer().body()).contains("The decision was not taken: HTTP " + c.answer().status(), message, c.advice());
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void json_output_passes_the_answer_on_with_the_exit_code_and_advice() {
    next.set(DecideStub.refused(404, "NO_APPROVAL_WAITING", "No approval is waiting", EXECUTION));

    LocalWorld.Result r = approve("--output", "json");

    assertThat(r.exit()).isEqualTo(ExitCodes.RUN_FAILED);
    var out = Run.parse(r.out());
    assertThat(out.path("code").asText()).isEqualTo("NO_APPROVAL_WAITING");
    assertThat(out.path("httpStatus").asInt()).isEqualTo(404);
    assertThat(out.path("exitCode").asInt()).isEqualTo(1);
    assertThat(out.path("advice").asText()).contains("cutover watch");
  }

  @Test
  void without_a_decide_url_it_says_where_to_find_one() {
    LocalWorld.Result r = world.raw("approve", EXECUTION);

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("No decide URL", "--decide-url", "CUTOVER_DECIDE_URL", "DecideUrl");
  }

  @Test
  void the_decide_url_comes_from_the_environment_too() {
    next.set(new DecideStub.Answer(200, "{\"code\":\"APPROVED\",\"decidedBy\":\"" + DECIDER + "\"}"));
    world.env.put("CUTOVER_DECIDE_URL", decide.url().toString());

    LocalWorld.Result r = world.raw("approve", EXECUTION);

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(decide.received).hasSize(1);
  }

  @Test
  void an_unreachable_decide_url_is_an_endpoint_error() {
    String url = decide.url().toString();
    decide.close();

    LocalWorld.Result r = world.raw("approve", EXECUTION, "--decide-url", url);

    assertThat(r.exit()).isEqualTo(ExitCodes.AWS);
    assertThat(r.err()).contains("Cannot reach the decide URL " + url);
  }

  @Test
  void a_function_url_names_the_region_the_signature_is_for() {
    assertThat(DecideClient.regionOf(URI.create("https://abcdefghij1234567890.lambda-url.eu-central-1.on.aws/"))).contains("eu-central-1");
    assertThat(DecideClient.regionOf(URI.create("http://127.0.0.1:9000/"))).isEmpty();
  }
}
