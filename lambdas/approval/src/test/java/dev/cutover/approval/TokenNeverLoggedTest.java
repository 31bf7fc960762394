package dev.cutover.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.approval.aws.AwsStub;
import dev.cutover.approval.support.Payloads;
import dev.cutover.approval.support.Records;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task tokens never reach a log line, nor what the handlers return: the request and decide
 * functions run in their own JVM ({@link TokenLoggingProbe}) with the production logging set to
 * DEBUG (so the SDK logs its requests too) and Powertools asked to log events, against stubs of
 * DynamoDB, KMS, SNS, Step Functions and CloudTrail that make every error path happen, including
 * Step Functions quoting the token in an error. Every byte the process writes is searched for the
 * tokens, their base64 (as KMS carries them) and the ciphertext.
 */
class TokenNeverLoggedTest {

  static final String REQUEST_TOKEN = Payloads.TOKEN;
  static final String SNS_DOWN_TOKEN = "AQCkAAAAKgAAAAMAAAAAAAAAAc25zLWRvd24tdG9rZW4tdGhhdC1tdXN0LW5ldmVyLWJlLWxvZ2dlZA==";
  static final String DENIED_TOKEN = "AQCkAAAAKgAAAAMAAAAAAAAAAZGVuaWVkLXRva2VuLXRoYXQtbXVzdC1uZXZlci1iZS1sb2dnZWQ=";
  static final String APPROVED_TOKEN = "AQCkAAAAKgAAAAMAAAAAAAAAAYXBwcm92ZWQtdG9rZW4tdGhhdC1tdXN0LW5ldmVyLWJlLWxvZ2dlZA==";
  static final String INVALID_TOKEN_TOKEN = "AQCkAAAAKgAAAAMAAAAAAAAAAaW52YWxpZC10b2tlbi10aGF0LW11c3QtbmV2ZXItYmUtbG9nZ2Vk";
  static final String SFN_DOWN_TOKEN = "AQCkAAAAKgAAAAMAAAAAAAAAAc2ZuLWRvd24tdG9rZW4tdGhhdC1tdXN0LW5ldmVyLWJlLWxvZ2dlZA==";
  static final List<String> TOKENS =
      List.of(REQUEST_TOKEN, SNS_DOWN_TOKEN, DENIED_TOKEN, APPROVED_TOKEN, INVALID_TOKEN_TOKEN, SFN_DOWN_TOKEN);

  static final String CIPHERTEXT_TEXT = "kms-ciphertext-blob-of-a-task-token";
  static final String CIPHERTEXT = Base64.getEncoder().encodeToString(CIPHERTEXT_TEXT.getBytes(StandardCharsets.UTF_8));

  static final String PREFIX = "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:";
  static final String SNS_DOWN = PREFIX + "sns-down-run";
  static final String DENIED = PREFIX + "table-denied-run";
  static final String APPROVED = PREFIX + "approved-run";
  static final String INVALID_TOKEN = PREFIX + "invalid-token-run";
  static final String UNREADABLE = PREFIX + "unreadable-run";
  static final String SFN_DOWN = PREFIX + "sfn-down-run";

  static final String JSON_1_0 = "application/x-amz-json-1.0";
  static final String JSON_1_1 = "application/x-amz-json-1.1";
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final WireMockExtension AWS = AwsStub.extension();

  private static String stdout;
  private static String stderr;
  private static String results;
  private static Map<String, String> sent;

  @BeforeAll
  static void runBothHandlersThroughEveryPath(@TempDir Path dir) throws IOException, InterruptedException {
    stubAws();
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Path returned = dir.resolve("results");
    ProcessBuilder probe = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.net.preferIPv4Stack=true",
            "-cp", System.getProperty("java.class.path"),
            TokenLoggingProbe.class.getName(), returned.toString())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    Map<String, String> env = probe.environment();
    env.keySet().removeIf(k -> k.startsWith("POWERTOOLS_") || k.startsWith("AWS_") || k.startsWith("CUTOVER_"));
    env.put("POWERTOOLS_SERVICE_NAME", "cutover-approval");
    env.put("POWERTOOLS_LOG_LEVEL", "DEBUG");
    env.put("POWERTOOLS_LOGGER_LOG_EVENT", "true");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIAAPPROVALPROBE000");
    env.put("AWS_SECRET_ACCESS_KEY", "probe-secret");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + AWS.getPort());
    env.put(ApprovalConfig.TABLE, "cutover-approvals");
    env.put(ApprovalConfig.KEY, "alias/cutover-approval");
    env.put(ApprovalConfig.TOPIC, "arn:aws:sns:us-east-1:444455556666:cutover-approvals");
    Process process = probe.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
    stdout = Files.readString(out, StandardCharsets.UTF_8);
    stderr = Files.readString(err, StandardCharsets.UTF_8);
    results = Files.exists(returned) ? Files.readString(returned, StandardCharsets.UTF_8) : "";
    // Read now: the extension clears its request journal before each test.
    sent = new java.util.HashMap<>();
    for (String target : List.of("TrentService.Encrypt", "AWSStepFunctions.SendTaskSuccess", "DynamoDB_20120810.PutItem")) {
      sent.put(target, bodiesOf(target));
    }
    sent.put("Publish", String.join("\n", AWS.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish")))
        .stream().map(r -> URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8)).toList()));
    assertThat(process.exitValue()).as("probe exit; stderr:%n%s", stderr).isZero();
  }

  @Test
  void no_token_nor_its_ciphertext_is_in_anything_the_functions_wrote_or_returned() {
    List<String> found = new ArrayList<>();
    for (String secret : secrets()) {
      found.addAll(occurrences("stdout", stdout, secret));
      found.addAll(occurrences("stderr", stderr, secret));
      found.addAll(occurrences("returned", results, secret));
    }
    assertThat(found).as("secrets found").isEmpty();
  }

  @Test
  void the_tokens_did_pass_through_the_functions_on_every_path() {
    assertThat(sent.get("TrentService.Encrypt")).contains(base64(REQUEST_TOKEN), base64(SNS_DOWN_TOKEN), base64(DENIED_TOKEN));
    assertThat(sent.get("AWSStepFunctions.SendTaskSuccess")).contains(APPROVED_TOKEN, INVALID_TOKEN_TOKEN, SFN_DOWN_TOKEN);
    assertThat(sent.get("DynamoDB_20120810.PutItem")).contains(CIPHERTEXT);
  }

  @Test
  void the_notice_on_the_wire_names_the_commands_and_carries_no_token() {
    String notices = sent.get("Publish");
    assertThat(notices)
        .contains("Message=cutover is waiting for a decision")
        .contains("cutover approve --execution " + Payloads.EXECUTION_ARN)
        .contains("cutover reject --execution " + SNS_DOWN + " --reason");
    for (String secret : secrets()) {
      assertThat(notices).doesNotContain(secret);
    }
  }

  @Test
  void the_log_is_the_full_debug_log_with_every_error_path_in_it() {
    List<String> expected = List.of(
        "\"level\":\"DEBUG\"",
        "AWS4 Canonical Request",
        "dev.cutover.errors.TransientException",
        "dev.cutover.errors.InvalidPlanException",
        "dev.cutover.errors.PreconditionFailedException",
        "Decision call by " + TokenLoggingProbe.ALICE + " on " + APPROVED + ": APPROVED (HTTP 200)",
        "on " + INVALID_TOKEN + ": EXPIRED (HTTP 410)",
        "on " + UNREADABLE + ": FAILED (HTTP 500)",
        "on " + SFN_DOWN + ": TRY_AGAIN (HTTP 503)");
    assertThat(expected.stream().filter(e -> !stdout.contains(e)).toList()).as("missing from the log").isEmpty();
    assertThat(results).as("Step Functions' message, with the token cut out").contains("<task token>");
  }

  private static List<String> occurrences(String where, String text, String secret) {
    List<String> found = new ArrayList<>();
    for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
      found.add(where + ": ..." + text.substring(Math.max(0, at - 300), Math.min(text.length(), at + secret.length() + 50)) + "...");
    }
    return found;
  }

  private static List<String> secrets() {
    List<String> secrets = new ArrayList<>();
    for (String token : TOKENS) {
      secrets.add(token);
      secrets.add(base64(token));
      // A prefix long enough to be the token's and no one else's: catches a token cut short.
      secrets.add(token.substring(0, 40));
    }
    secrets.add(CIPHERTEXT);
    secrets.add(CIPHERTEXT_TEXT);
    return secrets;
  }

  private static String bodiesOf(String target) {
    return String.join("\n", AWS.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)))
        .stream().map(r -> r.getBodyAsString()).toList());
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- the stubs

  private static void stubAws() {
    // DynamoDB: no record for a new request; a waiting approval for each decision; writes go through,
    // except on the table-denied run.
    AWS.stubFor(target("DynamoDB_20120810.GetItem").willReturn(json(JSON_1_0, "{}")));
    for (String execution : List.of(APPROVED, INVALID_TOKEN, UNREADABLE, SFN_DOWN)) {
      AWS.stubFor(target("DynamoDB_20120810.GetItem").withRequestBody(containing(execution)).atPriority(1)
          .willReturn(json(JSON_1_0, "{\"Item\":" + waitingItem(execution, execution.equals(APPROVED)) + "}")));
    }
    AWS.stubFor(target("DynamoDB_20120810.PutItem").willReturn(json(JSON_1_0, "{}")));
    AWS.stubFor(target("DynamoDB_20120810.PutItem").withRequestBody(containing(DENIED)).atPriority(1)
        .willReturn(error(400, JSON_1_0, "com.amazon.coral.service#AccessDeniedException",
            "User: arn:aws:sts::444455556666:assumed-role/cutover-approval-request/fn is not authorized to perform: dynamodb:PutItem")));
    AWS.stubFor(target("DynamoDB_20120810.UpdateItem").willReturn(json(JSON_1_0, "{}")));

    // KMS: the same ciphertext for every token; each execution's ciphertext opens to its token, but
    // the unreadable run's does not open.
    AWS.stubFor(target("TrentService.Encrypt").willReturn(json(JSON_1_1,
        "{\"CiphertextBlob\":\"" + CIPHERTEXT + "\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\",\"KeyId\":\"arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}")));
    for (Map.Entry<String, String> e : Map.of(APPROVED, APPROVED_TOKEN, INVALID_TOKEN, INVALID_TOKEN_TOKEN, SFN_DOWN, SFN_DOWN_TOKEN).entrySet()) {
      AWS.stubFor(target("TrentService.Decrypt").withRequestBody(containing(e.getKey())).willReturn(json(JSON_1_1,
          "{\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\",\"KeyId\":\"arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab\",\"Plaintext\":\""
              + base64(e.getValue()) + "\"}")));
    }
    AWS.stubFor(target("TrentService.Decrypt").withRequestBody(containing(UNREADABLE))
        .willReturn(error(400, JSON_1_1, "InvalidCiphertextException", "")));

    // SNS: published, except for the sns-down run.
    AWS.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/xml")
        .withBody("<PublishResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult><ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata></PublishResponse>")));
    AWS.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish")).withRequestBody(containing("sns-down-run")).atPriority(1).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "text/xml")
        .withBody("<ErrorResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Receiver</Type><Code>InternalError</Code><Message>Request could not be completed</Message></Error><RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId></ErrorResponse>")));

    // Step Functions: takes the approved run's token; quotes the others back in errors.
    AWS.stubFor(target("AWSStepFunctions.SendTaskSuccess").willReturn(json(JSON_1_0, "{}")));
    AWS.stubFor(target("AWSStepFunctions.SendTaskSuccess").withRequestBody(containing(INVALID_TOKEN_TOKEN)).atPriority(1)
        .willReturn(error(400, JSON_1_0, "com.amazonaws.swf.service.v2.model#InvalidToken", "Invalid Token: '" + INVALID_TOKEN_TOKEN + "'")));
    AWS.stubFor(target("AWSStepFunctions.SendTaskSuccess").withRequestBody(containing(SFN_DOWN_TOKEN)).atPriority(1)
        .willReturn(error(500, JSON_1_0, "com.amazonaws.swf.service.v2.model#InternalFailure", "Internal failure handling " + SFN_DOWN_TOKEN)));

    // CloudTrail: the approved run was started by a CI role, not by the approver.
    ObjectNode record = JSON.createObjectNode();
    record.putObject("userIdentity").put("type", "AssumedRole").put("arn", "arn:aws:sts::444455556666:assumed-role/deployer/ci-run-7");
    record.put("eventSource", "states.amazonaws.com").put("eventName", "StartExecution");
    record.putObject("responseElements").put("executionArn", APPROVED);
    ObjectNode page = JSON.createObjectNode();
    page.putArray("Events").addObject().put("EventId", "3e5f7a9b-1c2d-4e6f-8a0b-2c4d6e8f0a1b")
        .put("EventName", "StartExecution").put("EventSource", "states.amazonaws.com").put("EventTime", 1.79960637E9)
        .put("CloudTrailEvent", record.toString());
    AWS.stubFor(target("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents").willReturn(json(JSON_1_1, page.toString())));
  }

  private static String waitingItem(String execution, boolean mustDiffer) {
    Instant deadline = Instant.now().plusSeconds(3_600);
    ObjectNode item = JSON.createObjectNode();
    item.putObject("executionArn").put("S", execution);
    item.putObject("approvalId").put("S", Records.APPROVAL_ID);
    item.putObject("requestKey").put("S", "5f1c0e3d9a7b4c2e8f6a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e");
    item.putObject("tokenCiphertext").put("B", CIPHERTEXT);
    item.putObject("migrationId").put("S", "assets-to-platform-account");
    item.putObject("mode").put("S", "MIGRATE");
    item.putObject("approvers").putArray("L").addObject().put("S", TokenLoggingProbe.ALICE);
    item.putObject("approverMustDifferFromStarter").put("BOOL", mustDiffer);
    item.putObject("createdAt").put("S", Instant.now().minusSeconds(600).toString());
    item.putObject("deadline").put("S", deadline.toString());
    item.putObject("expiresAt").put("N", Long.toString(deadline.plusSeconds(14 * 86_400).getEpochSecond()));
    item.putObject("executionStartTime").put("S", Instant.now().minusSeconds(3_600).toString());
    item.putObject("notifiedAt").put("S", Instant.now().minusSeconds(590).toString());
    return item.toString();
  }

  private static MappingBuilder target(String target) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
  }

  private static ResponseDefinitionBuilder json(String contentType, String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(body);
  }

  private static ResponseDefinitionBuilder error(int status, String contentType, String type, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", contentType)
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }
}
