package dev.cutover.preflight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.json.Json;
import java.io.IOException;
import java.io.InputStream;

/** Reads a task payload as a JSON tree. */
final class Payloads {

  private Payloads() {}

  /** The payload's JSON tree, or {@code null} when it is not JSON (the handler reports it). */
  static JsonNode read(InputStream input) throws IOException {
    byte[] raw = input.readAllBytes();
    try {
      JsonNode tree = Json.mapper().readTree(raw);
      return tree == null || tree.isMissingNode() ? null : tree;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
