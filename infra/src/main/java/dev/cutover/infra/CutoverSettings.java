package dev.cutover.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the CDK app needs to know about one migration, read from CDK context ({@code cdk.json}'s
 * {@code context}, or {@code -c cutover:key=value} on the command line). Every key starts with
 * {@value #PREFIX}; {@code infra/README.md} lists them. Every problem is reported at once, each
 * naming its key and what to put there, before anything is synthesized.
 *
 * <p>The main stack is deployed in the target (green) account, the one that keeps the new bucket
 * and runs the workflow; {@link #sourceAccount} is blue's account, where {@link SourceAccountStack}
 * goes. Role policies name the buckets, distributions and hosted zone given here, so a step can
 * touch nothing else.
 *
 * @param name prefix of physical names (state machine, roles, workgroup, Glue database)
 * @param account the target account: where the main stack is deployed
 * @param region the region of both stacks
 * @param sourceAccount blue's account
 * @param sourceBucket blue's bucket
 * @param sourceDistributionId blue's distribution
 * @param targetBucket green's bucket (in {@code account})
 * @param targetDistributionId green's distribution (in {@code account})
 * @param targetKmsKeyArn the KMS key green's bucket encrypts with, if SSE-KMS (replication encrypts with it)
 * @param hostedZoneId the Route 53 zone of the hostname
 * @param dnsRoleArn a role to assume for the zone when it is in a third account, if any
 * @param reportBucketName the report bucket the stack creates (the plans' {@code batch.reportBucket})
 * @param logsLocation {@code s3://bucket/prefix/} where blue's CloudFront standard logs (v2) land
 * @param logsProjectionYears {@code first,last} years the log table's partition projection covers
 * @param athenaBytesScannedCutoff the workgroup's per-query data limit, in bytes
 * @param validateOnlySchedule EventBridge Scheduler expression for nightly VALIDATE_ONLY runs, if any
 * @param validateOnlyScheduleTimezone the schedule's time zone
 * @param validateOnlyInput path (from the repository root) of the VALIDATE_ONLY plan the schedule starts
 */
public record CutoverSettings(
    String name,
    String account,
    String region,
    String sourceAccount,
    String sourceBucket,
    String sourceDistributionId,
    String targetBucket,
    String targetDistributionId,
    Optional<String> targetKmsKeyArn,
    String hostedZoneId,
    Optional<String> dnsRoleArn,
    String reportBucketName,
    String logsLocation,
    String logsProjectionYears,
    long athenaBytesScannedCutoff,
    Optional<String> validateOnlySchedule,
    String validateOnlyScheduleTimezone,
    String validateOnlyInput) {

  /** Every context key of the app starts with this. */
  public static final String PREFIX = "cutover:";

  /** The keys, in the order infra/README.md lists them. */
  public static final List<String> KEYS =
      List.of(
          "name",
          "account",
          "region",
          "sourceAccount",
          "sourceBucket",
          "sourceDistributionId",
          "targetBucket",
          "targetDistributionId",
          "targetKmsKeyArn",
          "hostedZoneId",
          "dnsRoleArn",
          "reportBucketName",
          "logsLocation",
          "logsProjectionYears",
          "athenaBytesScannedCutoff",
          "validateOnlySchedule",
          "validateOnlyScheduleTimezone",
          "validateOnlyInput");

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,19}");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern DISTRIBUTION = Pattern.compile("E[A-Z0-9]{5,40}");
  private static final Pattern ZONE = Pattern.compile("Z[A-Z0-9]{1,31}");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,64}");
  private static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[a-f0-9-]{36}");
  private static final Pattern LOCATION = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/([A-Za-z0-9!_.*()/-]*/)?");
  private static final Pattern YEARS = Pattern.compile("\\d{4},\\d{4}");
  private static final Pattern SCHEDULE = Pattern.compile("(cron|rate)\\(.+\\)");
  private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");

  /**
   * The settings in {@code context} (a key without the prefix gives its value or {@code null}).
   *
   * @throws IllegalArgumentException listing every missing or malformed key
   */
  public static CutoverSettings from(Function<String, Object> context) {
    Reader r = new Reader(context);
    CutoverSettings settings =
        new CutoverSettings(
            r.optional("name", NAME, "2-20 lower-case letters, digits or -, starting with a letter").orElse("cutover"),
            r.required("account", ACCOUNT, "the 12-digit target account the main stack is deployed in"),
            r.optional("region", REGION, "a region name such as us-east-1").orElse("us-east-1"),
            r.required("sourceAccount", ACCOUNT, "blue's 12-digit account"),
            r.required("sourceBucket", BUCKET, "blue's bucket name"),
            r.required("sourceDistributionId", DISTRIBUTION, "blue's distribution id (E...)"),
            r.required("targetBucket", BUCKET, "green's bucket name"),
            r.required("targetDistributionId", DISTRIBUTION, "green's distribution id (E...)"),
            r.optional("targetKmsKeyArn", KMS_KEY_ARN, "the ARN of green's bucket key, or leave it out for SSE-S3"),
            r.required("hostedZoneId", ZONE, "the Route 53 hosted zone id (Z...)"),
            r.optional("dnsRoleArn", ROLE_ARN, "a role ARN in the zone's account, or leave it out"),
            r.required("reportBucketName", BUCKET, "a new bucket name for reports; plans name it in batch.reportBucket"),
            r.required("logsLocation", LOCATION, "s3://bucket/prefix/ of blue's CloudFront standard logs (v2), ending with /"),
            r.optional("logsProjectionYears", YEARS, "first,last year, e.g. 2026,2046").orElse("2026,2046"),
            Long.parseLong(
                r.optional("athenaBytesScannedCutoff", DIGITS, "a number of bytes, at least 10000000 (Athena's minimum)")
                    .orElse("10737418240")),
            r.optional("validateOnlySchedule", SCHEDULE, "an EventBridge Scheduler expression such as cron(0 2 * * ? *)"),
            r.optional("validateOnlyScheduleTimezone", Pattern.compile("[A-Za-z_]+(/[A-Za-z_+-]+)*"), "an IANA time zone such as Europe/Paris")
                .orElse("UTC"),
            r.optional("validateOnlyInput", Pattern.compile("[^\\s]+\\.json"), "a JSON file path from the repository root")
                .orElse("events/validate-only.json"));
    if (settings.athenaBytesScannedCutoff() < 10_000_000L) {
      r.problems.add(PREFIX + "athenaBytesScannedCutoff is " + settings.athenaBytesScannedCutoff() + ": Athena's minimum is 10000000 bytes");
    }
    if (settings.sourceAccount().equals(settings.account()) && !settings.account().isEmpty()) {
      r.problems.add(PREFIX + "sourceAccount equals " + PREFIX + "account: cutover moves a bucket between two accounts");
    }
    if (!r.problems.isEmpty()) {
      throw new IllegalArgumentException(
          "CDK context for cutover has " + r.problems.size() + " problem(s) (set them in cdk.json's \"context\" or with -c KEY=VALUE; see infra/README.md):\n  - "
              + String.join("\n  - ", r.problems));
    }
    return settings;
  }

  /** The role the steps assume in blue's account (the plans' {@code source.roleArn}); {@link SourceAccountStack} creates it. */
  public String sourceRoleArn() {
    return "arn:aws:iam::" + sourceAccount + ":role/" + sourceRoleName();
  }

  /** The name of the role the steps assume in blue's account. */
  public String sourceRoleName() {
    return name + "-source";
  }

  /** The name of the role the steps assume in green's account (the plans' {@code target.roleArn}). */
  public String targetRoleName() {
    return name + "-target";
  }

  /** Blue's replication role (S3 assumes it to replicate blue → green). */
  public String replicationRoleName() {
    return name + "-replication";
  }

  /** Blue's Batch Operations role (Batch Replication and compute-checksum jobs on blue). */
  public String sourceBatchRoleName() {
    return name + "-source-batch";
  }

  /** Green's Batch Operations role (verify and compute-checksum jobs on green). */
  public String targetBatchRoleName() {
    return name + "-target-batch";
  }

  /** The ARN of a role in blue's account. */
  public String sourceRoleArn(String roleName) {
    return "arn:aws:iam::" + sourceAccount + ":role/" + roleName;
  }

  /** The prefix of every step function's execution role name, so blue's roles can trust them by name. */
  public String stepRolePrefix() {
    return name + "-step-";
  }

  /** The Glue database and Athena workgroup name ({@code name} with {@code _} for {@code -}). */
  public String glueDatabase() {
    return name.replace('-', '_');
  }

  private static final class Reader {
    private final Function<String, Object> context;
    private final List<String> problems = new ArrayList<>();

    Reader(Function<String, Object> context) {
      this.context = context;
    }

    String required(String key, Pattern pattern, String expected) {
      Optional<String> value = optional(key, pattern, expected);
      if (value.isEmpty() && raw(key) == null) {
        problems.add(PREFIX + key + " is missing: give " + expected);
      }
      return value.orElse("");
    }

    Optional<String> optional(String key, Pattern pattern, String expected) {
      Object raw = raw(key);
      if (raw == null) {
        return Optional.empty();
      }
      String value = raw.toString().strip();
      if (!pattern.matcher(value).matches()) {
        problems.add(PREFIX + key + " is \"" + value + "\": give " + expected);
        return Optional.empty();
      }
      return Optional.of(value);
    }

    private Object raw(String key) {
      Object value = context.apply(PREFIX + key);
      return value == null || value.toString().isBlank() ? null : value;
    }
  }
}
