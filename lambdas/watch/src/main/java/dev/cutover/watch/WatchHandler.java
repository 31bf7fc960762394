package dev.cutover.watch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.AwsClients;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.plan.PlanProblem;
import dev.cutover.task.TaskPayload;
import dev.cutover.watch.aws.CloudWatchMetrics;
import dev.cutover.watch.aws.HttpProbe;
import dev.cutover.watch.port.Clock;
import dev.cutover.watch.port.Metrics;
import dev.cutover.watch.port.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry of the "watch" step (DESIGN.md §1 step 10): one health sample of green during the
 * bake. Input: {@link WatchInput}. Output: {@link WatchResult}. The rules are in {@link WatchStep}.
 *
 * <p>An unhealthy sample is returned, not thrown: {@code healthy} is false and the workflow's Choice
 * goes to the rollback with the numbers, thresholds and reasons in hand, as verify's and parity's
 * findings reach their gate. {@code UnhealthyAfterCutoverException} stays in the error contract for
 * a workflow that would rather fail the state; this step never throws it, so a sample is never
 * retried into a different verdict. Errors are thrown as the contract: bad input ({@code
 * InvalidPlanException}) before anything is read, a role that may not read the metrics ({@code
 * PreconditionFailedException}), CloudWatch throttling or failing ({@code TransientException}, which
 * the task retries: a sample that cannot read the metrics has no verdict).
 *
 * <p>Green's role ({@code target.roleArn}) needs {@code cloudwatch:GetMetricData}; the function
 * needs to reach the public hostname over HTTPS (internet access, or a NAT in a VPC). Environment:
 * {@value WatchSettings#CONCURRENCY_VARIABLE} (default {@value WatchSettings#DEFAULT_CONCURRENCY}),
 * {@value WatchSettings#METRICS_DELAY_VARIABLE} (default {@value
 * WatchSettings#DEFAULT_METRICS_DELAY_SECONDS}).
 */
public final class WatchHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(WatchHandler.class);

  /** Time kept back from the invocation's timeout to return once probing stops. */
  static final Duration TIME_RESERVE = Duration.ofSeconds(30);

  private final Metrics metrics;
  private final Probe probe;
  private final Clock clock;
  private final Function<String, URI> hostAddress;
  private final Supplier<WatchSettings> settings;

  /** For the Lambda runtime: real clients, built once per container; probes go to {@code https://<hostname>}. */
  public WatchHandler() {
    this(
        new CloudWatchMetrics(new AwsClients()),
        new HttpProbe(),
        Clock.system(),
        hostname -> URI.create("https://" + hostname),
        () -> WatchSettings.fromEnvironment(System.getenv()));
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports; {@code hostAddress} maps the public hostname to where the local edge answers for it.
   * {@code environment} stands in for the process environment: the same variables the Lambda reads.
   */
  public static WatchHandler local(Metrics metrics, Probe probe, Clock clock, Function<String, URI> hostAddress, Map<String, String> environment) {
    return new WatchHandler(metrics, probe, clock, hostAddress, () -> WatchSettings.fromEnvironment(environment));
  }

  WatchHandler(Metrics metrics, Probe probe, Clock clock, Function<String, URI> hostAddress, Supplier<WatchSettings> settings) {
    this.metrics = metrics;
    this.probe = probe;
    this.clock = clock;
    this.hostAddress = hostAddress;
    this.settings = settings;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode payload = TaskPayload.read(input);
    Deadline deadline = () -> context.getRemainingTimeInMillis() < TIME_RESERVE.toMillis();
    WatchResult result = StepLogging.handle(context, payload == null ? Map.of() : payload, () -> watch(payload, deadline));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  private WatchResult watch(JsonNode payload, Deadline deadline) {
    if (payload == null) {
      throw new InvalidPlanException(List.of(new PlanProblem("$", "the watch task input is not JSON.")));
    }
    WatchInput input = WatchInput.parse(payload, clock.now());
    WatchSettings watchSettings = settings.get();
    LOG.info(
        "Sampling green's health: distribution {} in CloudWatch, {} through https://{}; cutover finished {}",
        input.plan().target().distributionId(),
        input.hotKeys() == null ? "no hot keys" : Math.min(input.hotKeys().size(), input.plan().validation().probeSampleSize()) + " hot keys",
        input.plan().dns().hostname(),
        input.since() == null ? "at an unknown time" : input.since());
    WatchResult result =
        new WatchStep(metrics, probe, clock, hostAddress, watchSettings.probeConcurrency(), watchSettings.metricsDelay())
            .sample(input, deadline);
    if (result.healthy()) {
      LOG.info("Green is healthy: {}; probes {}/{} failed; notes {}", result.metrics(), result.probes().failed(), result.probes().sent(), result.notes());
    } else {
      LOG.warn("Green is UNHEALTHY: {}; metrics {}; probes {}/{} failed", result.reasons(), result.metrics(), result.probes().failed(), result.probes().sent());
    }
    return result;
  }
}
