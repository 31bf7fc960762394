package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.json.Json;
import org.junit.jupiter.api.Test;

/** The tolerant reader: absent is "—", a wrong type is a problem with its path, never an exception. */
class NodeTest {

  private final Problems problems = new Problems();

  private Node root(String json) throws Exception {
    JsonNode tree = Json.mapper().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(json);
    return Node.root("verify", tree, problems);
  }

  @Test
  void absent_and_null_fields_read_as_null_without_a_problem() throws Exception {
    Node node = root("{\"passed\": null}");

    assertThat(node.get("passed").bool()).isNull();
    assertThat(node.get("objectsCompared").whole()).isNull();
    assertThat(node.get("report").get("uri").text()).isNull();
    assertThat(node.get("counts").fields()).isEmpty();
    assertThat(node.get("examples").items()).isEmpty();
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void a_wrong_type_reads_as_null_and_is_recorded_once_with_its_path() throws Exception {
    Node node = root("{\"passed\": \"yes\", \"counts\": [1], \"retries\": 1.5, \"examples\": {\"sizeDiffers\": [{\"key\": 7}]}}");

    assertThat(node.get("passed").bool()).isNull();
    assertThat(node.get("passed").bool()).isNull();
    assertThat(node.get("counts").fields()).isEmpty();
    assertThat(node.get("retries").whole()).isNull();
    assertThat(node.get("examples").get("sizeDiffers").items().getFirst().get("key").text()).isNull();

    assertThat(problems.list()).containsExactly(
        new ReadProblem("verify.passed", "expected true or false, found the string \"yes\"."),
        new ReadProblem("verify.counts", "expected an object, found an array."),
        new ReadProblem("verify.retries", "expected a whole number, found the number 1.5."),
        new ReadProblem("verify.examples.sizeDiffers[0].key", "expected a string, found the number 7."));
  }

  @Test
  void a_whole_number_written_as_a_decimal_is_a_whole_number() throws Exception {
    assertThat(root("{\"n\": 3.0}").get("n").whole()).isEqualTo(3L);
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void a_number_too_large_or_too_precise_to_show_is_a_problem_not_a_million_digits() throws Exception {
    Node node = root("{\"huge\": 1e999999, \"tiny\": 1e-999999, \"fine\": 0.30000000000000004}");

    assertThat(node.get("huge").number()).isNull();
    assertThat(node.get("tiny").number()).isNull();
    assertThat(node.get("fine").number()).isEqualByComparingTo("0.30000000000000004");
    assertThat(problems.list()).extracting(ReadProblem::field).containsExactly("verify.huge", "verify.tiny");
  }

  @Test
  void names_that_do_not_read_as_a_path_are_quoted() {
    assertThat(Node.child("verify.counts", "sizeDiffers")).isEqualTo("verify.counts.sizeDiffers");
    assertThat(Node.child("parity", "x.y \"z\"")).isEqualTo("parity[\"x.y \\\"z\\\"\"]");
  }

  @Test
  void problems_are_bounded() {
    for (int i = 0; i < 500; i++) {
      problems.add("f" + i, "bad");
    }
    assertThat(problems.total()).isEqualTo(500);
    assertThat(problems.list()).hasSize(Problems.MAX + 1).last().isEqualTo(new ReadProblem("…", "and more; the report keeps the first 50."));
  }
}
