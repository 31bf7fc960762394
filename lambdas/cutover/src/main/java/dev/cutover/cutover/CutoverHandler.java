package dev.cutover.cutover;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.cutover.aws.AwsClients;
import dev.cutover.cutover.aws.AwsPorts;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.plan.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry of the cutover step (DESIGN.md §1 step 9): moves the hostname from blue to green by
 * the wildcard method, one short action per invocation (see {@link CutoverAction} and {@link
 * CutoverStep}). Payload: {@link StepInput}; result: {@link StepResult}.
 *
 * <p>Blue's distribution is reached with {@code source.roleArn}, green's distribution, its ACM
 * certificate and the report bucket with {@code target.roleArn}, the hosted zone with {@value
 * #DNS_ROLE_ARN} when set, else with {@code target.roleArn}. CloudFront and Route 53 are global
 * (us-east-1); ACM is called in the certificate's region.
 */
public final class CutoverHandler implements RequestStreamHandler {

  /**
   * The role for the hosted zone when it is not in green's account (the legacy account, or a
   * central DNS account). Unset: green's role.
   */
  public static final String DNS_ROLE_ARN = "CUTOVER_DNS_ROLE_ARN";

  private static final Logger LOG = LoggerFactory.getLogger(CutoverHandler.class);

  private final CutoverStep step;
  private final String dnsRoleArn;

  /** For the Lambda runtime: real clients, built once per container. */
  public CutoverHandler() {
    this(AwsPorts.create(new AwsClients()), System.getenv(DNS_ROLE_ARN), Clock.systemUTC(), Sleeper.REAL);
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports and the runtime's clock.
   * {@code environment} stands in for the process environment: the same variables the Lambda reads.
   */
  public static CutoverHandler local(Ports ports, Map<String, String> environment, Clock clock) {
    return new CutoverHandler(ports, environment.get(DNS_ROLE_ARN), clock, Sleeper.REAL);
  }

  CutoverHandler(Ports ports, String dnsRoleArn, Clock clock, Sleeper sleeper) {
    this.step = new CutoverStep(ports, clock, Backoff.DEFAULT, sleeper);
    this.dnsRoleArn = dnsRoleArn;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] payload = input.readAllBytes();
    StepResult result = StepLogging.handle(context, Payloads.forLogging(payload), () -> run(payload));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  private StepResult run(byte[] payload) {
    StepInput<CutoverAction> input =
        StepInput.parse(Payloads.parse(payload, "cutover"), CutoverAction.class, "cutover", Set.of(Mode.MIGRATE));
    Migration m = Migration.of(input.plan(), Payloads.dnsRole(dnsRoleArn).orElse(null));
    StepResult result = step.run(input.action(), m, input.executionId(), input.changeId(), input.side());
    LOG.info(
        "{} for {}: {} (changed={}, record {})",
        result.action(), result.hostname(), result.outcome(), result.changed(), result.record());
    return result;
  }
}
