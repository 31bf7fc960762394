package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.InvalidPlanException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad execution inputs, each one edit (or a few) away from events/migrate.json, and the problem
 * each must produce: the field path and what the message tells the person to do.
 */
class PlanValidationTest {

  record Case(String behaviour, List<String[]> edits, String field, String messageFragment) {
    @Override
    public String toString() {
      return behaviour;
    }
  }

  private static Case bad(String behaviour, String path, String value, String field, String fragment) {
    return new Case(behaviour, List.<String[]>of(new String[] {path, value}), field, fragment);
  }

  private static Case bad(String behaviour, List<String[]> edits, String field, String fragment) {
    return new Case(behaviour, edits, field, fragment);
  }

  private static String[] edit(String path, String value) {
    return new String[] {path, value};
  }

  static Stream<Case> badInputs() {
    return Stream.of(
        // shape
        bad("missing migration id is required", "migrationId", null, "migrationId", "is required but missing"),
        bad("unknown top-level field is refused", "dryRun", "true", "dryRun", "is not a field cutover knows"),
        bad("misspelt nested field suggests the right name", "source.bukcet", "\"x\"", "source.bukcet", "did you mean 'bucket'?"),
        bad("misspelt field leaves the real one missing", List.of(edit("source.bucket", null), edit("source.bukcet", "\"legacy-web-assets\"")), "source.bucket", "is required but missing"),
        bad("unknown mode lists the modes", "mode", "\"MIGRATION\"", "mode", "must be one of MIGRATE, VALIDATE_ONLY, ROLLBACK"),
        bad("number where a string belongs", "source.accountId", "111122223333", "source.accountId", "must be a JSON string, not the number 111122223333"),
        bad("string where a number belongs", "validation.probeSampleSize", "\"50\"", "validation.probeSampleSize", "must be a whole number"),
        bad("fraction where a whole number belongs", "bake.durationSeconds", "1800.5", "bake.durationSeconds", "must be a whole number"),
        bad("string where a boolean belongs", "approval.approverMustDifferFromStarter", "\"yes\"", "approval.approverMustDifferFromStarter", "must be true or false"),
        bad("object where an array belongs", "approval.approvers", "{}", "approval.approvers", "must be a JSON array"),
        bad("non-string list entry", "validation.metadataFields[1]", "7", "validation.metadataFields[1]", "must be a JSON string"),
        bad("section given as a string", "dns", "\"assets.example.com\"", "dns", "must be a JSON object"),
        bad("missing report bucket", "batch.reportBucket", null, "batch.reportBucket", "is required but missing"),
        // ids and names
        bad("migration id with a slash", "migrationId", "\"assets/2026\"", "migrationId", "letters, digits, '-' or '_'"),
        bad("migration id too long", "migrationId", "\"" + "m".repeat(49) + "\"", "migrationId", "3 to 48"),
        bad("account id with eleven digits", "source.accountId", "\"11112222333\"", "source.accountId", "exactly 12 digits"),
        bad("account id with letters", "target.accountId", "\"4444555566AB\"", "target.accountId", "exactly 12 digits"),
        bad("region given as its display name", "target.region", "\"Europe (Ireland)\"", "target.region", "not an AWS region code"),
        bad("region that does not exist", "source.region", "\"us-esat-1\"", "source.region", "not a region this build of cutover knows"),
        bad("bucket name too short", "target.bucket", "\"ab\"", "target.bucket", "3 to 63 characters"),
        bad("bucket name too long", "target.bucket", "\"" + "a".repeat(64) + "\"", "target.bucket", "3 to 63 characters"),
        bad("uppercase target bucket", "target.bucket", "\"Platform-Assets\"", "target.bucket", "legacy rules (uppercase, underscores) do not apply"),
        bad("bucket in IP address form", "target.bucket", "\"192.168.5.4\"", "target.bucket", "formatted as an IP address"),
        bad("bucket with xn-- prefix", "target.bucket", "\"xn--assets\"", "target.bucket", "starts with \"xn--\""),
        bad("bucket with sthree- prefix", "target.bucket", "\"sthree-assets\"", "target.bucket", "starts with \"sthree-\""),
        bad("access point alias given as bucket", "target.bucket", "\"assets-ap-hrzrlukc5m36ft7okagglf3gmwluquse1b-s3alias\"", "target.bucket", "ends with \"-s3alias\", a suffix S3 reserves for access point aliases"),
        bad("object lambda alias given as bucket", "target.bucket", "\"assets-olap-abcdefghij--ol-s3\"", "target.bucket", "ends with \"--ol-s3\""),
        bad("directory bucket", "target.bucket", "\"assets--usw2-az1--x-s3\"", "target.bucket", "directory buckets"),
        bad("bucket with adjacent periods", "target.bucket", "\"web..assets\"", "target.bucket", "two adjacent periods"),
        bad("bucket ending in a hyphen", "target.bucket", "\"web-assets-\"", "target.bucket", "begin and end with a letter or digit"),
        bad("legacy source bucket outside us-east-1", List.of(edit("source.bucket", "\"Legacy_Assets\""), edit("source.region", "\"eu-west-1\""), edit("source.roleArn", "\"arn:aws:iam::111122223333:role/cutover-source\"")), "source.bucket", "only legacy buckets created in us-east-1"),
        bad("account regional bucket of another account", "target.bucket", "\"assets-111122223333-us-east-1-an\"", "target.bucket", "account regional namespace name for account 111122223333"),
        bad("same bucket on both sides", "target.bucket", "\"legacy-web-assets\"", "target.bucket", "same bucket as source.bucket"),
        bad("same distribution on both sides", "target.distributionId", "\"E2QWRUHAPOMQZL\"", "target.distributionId", "same distribution as source.distributionId"),
        bad("distribution domain instead of id", "source.distributionId", "\"d111111abcdef8.cloudfront.net\"", "source.distributionId", "not the d111111abcdef8.cloudfront.net domain name"),
        bad("replication across partitions", List.of(edit("target.region", "\"cn-north-1\""), edit("target.roleArn", "\"arn:aws-cn:iam::444455556666:role/cutover-target\""), edit("target.kmsKeyArn", null)), "target.region", "replication cannot cross partitions"),
        // prefixes
        bad("prefix with a leading slash", "source.prefix", "\"/static/\"", "source.prefix", "Write it as \"static/\""),
        bad("prefix with dot-dot", "source.prefix", "\"static/../private/\"", "source.prefix", "contains \"..\""),
        bad("empty prefix", "source.prefix", "\"\"", "source.prefix", "leave the field out"),
        bad("target prefix that replication cannot produce", "target.prefix", "\"assets/\"", "target.prefix", "S3 replication keeps every key unchanged"),
        // ARNs
        bad("role that is not an ARN", "source.roleArn", "\"cutover-source\"", "source.roleArn", "is not an ARN"),
        bad("user ARN instead of a role", "source.roleArn", "\"arn:aws:iam::111122223333:user/alice\"", "source.roleArn", "is not an IAM role ARN"),
        bad("role in the other account", "target.roleArn", "\"arn:aws:iam::111122223333:role/cutover-target\"", "target.roleArn", "role is in account 111122223333 but target.accountId is 444455556666"),
        bad("role ARN in the wrong partition", "target.roleArn", "\"arn:aws-us-gov:iam::444455556666:role/cutover-target\"", "target.roleArn", "partition \"aws-us-gov\""),
        bad("role ARN with a region", "target.roleArn", "\"arn:aws:iam:us-east-1:444455556666:role/cutover-target\"", "target.roleArn", "IAM ARNs have an empty region field"),
        bad("KMS key in another region", "target.kmsKeyArn", "\"arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab\"", "target.kmsKeyArn", "key is in region \"eu-west-1\" but target.region is us-east-1"),
        bad("KMS alias instead of key", "target.kmsKeyArn", "\"arn:aws:kms:us-east-1:444455556666:alias/assets\"", "target.kmsKeyArn", "is an alias"),
        bad("blue under a KMS key, green without one", List.of(edit("source.kmsKeyArn", "\"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\""), edit("target.kmsKeyArn", null)), "target.kmsKeyArn", "is missing while source.kmsKeyArn is set"),
        bad("S3 ARN where a KMS key belongs", "target.kmsKeyArn", "\"arn:aws:s3:::platform-web-assets\"", "target.kmsKeyArn", "not a KMS key ARN"),
        // DNS
        bad("apex hostname for MIGRATE", "dns.hostname", "\"example.com\"", "dns.hostname", "cannot be moved to a distribution in another account without AWS Support"),
        bad("hostname outside the zone", "dns.hostname", "\"assets.example.org\"", "dns.hostname", "not inside the zone \"example.com\""),
        bad("hostname given as a URL", "dns.hostname", "\"https://assets.example.com/\"", "dns.hostname", "is a URL or path"),
        bad("hostname with trailing dot", "dns.hostname", "\"assets.example.com.\"", "dns.hostname", "without the trailing dot"),
        bad("wildcard hostname", "dns.hostname", "\"*.example.com\"", "dns.hostname", "is a wildcard"),
        bad("hostname with uppercase", "dns.hostname", "\"Assets.Example.com\"", "dns.hostname", "Write \"assets.example.com\""),
        bad("hostname with an underscore", "dns.hostname", "\"my_assets.example.com\"", "dns.hostname", "not a valid DNS name"),
        bad("hostname label over 63 characters", "dns.hostname", "\"" + "a".repeat(64) + ".example.com\"", "dns.hostname", "not a valid DNS name"),
        bad("hosted zone id with its path", "dns.hostedZoneId", "\"/hostedzone/Z0123456789ABCDEFGHIJ\"", "dns.hostedZoneId", "give only the id: \"Z0123456789ABCDEFGHIJ\""),
        bad("hosted zone id in lowercase", "dns.hostedZoneId", "\"z0123456789abc\"", "dns.hostedZoneId", "not a Route 53 hosted zone id"),
        // settings
        bad("negative mismatch tolerance", "validation.mismatchTolerance", "-1", "validation.mismatchTolerance", "between 0 and 1000000"),
        bad("log scan window of zero days", "validation.logScanWindowDays", "0", "validation.logScanWindowDays", "between 1 and 90"),
        bad("log scan top-N too large", "validation.logScanTopN", "1000000", "validation.logScanTopN", "between 1 and 100000"),
        bad("probe sample of zero", "validation.probeSampleSize", "0", "validation.probeSampleSize", "between 1 and 1000"),
        bad("metadata field the verify step does not know", "validation.metadataFields[0]", "\"content-type\"", "validation.metadataFields[0]", "did you mean \"Content-Type\"?"),
        bad("parity allow entry naming a part of the config that does not exist", "validation.parityAllow", "[\"CacheBehaviours[/img/*].Compress\"]", "validation.parityAllow[0]", "did you mean \"CacheBehaviors\"?"),
        bad("parity allow entry naming aliases, which are never compared", "validation.parityAllow", "[\"Aliases\"]", "validation.parityAllow[0]", "never compares"),
        bad("parity allow glob that matches no part of the config", "validation.parityAllow", "[\"Cache*Policy\"]", "validation.parityAllow[0]", "can never match"),
        bad("parity allow entry with an unclosed bracket", "validation.parityAllow", "[\"CustomErrorResponses[404.ResponseCode\"]", "validation.parityAllow[0]", "unbalanced '[' or ']'"),
        bad("parity allow entry that is blank", "validation.parityAllow", "[\" \"]", "validation.parityAllow[0]", "is empty"),
        bad("parity allow entry listed twice", "validation.parityAllow", "[\"PriceClass\", \"PriceClass\"]", "validation.parityAllow[1]", "listed twice"),
        bad("metadata field listed twice", "validation.metadataFields[1]", "\"Content-Type\"", "validation.metadataFields[1]", "listed twice"),
        bad("approval timeout beyond a week", "approval.timeoutSeconds", "1209600", "approval.timeoutSeconds", "between 60 and 604800"),
        bad("no approvers for MIGRATE", "approval.approvers", "[]", "approval.approvers", "name at least one IAM principal ARN"),
        bad("approver that is an email address", "approval.approvers[0]", "\"alice@example.com\"", "approval.approvers[0]", "is not an IAM principal ARN"),
        bad("approver listed twice", "approval.approvers[1]", "\"arn:aws:iam::444455556666:role/release-manager\"", "approval.approvers[1]", "listed twice"),
        bad("5xx threshold above 100 percent", "bake.max5xxErrorRatePercent", "150", "bake.max5xxErrorRatePercent", "at most 100"),
        bad("4xx threshold of zero", "bake.max4xxErrorRatePercent", "0", "bake.max4xxErrorRatePercent", "above 0"),
        bad("poll interval longer than the bake", List.of(edit("bake.durationSeconds", "60"), edit("bake.pollIntervalSeconds", "300")), "bake.pollIntervalSeconds", "longer than bake.durationSeconds (60)"),
        bad("report bucket is the source bucket", "batch.reportBucket", "\"legacy-web-assets\"", "batch.reportBucket", "never writes into blue"),
        bad("report bucket is the target bucket", "batch.reportBucket", "\"platform-web-assets\"", "batch.reportBucket", "verification would count them as extra"),
        bad("negative batch priority", "batch.priority", "-5", "batch.priority", "between 0 and 2147483647"),
        bad("report prefix with a leading slash", "batch.reportPrefix", "\"/cutover/\"", "batch.reportPrefix", "must not start with '/'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void bad_input_is_refused_naming_the_field_and_the_fix(Case c) {
    ObjectNode root = PlanFixtures.migrateTree();
    c.edits().forEach(e -> PlanFixtures.set(root, e[0], e[1]));

    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> Plans.parse(root.toString()));

    assertThat(e).as("input should be refused").isNotNull();
    assertThat(e.problems())
        .as("problems for: %s", c.behaviour())
        .anySatisfy(p -> {
          assertThat(p.field()).isEqualTo(c.field());
          assertThat(p.message()).contains(c.messageFragment());
        });
    assertThat(e.getMessage()).contains(c.field() + ": ");
  }

  @Test
  void every_bad_input_case_is_distinct_and_there_are_at_least_thirty() {
    List<Case> cases = badInputs().toList();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
    assertThat(cases.stream().map(Case::behaviour)).doesNotHaveDuplicates();
  }

  @Test
  void malformed_json_names_line_and_column() {
    String broken = PlanFixtures.event("migrate.json").replace("\"region\": \"us-east-1\",", "\"region\": \"us-east-1\"");

    assertThatThrownBy(() -> Plans.parse(broken))
        .isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("source: the input is not valid JSON at line 7, column 5")
        .hasMessageContaining("was expecting comma");
  }

  @Test
  void duplicate_key_is_refused_with_its_path() {
    String duplicated = PlanFixtures.event("migrate.json").replace("\"bucket\": \"legacy-web-assets\",", "\"bucket\": \"legacy-web-assets\", \"bucket\": \"other\",");

    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> Plans.parse(duplicated));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("source");
      assertThat(p.message()).contains("Duplicate field 'bucket'");
    });
  }

  @Test
  void empty_and_non_object_inputs_are_refused() {
    assertThatThrownBy(() -> Plans.parse("")).isInstanceOf(InvalidPlanException.class).hasMessageContaining("$: the input is empty");
    assertThatThrownBy(() -> Plans.parse("[]")).isInstanceOf(InvalidPlanException.class).hasMessageContaining("$: must be a JSON object, not an array");
  }

  @Test
  void input_over_the_size_limit_is_refused_before_it_travels_through_the_workflow() {
    ObjectNode root = PlanFixtures.migrateTree();
    root.put("migrationId", "x".repeat(PlanValidator.MAX_INPUT_BYTES));

    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> Plans.parse(root.toString()));

    assertThat(e.problems()).anySatisfy(p -> {
      assertThat(p.field()).isEqualTo("$");
      assertThat(p.message()).contains("keep it under 32768 bytes");
    });
  }

  @Test
  void every_problem_is_reported_at_once_not_only_the_first() {
    ObjectNode root = PlanFixtures.migrateTree();
    PlanFixtures.set(root, "source.accountId", "\"123\"");
    PlanFixtures.set(root, "target.bucket", "\"UPPER\"");
    PlanFixtures.set(root, "dns.hostedZoneId", "\"nope\"");
    PlanFixtures.set(root, "bake.max5xxErrorRatePercent", "-1");

    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> Plans.parse(root.toString()));

    assertThat(e.problems()).extracting(PlanProblem::field)
        .contains("source.accountId", "target.bucket", "dns.hostedZoneId", "bake.max5xxErrorRatePercent");
    assertThat(e.getMessage()).startsWith("The execution input has " + e.problems().size() + " problems; nothing was changed:");
  }

  @Test
  void misspelt_field_is_reported_together_with_the_rule_problems() {
    ObjectNode root = PlanFixtures.migrateTree();
    PlanFixtures.set(root, "approval.timeoutSecond", "3600");
    PlanFixtures.set(root, "source.accountId", "\"123\"");

    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> Plans.parse(root.toString()));

    assertThat(e.problems()).extracting(PlanProblem::field)
        .containsExactlyInAnyOrder("approval.timeoutSecond", "source.accountId");
  }

  @Test
  void shape_problems_are_all_reported_together_too() {
    ObjectNode root = PlanFixtures.migrateTree();
    root.remove("dns");
    PlanFixtures.set(root, "source.regoin", "\"us-east-1\"");
    PlanFixtures.set(root, "bake.durationSeconds", "\"30m\"");

    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> Plans.parse(root.toString()));

    assertThat(e.problems()).extracting(PlanProblem::field)
        .containsExactlyInAnyOrder("dns", "source.regoin", "bake.durationSeconds");
  }
}
