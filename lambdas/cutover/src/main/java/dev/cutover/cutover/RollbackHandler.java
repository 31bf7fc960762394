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
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry of the rollback step (DESIGN.md §1 step 11): undoes what the cutover recorded, one
 * short action per invocation (see {@link RollbackAction} and {@link RollbackStep}): the exact
 * alias off green and back on blue, then the record back. Used by the rollback branch of MIGRATE
 * runs and by ROLLBACK runs. Payload: {@link StepInput}; result: {@link StepResult}.
 *
 * <p>Restoring blue's replication configuration is not done here: the state machine calls the
 * replication step's {@code RESTORE} action after these actions, and that step puts its own record
 * back. Roles and environment as for {@link CutoverHandler}.
 */
public final class RollbackHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RollbackHandler.class);

  private final RollbackStep step;
  private final String dnsRoleArn;

  /** For the Lambda runtime: real clients, built once per container. */
  public RollbackHandler() {
    this(AwsPorts.create(new AwsClients()), System.getenv(CutoverHandler.DNS_ROLE_ARN), Sleeper.REAL);
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports.
   * {@code environment} stands in for the process environment: the same variables the Lambda reads.
   */
  public static RollbackHandler local(Ports ports, Map<String, String> environment) {
    return new RollbackHandler(ports, environment.get(CutoverHandler.DNS_ROLE_ARN), Sleeper.REAL);
  }

  RollbackHandler(Ports ports, String dnsRoleArn, Sleeper sleeper) {
    this.step = new RollbackStep(ports, Backoff.DEFAULT, sleeper);
    this.dnsRoleArn = dnsRoleArn;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] payload = input.readAllBytes();
    StepResult result = StepLogging.handle(context, Payloads.forLogging(payload), () -> run(payload));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  private StepResult run(byte[] payload) {
    StepInput<RollbackAction> input =
        StepInput.parse(
            Payloads.parse(payload, "rollback"), RollbackAction.class, "rollback", Set.of(Mode.MIGRATE, Mode.ROLLBACK));
    Migration m = Migration.of(input.plan(), Payloads.dnsRole(dnsRoleArn).orElse(null));
    StepResult result = step.run(input.action(), m, input.changeId(), input.side());
    LOG.info(
        "Rollback {} for {}: {} (changed={}, record {})",
        result.action(), result.hostname(), result.outcome(), result.changed(), result.record());
    return result;
  }
}
