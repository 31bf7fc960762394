package dev.cutover.logscan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.AwsClients;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.logscan.aws.S3ReportBucket;
import dev.cutover.logscan.port.BucketRef;
import dev.cutover.logscan.port.ReportBucket;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Side;
import dev.cutover.queries.aws.AthenaQueryEngine;
import dev.cutover.queries.port.QueryEngine;
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
 * Lambda entry of the log scan step (DESIGN.md §1 step 6). Input: {@link LogScanInput}. Output:
 * {@link LogScanResult}. Logic: {@link LogScanStep}.
 *
 * <p>Read-only towards both buckets: it queries blue's CloudFront logs on Athena (in green's
 * account, as green's role, like the inventory diff) and writes one object, the ranked list, to
 * the report bucket. Whether those keys exist and match on green is the verify step's job, which
 * reads the list from there ({@code keysFrom}). Logs arrive up to 24 hours late, so the scan
 * proves coverage; it never drives a rollback.
 */
public final class LogScanHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(LogScanHandler.class);

  private final QueryEngine engine;
  private final Function<BucketRef, ReportBucket> reports;
  private final Clock clock;

  /** For the Lambda runtime: Athena and S3 clients in green's account, built once per container. */
  public LogScanHandler() {
    this(new AwsClients());
  }

  /** One client factory (one HTTP client, one credential provider per role) for Athena and S3. */
  private LogScanHandler(AwsClients clients) {
    this(new AthenaQueryEngine(clients), S3ReportBucket.opener(clients), Clock.systemUTC());
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports (DuckDB for Athena) and the runtime's clock.
   */
  public static LogScanHandler local(QueryEngine engine, Function<BucketRef, ReportBucket> reports, Clock clock) {
    return new LogScanHandler(engine, reports, clock);
  }

  LogScanHandler(QueryEngine engine, Function<BucketRef, ReportBucket> reports, Clock clock) {
    this.engine = engine;
    this.reports = reports;
    this.clock = clock;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode payload = read(input);
    LogScanResult result = StepLogging.handle(context, payload == null ? Map.of() : payload, () -> scan(payload));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  private LogScanResult scan(JsonNode payload) {
    if (payload == null) {
      throw new InvalidPlanException(List.of(new PlanProblem("$", "the log scan task input is not JSON.")));
    }
    LogScanInput input = LogScanInput.parse(payload, clock.instant());
    Plan plan = input.plan();
    Side green = plan.target();
    LOG.info(
        "Scanning {}.{} for distribution {}'s requests over {} days, top {} keys under \"{}\", in workgroup {}",
        input.logs().database(), input.logs().table(), plan.source().distributionId(), plan.validation().logScanWindowDays(),
        plan.validation().logScanTopN(), plan.source().prefixOrEmpty(), input.logs().workGroup());
    // The report bucket is in green's account (PlanValidator keeps it apart from both buckets).
    ReportBucket bucket =
        reports.apply(new BucketRef(plan.batch().reportBucket(), green.region(), green.roleArn(), plan.migrationId(), green.accountId()));
    LogScanResult result = new LogScanStep(engine.queries(plan, input.athenaTarget()), bucket, clock).run(input);
    LOG.info(
        "Window {} to {}: {} keys requested {} times; the top {} cover {} requests (query {}, {} bytes scanned); list at {}",
        result.windowStart(), result.windowEnd(), result.distinctKeys(), result.allRequests(), result.keys(), result.requests(),
        result.queryId(), result.bytesScanned(), result.topKeys().uri());
    return result;
  }

  /** The payload's tree, or {@code null} when it is not JSON (reported as a problem of {@code $}). */
  private static JsonNode read(InputStream input) throws IOException {
    byte[] raw = input.readAllBytes();
    try {
      JsonNode tree = Json.mapper().readTree(raw);
      return tree == null || tree.isMissingNode() ? null : tree;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
