package dev.cutover.verify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.AwsClients;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.plan.PlanProblem;
import dev.cutover.queries.aws.AthenaQueryEngine;
import dev.cutover.queries.port.QueryEngine;
import dev.cutover.task.TaskPayload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry of the inventory diff, the "verify objects" step at scale (DESIGN.md §1 step 4):
 * two S3 Inventory tables compared in Athena. Input: {@link InventoryInput}. Output: {@link
 * InventoryVerifyResult}.
 *
 * <p>As with {@link VerifyHandler}, mismatches are returned, not thrown: {@code passed} is false
 * and the gate stops with the evidence. Errors (bad input, an inventory table with no delivery,
 * a query Athena failed or cancelled at the workgroup's data limit) are thrown as the error
 * contract.
 */
public final class VerifyInventoryHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(VerifyInventoryHandler.class);

  private final QueryEngine engine;
  private final int examplesPerCategory;

  /** For the Lambda runtime: Athena clients in green's account, built once per container. */
  public VerifyInventoryHandler() {
    this(new AthenaQueryEngine(new AwsClients()), VerifySettings.DEFAULT.examplesPerCategory());
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports (DuckDB for Athena).
   */
  public static VerifyInventoryHandler local(QueryEngine engine) {
    return new VerifyInventoryHandler(engine, VerifySettings.DEFAULT.examplesPerCategory());
  }

  VerifyInventoryHandler(QueryEngine engine, int examplesPerCategory) {
    this.engine = engine;
    this.examplesPerCategory = examplesPerCategory;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode payload = TaskPayload.read(input);
    InventoryVerifyResult result =
        StepLogging.handle(context, payload == null ? Map.of() : payload, () -> verify(payload));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  private InventoryVerifyResult verify(JsonNode payload) {
    if (payload == null) {
      throw new InvalidPlanException(List.of(new PlanProblem("$", "the inventory-diff task input is not JSON.")));
    }
    InventoryInput input = InventoryInput.parse(payload);
    InventorySettings inventory = input.inventory();
    LOG.info(
        "Diffing inventories {}.{} (blue) and {}.{} (green) under prefix \"{}\" in workgroup {}",
        inventory.database(), inventory.blueTable(), inventory.database(), inventory.greenTable(),
        input.plan().source().prefixOrEmpty(), inventory.workGroup());
    InventoryVerifyResult result =
        new InventoryVerifyStep(examplesPerCategory).run(input, engine.queries(input.plan(), input.athenaTarget()));
    LOG.info(
        "Compared {} objects (deliveries {} and {}, query {}): {} mismatched (tolerance {}), passed={}, counts {}",
        result.objectsCompared(), result.inventory().blueDt(), result.inventory().greenDt(), result.inventory().queryId(),
        result.mismatchedObjects(), result.mismatchTolerance(), result.passed(), result.counts());
    return result;
  }
}
