package dev.cutover.parity;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.AwsClients;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.parity.aws.AwsAccounts;
import dev.cutover.parity.aws.HttpProbe;
import dev.cutover.parity.port.Accounts;
import dev.cutover.parity.port.Probe;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.task.TaskPayload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry of the "edge parity" step (DESIGN.md §1 step 5). Input: {@link ParityInput}.
 * Output: {@link ParityResult}.
 *
 * <p>Differences are returned, not thrown: {@code passed} is false and the workflow's Choice
 * stops at the gate with the evidence in hand. Errors are thrown as the error contract: bad input
 * ({@code InvalidPlanException}), a distribution, policy or function that does not exist or that
 * the side's role may not read ({@code PreconditionFailedException}, naming role and resource),
 * throttling ({@code TransientException}).
 *
 * <p>The full findings, both normalised configurations and every probe's answers go to {@code
 * {batch.reportPrefix}{migrationId}/parity/<execution name>/findings.json} in the report bucket,
 * so a retried task overwrites its own report rather than adding one.
 *
 * <p>Each side's role needs {@code cloudfront:GetDistribution}, {@code GetCachePolicy}, {@code
 * GetOriginRequestPolicy}, {@code GetResponseHeadersPolicy}, {@code GetOriginAccessControl},
 * {@code DescribeFunction} and {@code GetFunction}; blue's role {@code s3:ListBucket} when no
 * sample keys are given; green's role {@code s3:PutObject} on the report prefix. The probes need
 * the function to reach {@code *.cloudfront.net} (internet access, or a NAT in a VPC).
 */
public final class ParityHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ParityHandler.class);

  /** Time kept back from the invocation's timeout to write the report once probing stops. */
  static final Duration TIME_RESERVE = Duration.ofMinutes(1);

  /** Keys probed at once, each through both distributions. */
  static final int PROBE_CONCURRENCY = 8;

  private final Accounts accounts;
  private final Probe probe;
  private final Function<String, URI> edgeAddress;

  /** For the Lambda runtime: real clients, built once per container; probes go to {@code https://<domain name>}. */
  public ParityHandler() {
    this(new AwsAccounts(new AwsClients()), new HttpProbe(), domain -> URI.create("https://" + domain));
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports; {@code edgeAddress} maps a distribution's domain name to where the local edge answers for it.
   */
  public static ParityHandler local(Accounts accounts, Probe probe, Function<String, URI> edgeAddress) {
    return new ParityHandler(accounts, probe, edgeAddress);
  }

  ParityHandler(Accounts accounts, Probe probe, Function<String, URI> edgeAddress) {
    this.accounts = accounts;
    this.probe = probe;
    this.edgeAddress = edgeAddress;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode payload = TaskPayload.read(input);
    Deadline deadline = () -> context.getRemainingTimeInMillis() < TIME_RESERVE.toMillis();
    ParityResult result = StepLogging.handle(context, payload == null ? Map.of() : payload, () -> parity(payload, deadline));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  private ParityResult parity(JsonNode payload, Deadline deadline) {
    if (payload == null) {
      throw new InvalidPlanException(List.of(new PlanProblem("$", "the parity task input is not JSON.")));
    }
    ParityInput input = ParityInput.parse(payload);
    Plan plan = input.plan();
    ParityJob job = new ParityJob(input.executionId(), plan, input.sampleKeys(), reportKey(plan, input.executionId()));
    LOG.info(
        "Comparing distribution {} (blue) with {} (green), probing {}; report to s3://{}/{}",
        plan.source().distributionId(), plan.target().distributionId(),
        input.sampleKeys() == null ? "a sample of blue's listing" : input.sampleKeys().size() + " given keys",
        plan.batch().reportBucket(), job.reportKey());
    ParityResult result = new ParityStep(accounts, probe, edgeAddress, PROBE_CONCURRENCY).run(job, deadline);
    for (EdgeSummary edge : List.of(result.blue(), result.green())) {
      if (!"Deployed".equals(edge.status())) {
        LOG.warn("Distribution {} is {}: its edges may still serve the previous configuration, so probes may disagree with the configuration compared", edge.distributionId(), edge.status());
      }
    }
    LOG.info(
        "Parity passed={}: {} config differences ({} allowed), {} probe differences over {} keys; counts {}; findings at {}",
        result.passed(), result.counts().get("configDifferences"), result.counts().get("configDifferencesAllowed"),
        result.counts().get("probeDifferences"), result.probed(), result.counts(), result.report().uri());
    return result;
  }

  static String reportKey(Plan plan, String executionId) {
    return plan.batch().reportPrefix() + plan.migrationId() + "/parity/" + TaskPayload.runName(executionId) + "/findings.json";
  }

}
