package dev.cutover.queries.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.queries.port.Query;
import dev.cutover.queries.port.SqlValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTemplateTest {

  private final QueryTemplate diff = QueryTemplate.load(QueryTemplate.INVENTORY_DIFF);

  @Test
  void the_header_names_one_parameter_per_placeholder_in_order() {
    assertThat(diff.parameterNames())
        .containsExactly("prefix", "keys_url_encoded", "storage_class_counts", "examples_per_category", "blue_dt", "green_dt");
    assertThat(diff.tableNames()).containsExactlyInAnyOrder("blue_inventory", "green_inventory");
  }

  @Test
  void placeholders_in_comments_strings_and_quoted_names_are_not_parameters() {
    String code = Sql.withoutCommentsAndLiterals("SELECT '?', \"a?\" -- ?\n, ? /* ? */ FROM t WHERE x = 'it''s ?' AND y = ?");
    assertThat(code.chars().filter(c -> c == '?').count()).isEqualTo(2);
  }

  @Test
  void parameters_are_bound_by_name_into_placeholder_order() {
    Query query =
        diff.query(
            Map.of("blue_inventory", TableName.of("blue_inv"), "green_inventory", TableName.of("green_inv")),
            Map.of(
                "green_dt", SqlValue.text("g"),
                "blue_dt", SqlValue.text("b"),
                "prefix", SqlValue.text("static/"),
                "keys_url_encoded", SqlValue.bool(false),
                "storage_class_counts", SqlValue.bool(true),
                "examples_per_category", SqlValue.integer(20)),
            "0123456789abcdef0123456789abcdef");

    assertThat(query.parameters())
        .containsExactly(
            SqlValue.text("static/"), SqlValue.bool(false), SqlValue.bool(true), SqlValue.integer(20), SqlValue.text("b"), SqlValue.text("g"));
    assertThat(query.sql()).contains("FROM \"blue_inv\" AS i").contains("FROM \"green_inv\" AS i").doesNotContain("{{blue_inventory}}");
    assertThat(query.name()).isEqualTo("inventory-diff");
  }

  @Test
  void a_missing_or_unknown_parameter_or_table_is_refused() {
    Map<String, TableName> tables = Map.of("blue_inventory", TableName.of("a"), "green_inventory", TableName.of("b"));
    assertThatThrownBy(() -> diff.bind(Map.of("prefix", SqlValue.text(""))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blue_dt");
    assertThatThrownBy(() -> diff.render(Map.of("blue_inventory", TableName.of("a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("green_inventory");
    assertThat(diff.render(tables)).startsWith("-- inventory-diff");
  }

  @Test
  void table_names_that_could_carry_sql_are_refused() {
    for (String bad : List.of("", "Blue", "blue-inventory", "blue\"; DROP TABLE x; --", "1blue", "blue inventory", "a".repeat(256))) {
      assertThat(TableName.problem(bad)).as(bad).isPresent();
      assertThatThrownBy(() -> TableName.of(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(TableName.of("blue_inventory_2026").quoted()).isEqualTo("\"blue_inventory_2026\"");
  }

  @Test
  void text_values_become_quoted_literals_with_quotes_doubled() {
    assertThat(SqlValue.text("it's").literal()).isEqualTo("'it''s'");
    assertThat(SqlValue.text("").literal()).isEqualTo("''");
    assertThat(SqlValue.integer(-3).literal()).isEqualTo("-3");
    assertThat(SqlValue.bool(true).literal()).isEqualTo("TRUE");
  }

  @Test
  void tokens_are_stable_within_athenas_length_limits_and_differ_per_query_and_attempt() {
    String token = QueryTokens.of("arn:aws:states:us-east-1:444455556666:execution:cutover:run-1", "VerifyInventory", "inventory-diff");
    assertThat(token).hasSize(64).isEqualTo(QueryTokens.of("arn:aws:states:us-east-1:444455556666:execution:cutover:run-1", "VerifyInventory", "inventory-diff"));
    assertThat(QueryTokens.of("arn:aws:states:us-east-1:444455556666:execution:cutover:run-1", "VerifyInventory", "inventory-latest-dt"))
        .isNotEqualTo(token);
    assertThat(QueryTokens.attempt(token, 1)).isEqualTo(token);
    assertThat(QueryTokens.attempt(token, 2)).hasSize(64).isNotEqualTo(token).isNotEqualTo(QueryTokens.attempt(token, 3));
    assertThatThrownBy(() -> new Query("q", "SELECT 1", List.of(), "short")).isInstanceOf(IllegalArgumentException.class);
  }
}
