package dev.cutover.preflight;

import static dev.cutover.testing.TestPlans.BLUE;
import static dev.cutover.testing.TestPlans.BLUE_ROLE;
import static dev.cutover.testing.TestPlans.GREEN;
import static dev.cutover.testing.TestPlans.GREEN_KEY;
import static dev.cutover.testing.TestPlans.GREEN_ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.plan.Plan;
import dev.cutover.preflight.port.DefaultEncryption;
import dev.cutover.preflight.port.LifecycleRule;
import dev.cutover.preflight.port.ObjectProbe.Access;
import dev.cutover.preflight.port.ObjectProbe;
import dev.cutover.preflight.port.Refusal;
import dev.cutover.preflight.port.Versioning;
import dev.cutover.testing.TestPlans;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each check's findings, from in-memory buckets bent one setting at a time. */
class PreflightStepTest {

  static final String BLUE_ACCOUNT = "111122223333";
  static final String BLUE_AWS_S3_KEY = "arn:aws:kms:us-east-1:111122223333:key/0000aaaa-1111-2222-3333-444455556666";
  static final String BLUE_CUSTOMER_KEY = "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-7777-6666-555544443333";

  MemoryFacts facts;
  MemoryBucket blue;
  MemoryBucket green;

  @BeforeEach
  void world() {
    facts = new MemoryFacts();
    blue = facts.add(BLUE, "us-east-1");
    green = facts.add(GREEN, "us-east-1");
    facts.awsManagedKeys.put(BLUE_ACCOUNT, BLUE_AWS_S3_KEY);
    for (int i = 0; i < 20; i++) {
      blue.put("static/app-" + i + ".js", 1000 + i);
    }
  }

  PreflightResult run() {
    return run(TestPlans.plan());
  }

  PreflightResult run(Plan plan) {
    return new PreflightStep(facts, PreflightSettings.DEFAULT).run(plan);
  }

  static List<Finding> found(PreflightResult result, String check, Severity severity) {
    return result.findings().stream().filter(f -> f.check().equals(check) && f.severity() == severity).toList();
  }

  static Finding only(PreflightResult result, String check, Severity severity) {
    List<Finding> found = found(result, check, severity);
    assertThat(found).as("%s %s findings in %s", check, severity, result.findings()).hasSize(1);
    return found.getFirst();
  }

  @Test
  void a_world_in_order_passes_and_says_what_was_checked() {
    PreflightResult result = run();

    assertThat(result.passed()).isTrue();
    assertThat(result.counts()).containsExactly(
        org.assertj.core.api.Assertions.entry("BLOCKER", 0), org.assertj.core.api.Assertions.entry("WARNING", 0),
        org.assertj.core.api.Assertions.entry("INFO", result.findings().size()));
    assertThat(result.findings()).allSatisfy(f -> assertThat(f.fix()).isEmpty());
    assertThat(result.findings())
        .extracting(Finding::check, Finding::side)
        .contains(
            tuple("reachability", BucketSide.SOURCE), tuple("reachability", BucketSide.TARGET),
            tuple("versioning", BucketSide.SOURCE), tuple("versioning", BucketSide.TARGET),
            tuple("ownership", BucketSide.SOURCE), tuple("ownership", BucketSide.TARGET),
            tuple("encryption", BucketSide.SOURCE), tuple("encryption", BucketSide.TARGET),
            tuple("archive", BucketSide.SOURCE), tuple("readability", BucketSide.SOURCE),
            tuple("lifecycle", BucketSide.SOURCE), tuple("lifecycle", BucketSide.TARGET),
            tuple("contents", BucketSide.TARGET));
    assertThat(result.migrationId()).isEqualTo("assets-to-platform-account");
    assertThat(result.estimate().objects()).isEqualTo(20);
  }

  @Test
  void versioning_suspended_or_never_enabled_blocks_on_either_side() {
    blue.versioning = Versioning.SUSPENDED;
    green.versioning = Versioning.NEVER_ENABLED;

    PreflightResult result = run();

    assertThat(result.passed()).isFalse();
    assertThat(found(result, "versioning", Severity.BLOCKER))
        .extracting(Finding::side, Finding::subject)
        .containsExactlyInAnyOrder(tuple(BucketSide.SOURCE, "s3://" + BLUE), tuple(BucketSide.TARGET, "s3://" + GREEN));
    Finding greenFinding = found(result, "versioning", Severity.BLOCKER).stream().filter(f -> f.side() == BucketSide.TARGET).findFirst().orElseThrow();
    assertThat(greenFinding.message()).contains("never was");
    assertThat(greenFinding.fix()).contains("put-bucket-versioning --bucket " + GREEN).contains("444455556666");
    assertThat(greenFinding.count()).isNull();
  }

  @Test
  void green_without_bucket_owner_enforced_warns_and_says_why_it_is_not_a_blocker() {
    green.ownership = Optional.of("ObjectWriter");
    blue.ownership = Optional.empty();

    PreflightResult result = run();

    assertThat(result.passed()).isTrue();
    List<Finding> warnings = found(result, "ownership", Severity.WARNING);
    assertThat(warnings).extracting(Finding::side).containsExactlyInAnyOrder(BucketSide.SOURCE, BucketSide.TARGET);
    Finding onGreen = warnings.stream().filter(f -> f.side() == BucketSide.TARGET).findFirst().orElseThrow();
    assertThat(onGreen.message()).contains("ObjectWriter").contains("owner of every replica").contains("s3:ObjectOwnerOverrideToBucketOwner");
    assertThat(onGreen.fix()).contains("BucketOwnerEnforced").contains("--bucket " + GREEN);
    Finding onBlue = warnings.stream().filter(f -> f.side() == BucketSide.SOURCE).findFirst().orElseThrow();
    assertThat(onBlue.message()).contains("not set (it behaves as ObjectWriter)");
  }

  @Test
  void sampled_objects_under_aws_s3_block_and_say_how_many_were_sampled() {
    ObjectProbe underAwsS3 = new ObjectProbe(Access.READABLE, "aws:kms", BLUE_AWS_S3_KEY, null);
    blue.put("static/a.css", 10, "STANDARD", underAwsS3);
    blue.put("static/b.css", 10, "STANDARD", new ObjectProbe(Access.READABLE, "aws:kms", null, null));

    PreflightResult result = run();

    Finding finding = found(result, "encryption", Severity.BLOCKER).stream().filter(f -> f.count() != null).findFirst().orElseThrow();
    assertThat(finding.count()).isEqualTo(2);
    assertThat(finding.examples()).containsExactly("static/a.css", "static/b.css");
    assertThat(finding.message()).contains("aws/s3").contains("sampled 22 of 22 objects under s3://" + BLUE + "/static/").contains("about 2 in all");
    assertThat(finding.fix()).contains("customer managed key").contains("source.kmsKeyArn");
    // Blue's aws/s3 key was looked up in blue's account (green's for target.kmsKeyArn).
    assertThat(facts.keysAsked).extracting(r -> r.expectedOwner()).containsExactlyInAnyOrder(BLUE_ACCOUNT, "444455556666");
  }

  @Test
  void blue_defaulting_to_aws_s3_blocks_even_before_any_object_is_written() {
    blue.objects.clear();
    blue.encryption = Optional.of(new DefaultEncryption("aws:kms", null, false));

    Finding finding = only(run(), "encryption", Severity.BLOCKER);

    assertThat(finding.side()).isEqualTo(BucketSide.SOURCE);
    assertThat(finding.subject()).isEqualTo("s3://" + BLUE);
    assertThat(finding.message()).contains("AWS managed key aws/s3").contains("no key named");
  }

  @Test
  void an_alias_to_aws_s3_is_known_without_asking_kms() {
    blue.encryption = Optional.of(new DefaultEncryption("aws:kms", "arn:aws:kms:us-east-1:111122223333:alias/aws/s3", true));

    PreflightResult result = run();

    assertThat(only(result, "encryption", Severity.BLOCKER).message()).contains("alias/aws/s3");
    assertThat(facts.keysAsked).extracting(r -> r.expectedOwner()).doesNotContain(BLUE_ACCOUNT);
  }

  @Test
  void customer_key_objects_without_a_replica_key_block_and_with_one_pass() {
    blue.put("static/k.css", 10, "STANDARD", new ObjectProbe(Access.READABLE, "aws:kms", BLUE_CUSTOMER_KEY, null));
    Plan withoutReplicaKey = TestPlans.plan(p -> p.withObject("/target").remove("kmsKeyArn"));

    Finding blocker = only(run(withoutReplicaKey), "encryption", Severity.BLOCKER);
    assertThat(blocker.message()).contains("no target.kmsKeyArn").contains("1 of the objects HEAD asked about");
    assertThat(blocker.examples()).containsExactly("static/k.css");
    assertThat(blocker.fix()).contains("account 444455556666");

    PreflightResult withReplicaKey = run();
    assertThat(found(withReplicaKey, "encryption", Severity.BLOCKER)).isEmpty();
    assertThat(found(withReplicaKey, "encryption", Severity.INFO))
        .anySatisfy(f -> assertThat(f.message()).contains(BLUE_CUSTOMER_KEY + " (1)"));
  }

  @Test
  void objects_under_keys_the_plan_does_not_name_warn() {
    blue.put("static/k.css", 10, "STANDARD", new ObjectProbe(Access.READABLE, "aws:kms", BLUE_CUSTOMER_KEY, null));
    Plan naming = TestPlans.plan(p -> p.withObject("/source").put("kmsKeyArn", "arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555"));

    Finding warning = only(run(naming), "encryption", Severity.WARNING);

    assertThat(warning.message()).contains(BLUE_CUSTOMER_KEY);
    assertThat(warning.fix()).contains("kms:Decrypt");
  }

  @Test
  void green_defaulting_to_aws_s3_warns_and_a_replica_key_that_is_aws_s3_blocks() {
    String greenAwsS3 = "arn:aws:kms:us-east-1:444455556666:key/5555bbbb-1111-2222-3333-444455556666";
    facts.awsManagedKeys.put("444455556666", greenAwsS3);
    green.encryption = Optional.of(new DefaultEncryption("aws:kms", greenAwsS3, false));
    Plan replicaKeyIsAwsS3 = TestPlans.plan(p -> p.withObject("/target").put("kmsKeyArn", greenAwsS3));

    PreflightResult result = run(replicaKeyIsAwsS3);

    assertThat(only(result, "encryption", Severity.WARNING).message()).contains("CloudFront could not serve it");
    Finding blocker = only(result, "encryption", Severity.BLOCKER);
    assertThat(blocker.side()).isEqualTo(BucketSide.TARGET);
    assertThat(blocker.message()).contains("target.kmsKeyArn").contains("aws/s3");
  }

  @Test
  void green_default_key_other_than_the_replica_key_warns() {
    green.encryption = Optional.of(new DefaultEncryption("aws:kms", "arn:aws:kms:us-east-1:444455556666:key/77777777-2222-3333-4444-555555555555", true));

    Finding warning = only(run(), "encryption", Severity.WARNING);

    assertThat(warning.side()).isEqualTo(BucketSide.TARGET);
    assertThat(warning.message()).contains(GREEN_KEY);
  }

  @Test
  void archived_objects_are_counted_exactly_from_the_listing_and_warn() {
    for (int i = 0; i < 7; i++) {
      blue.put("static/old/" + i + ".png", 100, i < 4 ? "GLACIER" : "DEEP_ARCHIVE", new ObjectProbe(Access.READABLE, "AES256", null, null));
    }
    blue.put("static/ir.png", 100, "GLACIER_IR", new ObjectProbe(Access.READABLE, "AES256", null, null));

    PreflightResult result = run();

    Finding finding = only(result, "archive", Severity.WARNING);
    assertThat(finding.count()).isEqualTo(7);
    assertThat(finding.examples()).hasSize(Finding.MAX_EXAMPLES).allMatch(k -> k.startsWith("static/old/"));
    assertThat(finding.message()).contains("7 of 28 objects (700 bytes)").contains("4 in GLACIER").contains("3 in DEEP_ARCHIVE");
    assertThat(finding.subject()).isEqualTo("s3://" + BLUE + "/static/");
    assertThat(result.passed()).isTrue();
    assertThat(result.estimate().archivedObjects()).isEqualTo(7);
  }

  @Test
  void objects_in_an_intelligent_tiering_archive_tier_warn_from_the_sample() {
    blue.put("static/tiered.bin", 5, "INTELLIGENT_TIERING", new ObjectProbe(Access.READABLE, "AES256", null, "DEEP_ARCHIVE_ACCESS"));

    Finding finding = only(run(), "archive", Severity.WARNING);

    assertThat(finding.message()).contains("Intelligent-Tiering archive tier (DEEP_ARCHIVE_ACCESS)").contains("sampled 21 of 21");
    assertThat(finding.examples()).containsExactly("static/tiered.bin");
  }

  @Test
  void objects_blues_account_cannot_read_block_with_an_estimate_for_the_whole_prefix() {
    blue.put("static/foreign-1.css", 10, "STANDARD", ObjectProbe.of(Access.FORBIDDEN));
    blue.put("static/foreign-2.css", 10, "STANDARD", ObjectProbe.of(Access.FORBIDDEN));
    blue.put("static/sse-c.bin", 10, "STANDARD", ObjectProbe.of(Access.CUSTOMER_KEY_REQUIRED));

    PreflightResult result = run();

    Finding blocker = only(result, "readability", Severity.BLOCKER);
    assertThat(blocker.count()).isEqualTo(2);
    assertThat(blocker.examples()).containsExactly("static/foreign-1.css", "static/foreign-2.css");
    assertThat(blocker.message()).contains("sampled 23 of 23").contains("written by other accounts");
    assertThat(blocker.fix()).contains("BucketOwnerEnforced");
    Finding sseC = only(result, "readability", Severity.WARNING);
    assertThat(sseC.message()).contains("SSE-C");
    assertThat(sseC.examples()).containsExactly("static/sse-c.bin");
  }

  @Test
  void no_readable_object_at_all_points_at_the_roles_permission() {
    blue.probes.replaceAll((k, v) -> ObjectProbe.of(Access.FORBIDDEN));

    Finding blocker = only(run(), "readability", Severity.BLOCKER);

    assertThat(blocker.message()).contains("None of the objects").contains(BLUE_ROLE);
    assertThat(blocker.fix()).contains("s3:GetObject").contains("arn:aws:s3:::" + BLUE + "/static/*");
  }

  @Test
  void lifecycle_rules_that_fight_the_backfill_block_on_green_and_warn_on_blue() {
    green.lifecycle.add(new LifecycleRule("expire-assets", true, "static/js/", false, 30, null, List.of()));
    green.lifecycle.add(new LifecycleRule("archive-everything", true, "", true, null, null, List.of("STANDARD_IA", "DEEP_ARCHIVE")));
    green.lifecycle.add(new LifecycleRule("other-prefix", true, "logs/", false, 1, null, List.of("GLACIER")));
    green.lifecycle.add(new LifecycleRule("disabled", false, "static/", false, 1, null, List.of()));
    green.lifecycle.add(new LifecycleRule("cheaper", true, "static/", false, null, null, List.of("STANDARD_IA", "GLACIER_IR")));
    blue.lifecycle.add(new LifecycleRule("to-glacier", true, "static/", false, null, null, List.of("GLACIER")));

    PreflightResult result = run();

    List<Finding> blockers = found(result, "lifecycle", Severity.BLOCKER);
    assertThat(blockers).extracting(Finding::side).containsOnly(BucketSide.TARGET);
    assertThat(blockers).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("\"expire-assets\" (after 30 days, prefix static/js/)").contains("would expire on green as soon as they arrive"))
        .anySatisfy(m -> assertThat(m).contains("\"archive-everything\" (to DEEP_ARCHIVE, whole bucket, only objects matching its tags or sizes)"));
    assertThat(blockers).extracting(Finding::message).noneMatch(m -> m.contains("other-prefix") || m.contains("disabled") || m.contains("cheaper"));
    Finding onBlue = only(result, "lifecycle", Severity.WARNING);
    assertThat(onBlue.side()).isEqualTo(BucketSide.SOURCE);
    assertThat(onBlue.message()).contains("\"to-glacier\"").contains("will not replicate");
  }

  @Test
  void a_refused_call_is_a_finding_naming_role_resource_and_permission_and_the_rest_still_runs() {
    green.refuse("versioning", MemoryBucket.denied("GetBucketVersioning", "s3:GetBucketVersioning"));
    green.refuse("lifecycleRules", MemoryBucket.denied("GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration"));
    blue.refuse("objectOwnership", MemoryBucket.denied("GetBucketOwnershipControls", "s3:GetBucketOwnershipControls"));

    PreflightResult result = run();

    Finding versioning = only(result, "versioning", Severity.BLOCKER);
    assertThat(versioning.side()).isEqualTo(BucketSide.TARGET);
    assertThat(versioning.message()).contains(GREEN_ROLE).contains("GetBucketVersioning").contains("AccessDenied");
    assertThat(versioning.fix()).contains("Allow s3:GetBucketVersioning on arn:aws:s3:::" + GREEN + " to " + GREEN_ROLE);
    assertThat(only(result, "lifecycle", Severity.BLOCKER).fix()).contains("s3:GetLifecycleConfiguration");
    assertThat(only(result, "ownership", Severity.WARNING).fix()).contains("s3:GetBucketOwnershipControls on arn:aws:s3:::" + BLUE);
    assertThat(found(result, "ownership", Severity.INFO)).extracting(Finding::side).containsExactly(BucketSide.TARGET);
    assertThat(found(result, "versioning", Severity.INFO)).extracting(Finding::side).containsExactly(BucketSide.SOURCE);
  }

  @Test
  void a_refused_describe_key_blocks_naming_kms_describe_key() {
    blue.put("static/k.css", 10, "STANDARD", new ObjectProbe(Access.READABLE, "aws:kms", BLUE_CUSTOMER_KEY, null));
    facts.keyRefusals.put(BLUE_ACCOUNT, MemoryBucket.denied("DescribeKey", "kms:DescribeKey"));

    Finding finding = only(run(), "encryption", Severity.BLOCKER);

    assertThat(finding.message()).contains("KMS keys of account " + BLUE_ACCOUNT).contains("aws/s3");
    assertThat(finding.fix()).contains("kms:DescribeKey on arn:aws:kms:us-east-1:" + BLUE_ACCOUNT + ":key/*");
  }

  @Test
  void a_role_that_cannot_be_assumed_is_one_blocker_and_the_other_side_is_still_checked() {
    blue.refuseAll = new Refusal(Refusal.Reason.ROLE_NOT_ASSUMABLE, "AssumeRole", "sts:AssumeRole", "AccessDenied, HTTP 403: not authorized");

    PreflightResult result = run();

    assertThat(result.findings().stream().filter(f -> f.side() == BucketSide.SOURCE)).hasSize(1);
    Finding finding = only(result, "reachability", Severity.BLOCKER);
    assertThat(finding.message()).contains("could not assume").contains(BLUE_ROLE);
    assertThat(finding.fix()).contains("source.roleArn").contains("trust policy");
    assertThat(found(result, "versioning", Severity.INFO)).extracting(Finding::side).containsExactly(BucketSide.TARGET);
    assertThat(result.estimate().basis()).isEqualTo("unavailable");
  }

  @Test
  void a_missing_bucket_or_one_in_another_region_is_one_blocker_each() {
    facts.buckets.remove(GREEN);
    blue.region = "eu-west-1";

    PreflightResult result = run();

    assertThat(found(result, "reachability", Severity.BLOCKER))
        .extracting(Finding::side, Finding::message)
        .containsExactlyInAnyOrder(
            tuple(BucketSide.TARGET, "s3://" + GREEN + " does not exist (NoSuchBucket, HTTP 404)."),
            tuple(BucketSide.SOURCE, "s3://" + BLUE + " is in eu-west-1, not in us-east-1 as source.region says (HeadBucket was redirected)."));
    assertThat(result.findings()).hasSize(2);
  }

  @Test
  void a_refused_listing_blocks_and_leaves_the_estimate_unavailable() {
    blue.refuse("list", MemoryBucket.denied("ListObjectsV2", "s3:ListBucket"));

    PreflightResult result = run();

    Finding listing = only(result, "listing", Severity.BLOCKER);
    assertThat(listing.message()).contains("ListObjectsV2").contains("which objects the migration covers");
    assertThat(listing.fix()).contains("s3:ListBucket on arn:aws:s3:::" + BLUE);
    assertThat(result.findings()).noneMatch(f -> f.check().equals("archive") || f.check().equals("readability"));
    assertThat(result.estimate().basis()).isEqualTo("unavailable");
    assertThat(result.estimate().objects()).isZero();
    assertThat(blue.heads).hasValue(0);
  }

  @Test
  void every_finding_is_reported_at_once() {
    blue.versioning = Versioning.NEVER_ENABLED;
    green.ownership = Optional.of("BucketOwnerPreferred");
    green.refuse("defaultEncryption", MemoryBucket.denied("GetBucketEncryption", "s3:GetEncryptionConfiguration"));
    blue.put("static/aws-s3.css", 10, "STANDARD", new ObjectProbe(Access.READABLE, "aws:kms", BLUE_AWS_S3_KEY, null));
    blue.put("static/cold.png", 10, "GLACIER", new ObjectProbe(Access.READABLE, "AES256", null, null));
    blue.put("static/theirs.css", 10, "STANDARD", ObjectProbe.of(Access.FORBIDDEN));
    green.lifecycle.add(new LifecycleRule("expire", true, "", false, 7, null, List.of()));

    PreflightResult result = run();

    assertThat(result.passed()).isFalse();
    assertThat(result.findings())
        .filteredOn(f -> f.severity() != Severity.INFO)
        .extracting(Finding::check, Finding::severity, Finding::side)
        .containsExactlyInAnyOrder(
            tuple("versioning", Severity.BLOCKER, BucketSide.SOURCE),
            tuple("ownership", Severity.WARNING, BucketSide.TARGET),
            tuple("encryption", Severity.WARNING, BucketSide.TARGET),
            tuple("encryption", Severity.BLOCKER, BucketSide.SOURCE),
            tuple("archive", Severity.WARNING, BucketSide.SOURCE),
            tuple("readability", Severity.BLOCKER, BucketSide.SOURCE),
            tuple("lifecycle", Severity.BLOCKER, BucketSide.TARGET));
    assertThat(result.counts()).containsEntry("BLOCKER", 4).containsEntry("WARNING", 3);
    assertThat(result.findings().subList(0, 4)).extracting(Finding::severity).containsOnly(Severity.BLOCKER);
  }

  @Test
  void the_sample_is_bounded_reproducible_and_spread_over_the_whole_listing() {
    blue.objects.clear();
    blue.probes.clear();
    blue.pageSize = 100;
    for (int i = 0; i < 1000; i++) {
      blue.put(String.format("static/%04d.js", i), 1);
    }
    PreflightStep step = new PreflightStep(facts, new PreflightSettings(50));

    PreflightResult first = step.run(TestPlans.plan());
    int headsFirst = blue.heads.getAndSet(0);
    List<String> headedFirst = List.copyOf(blue.headed);
    blue.probes.replaceAll((k, v) -> ObjectProbe.of(Access.FORBIDDEN));
    PreflightResult second = step.run(TestPlans.plan());

    assertThat(headsFirst).isEqualTo(50);
    assertThat(first.estimate().sampledForEncryption()).isEqualTo(50);
    assertThat(first.estimate().objects()).isEqualTo(1000);
    assertThat(only(first, "readability", Severity.INFO).message()).contains("sampled 50 of 1,000 objects");
    // The same migration samples the same keys: the second run's examples are the first five of them.
    Finding forbidden = only(second, "readability", Severity.BLOCKER);
    assertThat(forbidden.count()).isEqualTo(50);
    List<String> sampled = forbidden.examples();
    assertThat(step.run(TestPlans.plan()).findings()).filteredOn(f -> f.check().equals("readability"))
        .singleElement().extracting(Finding::examples).isEqualTo(sampled);
    // Spread over the whole listing, not its first pages.
    List<Integer> headed = headedFirst.stream().map(k -> Integer.parseInt(k.substring("static/".length(), "static/".length() + 4))).toList();
    assertThat(headed).hasSize(50).anyMatch(n -> n < 200).anyMatch(n -> n >= 800);
  }

  @Test
  void overlap_is_a_shared_prefix_either_way() {
    assertThat(LifecycleCheck.overlaps("", "static/")).isTrue();
    assertThat(LifecycleCheck.overlaps("static/js/", "static/")).isTrue();
    assertThat(LifecycleCheck.overlaps("stat", "static/")).isTrue();
    assertThat(LifecycleCheck.overlaps("logs/", "static/")).isFalse();
    assertThat(LifecycleCheck.overlaps("logs/", "")).isTrue();
  }

  @Test
  void key_ids_compare_by_id_or_arn() {
    assertThat(EncryptionCheck.sameKey(GREEN_KEY, "1234abcd-12ab-34cd-56ef-1234567890ab")).isTrue();
    assertThat(EncryptionCheck.sameKey("1234abcd-12ab-34cd-56ef-1234567890ab", GREEN_KEY)).isTrue();
    assertThat(EncryptionCheck.sameKey(GREEN_KEY, BLUE_CUSTOMER_KEY)).isFalse();
  }
}
