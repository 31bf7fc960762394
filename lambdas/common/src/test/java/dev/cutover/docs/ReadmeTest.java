package dev.cutover.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.ErrorContract;
import dev.cutover.errors.Handling;
import dev.cutover.json.Json;
import dev.cutover.plan.ApprovalSettings;
import dev.cutover.plan.BakeSettings;
import dev.cutover.plan.BatchSettings;
import dev.cutover.plan.Plan;
import dev.cutover.plan.ReplicationSettings;
import dev.cutover.plan.Required;
import dev.cutover.plan.ValidationSettings;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's tables are documentation people act on: they must say what the code does. */
class ReadmeTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.+?) \\|", Pattern.MULTILINE);

  private static Map<String, String> tableRows() throws IOException {
    // Surefire runs in the module directory, lambdas/common.
    String readme = Files.readString(Path.of("../../README.md"));
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher m = ROW.matcher(readme);
    while (m.find()) {
      rows.put(m.group(1), m.group(2).trim());
    }
    return rows;
  }

  @Test
  void plan_table_lists_every_field_with_its_real_default() throws IOException {
    Map<String, String> rows = tableRows();
    ObjectNode defaults = Json.mapper().createObjectNode();
    defaults.set("validation", Json.mapper().valueToTree(ValidationSettings.defaults()));
    defaults.set("approval", Json.mapper().valueToTree(ApprovalSettings.defaults()));
    defaults.set("bake", Json.mapper().valueToTree(BakeSettings.defaults()));
    defaults.set("batch", Json.mapper().valueToTree(new BatchSettings("required-anyway", null, null)));
    defaults.set("replication", Json.mapper().valueToTree(ReplicationSettings.defaults()));

    Map<String, String> expected = new LinkedHashMap<>();
    collect(Plan.class, "", defaults, expected);

    assertThat(expected).hasSizeGreaterThan(30);
    expected.forEach((field, cell) -> assertThat(rows.get(field)).as("README row for %s", field).isEqualTo(cell));
  }

  private static void collect(Class<?> type, String path, JsonNode defaults, Map<String, String> out) {
    for (RecordComponent c : type.getRecordComponents()) {
      String field = path.isEmpty() ? c.getName() : path + "." + c.getName();
      JsonNode value = defaults == null ? null : defaults.get(c.getName());
      if (c.getType().isRecord()) {
        collect(c.getType(), field, value, out);
      } else if (c.isAnnotationPresent(Required.class)) {
        out.put(field, "required");
      } else if (value == null || value.isNull()) {
        out.put(field, "none");
      } else {
        out.put(field, "`" + value + "`");
      }
    }
  }

  @Test
  void error_table_lists_every_error_with_its_handling() throws IOException {
    Map<String, String> rows = tableRows();

    for (var errorClass : ErrorContract.errorClasses()) {
      String handling = ErrorContract.handlingOf(errorClass) == Handling.RETRIED ? "retried" : "caught";
      assertThat(rows.get(errorClass.getName())).as("README row for %s", errorClass.getName()).isEqualTo(handling);
    }
    assertThat(rows.keySet().stream().filter(k -> k.startsWith("dev.cutover.errors.")))
        .containsExactlyInAnyOrderElementsOf(ErrorContract.errorNames());
  }
}
