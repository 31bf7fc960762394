package dev.cutover.cutover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import dev.cutover.plan.Arn;
import dev.cutover.plan.PlanProblem;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** What both handlers do alike with a payload and their environment. */
final class Payloads {

  private Payloads() {}

  /** The payload as a JSON tree, or an {@link InvalidPlanException} saying it is not JSON. */
  static JsonNode parse(byte[] payload, String step) {
    try {
      JsonNode tree = Json.mapper().readTree(payload);
      if (tree == null || tree.isMissingNode()) {
        throw new InvalidPlanException(List.of(new PlanProblem("$", "the " + step + " task payload is empty; pass {\"executionId\", \"action\", \"plan\"}.")));
      }
      return tree;
    } catch (IOException e) {
      String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InvalidPlanException(
          List.of(new PlanProblem("$", "the " + step + " task payload is not valid JSON (" + reason + "); pass {\"executionId\", \"action\", \"plan\"}.")));
    }
  }

  /** The payload as a tree for the log's correlation id; an empty object when it is not JSON. */
  static JsonNode forLogging(byte[] payload) {
    try {
      JsonNode tree = Json.mapper().readTree(payload);
      return tree != null && tree.isObject() ? tree : Json.mapper().createObjectNode();
    } catch (IOException e) {
      return Json.mapper().createObjectNode();
    }
  }

  /**
   * The role for the hosted zone from {@value CutoverHandler#DNS_ROLE_ARN}: empty when unset (green's
   * role is used), the ARN when it is an IAM role ARN.
   *
   * @throws PreconditionFailedException when it is set to something else
   */
  static Optional<String> dnsRole(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String role = value.strip();
    Optional<Arn> arn = Arn.parse(role);
    if (arn.isEmpty() || !arn.get().service().equals("iam") || !arn.get().resource().startsWith("role/")) {
      throw new PreconditionFailedException(
          CutoverHandler.DNS_ROLE_ARN + " is \"" + role + "\", which is not an IAM role ARN. Set it"
              + " to the role cutover assumes in the hosted zone's account"
              + " (arn:aws:iam::ACCOUNT:role/NAME), or unset it to use the target's role. Nothing"
              + " was changed.");
    }
    return Optional.of(role);
  }
}
