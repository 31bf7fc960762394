package dev.cutover.verify;

import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanDefaults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code UserArguments} of a Batch Operations job that verifies objects with {@link
 * VerifyBatchTaskHandler}: the job's manifest names blue's objects, these say where green is and
 * what to compare. Batch Operations allows ten string entries; {@link #fromPlan} builds them.
 *
 * <table>
 *   <caption>user arguments</caption>
 *   <tr><th>name</th><th>required</th><th>meaning</th></tr>
 *   <tr><td>migrationId</td><td>yes</td><td>role session name for both sides</td></tr>
 *   <tr><td>sourceRegion</td><td>yes</td><td>blue bucket's region</td></tr>
 *   <tr><td>sourceRoleArn</td><td>no</td><td>role to read blue as</td></tr>
 *   <tr><td>sourceAccountId</td><td>no</td><td>blue bucket's expected owner</td></tr>
 *   <tr><td>targetBucket</td><td>yes</td><td>green bucket; keys are the same as on blue</td></tr>
 *   <tr><td>targetRegion</td><td>yes</td><td>green bucket's region</td></tr>
 *   <tr><td>targetRoleArn</td><td>no</td><td>role to read green as</td></tr>
 *   <tr><td>targetAccountId</td><td>no</td><td>green bucket's expected owner</td></tr>
 *   <tr><td>metadataFields</td><td>no</td><td>comma-separated plan metadata fields; all by default</td></tr>
 * </table>
 */
record BatchArguments(
    String migrationId,
    String sourceRegion,
    String sourceRoleArn,
    String sourceAccountId,
    String targetBucket,
    String targetRegion,
    String targetRoleArn,
    String targetAccountId,
    Set<String> metadataFields) {

  private static final List<String> REQUIRED = List.of("migrationId", "sourceRegion", "targetBucket", "targetRegion");
  private static final List<String> KNOWN =
      List.of(
          "migrationId", "sourceRegion", "sourceRoleArn", "sourceAccountId", "targetBucket",
          "targetRegion", "targetRoleArn", "targetAccountId", "metadataFields");

  /** The user arguments for verifying {@code plan}'s objects as a Batch Operations job. */
  static Map<String, String> fromPlan(Plan plan) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("migrationId", plan.migrationId());
    args.put("sourceRegion", plan.source().region());
    args.put("sourceRoleArn", plan.source().roleArn());
    args.put("sourceAccountId", plan.source().accountId());
    args.put("targetBucket", plan.target().bucket());
    args.put("targetRegion", plan.target().region());
    args.put("targetRoleArn", plan.target().roleArn());
    args.put("targetAccountId", plan.target().accountId());
    args.put("metadataFields", String.join(",", plan.validation().metadataFields()));
    return args;
  }

  /**
   * The arguments, or the list of problems with them (each naming the argument).
   *
   * @throws IllegalArgumentException listing every problem
   */
  static BatchArguments parse(Map<String, String> args) {
    Map<String, String> given = args == null ? Map.of() : args;
    List<String> problems = new ArrayList<>();
    for (String name : given.keySet()) {
      if (!KNOWN.contains(name)) {
        problems.add("userArguments." + name + " is not an argument this function reads (" + String.join(", ", KNOWN) + ")");
      }
    }
    for (String name : REQUIRED) {
      if (blank(given.get(name))) {
        problems.add("userArguments." + name + " is required");
      }
    }
    Set<String> fields = new LinkedHashSet<>(PlanDefaults.METADATA_FIELDS);
    String listed = given.get("metadataFields");
    if (!blank(listed)) {
      fields.clear();
      for (String field : Arrays.stream(listed.split(",")).map(String::strip).filter(f -> !f.isEmpty()).toList()) {
        if (!PlanDefaults.METADATA_FIELDS.contains(field)) {
          problems.add("userArguments.metadataFields has \"" + field + "\", not one of " + String.join(", ", PlanDefaults.METADATA_FIELDS));
        }
        fields.add(field);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new BatchArguments(
        given.get("migrationId"),
        given.get("sourceRegion"),
        optional(given.get("sourceRoleArn")),
        optional(given.get("sourceAccountId")),
        given.get("targetBucket"),
        given.get("targetRegion"),
        optional(given.get("targetRoleArn")),
        optional(given.get("targetAccountId")),
        Set.copyOf(fields));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String optional(String value) {
    return blank(value) ? null : value;
  }
}
