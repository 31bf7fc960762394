package dev.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.engine.TaskInvocation;
import java.util.Map;

/** A step invoked through the local world's Lambda functions, as the workflow's lambda:invoke task invokes it. */
final class Invoke {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Invoke() {}

  /** The step's output: {@code function} called with the execution, the plan and {@code fields}. */
  static JsonNode step(LocalWorld world, String function, String executionId, JsonNode plan, Map<String, Object> fields) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("executionId", executionId);
    payload.set("plan", plan);
    fields.forEach((name, value) -> payload.set(name, JSON.valueToTree(value)));
    ObjectNode args = JSON.createObjectNode();
    args.put("FunctionName", world.functions().arn(function));
    args.set("Payload", payload);
    return world.functions().resource().invoke(new TaskInvocation("arn:aws:states:::lambda:invoke", args, JSON.createObjectNode(), null)).get("Payload");
  }
}
