package dev.cutover.report;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.AwsClients;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Side;
import dev.cutover.report.aws.S3ReportStore;
import dev.cutover.report.port.BucketRef;
import dev.cutover.report.port.ReportStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry of the report step (DESIGN.md §1 step 8, and the gate's report). Input: {@link
 * ReportInput}. Output: {@link ReportResult}.
 *
 * <p>Whatever the earlier steps left, the step writes a report: a section that is absent, failed
 * or malformed shows as such and counts against the verdict; only a payload without a usable
 * {@code executionId} and {@code plan} (nowhere to write) is refused, with every problem's field
 * path. The report bucket is green's account's, reached with green's role, and never blue.
 */
public final class ReportHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ReportHandler.class);

  private final Function<BucketRef, ReportStore> stores;
  private final Clock clock;

  /** For the Lambda runtime: real S3 clients, built once per container. */
  public ReportHandler() {
    this(S3ReportStore.opener(new AwsClients()), Clock.systemUTC());
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports and the runtime's clock.
   */
  public static ReportHandler local(Function<BucketRef, ReportStore> stores, Clock clock) {
    return new ReportHandler(stores, clock);
  }

  ReportHandler(Function<BucketRef, ReportStore> stores, Clock clock) {
    this.stores = stores;
    this.clock = clock;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode payload = read(input);
    ReportResult result =
        StepLogging.handle(context, payload == null ? Map.of() : payload, () -> report(payload));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  private ReportResult report(JsonNode payload) {
    if (payload == null) {
      throw new InvalidPlanException(List.of(new PlanProblem("$", "the report task input is not JSON.")));
    }
    ReportInput input = ReportInput.parse(payload);
    Plan plan = input.plan();
    Side green = plan.target();
    // The report bucket is in green's account (PlanValidator keeps it apart from both buckets).
    ReportStore store =
        stores.apply(new BucketRef(plan.batch().reportBucket(), green.region(), green.roleArn(), plan.migrationId(), green.accountId()));
    ReportResult result = new ReportStep(store, clock).run(input);
    LOG.info("Report {}: verdict {}, {} reasons, page at {}", plan.migrationId(), result.verdict(), result.reasons().size(), result.html());
    return result;
  }

  /**
   * The payload's tree with decimals kept exact (cost figures), or {@code null} when it is not
   * JSON (reported as a problem of {@code $}).
   */
  private static JsonNode read(InputStream input) throws IOException {
    byte[] raw = input.readAllBytes();
    try {
      JsonNode tree = Json.mapper().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(raw);
      return tree == null || tree.isMissingNode() ? null : tree;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
