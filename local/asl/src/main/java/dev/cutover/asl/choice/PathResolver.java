package dev.cutover.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Applies one path of a Choice Rule (its {@code Variable}, or the value of a {@code ...Path}
 * operator) to the Choice state's effective input, its variables and its context.
 */
@FunctionalInterface
public interface PathResolver {

  /**
   * The value the path selects; empty when the path matches nothing (which makes {@code IsPresent}
   * false and every other operator fail with {@code States.Runtime}).
   */
  Optional<JsonNode> resolve(String path);
}
