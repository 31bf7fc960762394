package dev.cutover.asl.jsonpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.asl.StatesError;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** JSON literals and error capture for the tests of this package. */
final class TestJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestJson() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad JSON in a test: " + text, e);
    }
  }

  /** The StatesError {@code call} throws; fails the test if it throws nothing or something else. */
  static StatesError statesError(ThrowingCallable call) {
    StatesError error = catchThrowableOfType(StatesError.class, call);
    assertThat(error).as("a StatesError").isNotNull();
    return error;
  }
}
