package dev.cutover.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a plan must meet before anything changes. {@link #validate(Plan)} returns every
 * problem at once, each with its field path and a message that says what to do.
 */
public final class PlanValidator {

  private static final Pattern MIGRATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{2,47}");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern REGION_FORM = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern DISTRIBUTION_ID = Pattern.compile("E[A-Z0-9]{9,19}");
  private static final Pattern HOSTED_ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern BUCKET_CHARS = Pattern.compile("[a-z0-9.-]+");
  private static final Pattern LEGACY_BUCKET_CHARS = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern IP_FORM = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final Pattern ACCOUNT_REGIONAL_SUFFIX = Pattern.compile(".*-(\\d{12})-([a-z0-9-]+)-an");
  private static final Pattern ROLE_RESOURCE = Pattern.compile("role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
  private static final Pattern KMS_KEY_RESOURCE = Pattern.compile("key/(mrk-)?[0-9a-f-]{32,36}");
  private static final Pattern PRINCIPAL_RESOURCE =
      Pattern.compile("(user|role)/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}|assumed-role/[\\w+=,.@-]{1,64}/[\\w+=,.@-]{2,64}");

  /** Far below Step Functions' 256 KB payload limit: the plan travels in every state. */
  public static final int MAX_INPUT_BYTES = 32 * 1024;

  static final int MAX_LIST_SIZE = 100;
  private static final int MAX_PARITY_PATH_CHARS = 512;

  /** Parts of a distribution's configuration that differ by design: the edge parity step skips them. */
  private static final List<String> NEVER_COMPARED = List.of("CallerReference", "Aliases", "Comment");
  private static final int MAX_PREFIX_BYTES = 512;

  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_SUFFIXES =
      List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

  private final List<PlanProblem> problems = new ArrayList<>();

  private PlanValidator() {}

  /** Every problem with the plan; empty when it is valid. */
  public static List<PlanProblem> validate(Plan plan) {
    PlanValidator v = new PlanValidator();
    v.check(plan);
    return List.copyOf(v.problems);
  }

  /** The size rule on the raw input, which the parsed plan can no longer see. */
  static Optional<PlanProblem> checkSize(String rawInput) {
    int bytes = rawInput.getBytes(StandardCharsets.UTF_8).length;
    if (bytes <= MAX_INPUT_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        new PlanProblem(
            "$",
            "the input is " + bytes + " bytes; keep it under " + MAX_INPUT_BYTES
                + " bytes. It is carried through every state of the workflow, whose payloads are"
                + " limited to 256 KB; put long lists in S3 rather than in the input."));
  }

  private void check(Plan plan) {
    checkMigrationId(plan.migrationId());
    checkSide("source", plan.source(), true);
    checkSide("target", plan.target(), false);
    checkSidesDiffer(plan);
    checkReplicaKey(plan);
    checkDns(plan);
    checkValidation(plan.validation());
    checkApproval(plan);
    checkBake(plan.bake());
    checkBatch(plan);
  }

  private void checkMigrationId(String id) {
    if (!MIGRATION_ID.matcher(id).matches()) {
      problem(
          "migrationId",
          "\"" + id + "\" is not a usable migration id; use 3 to 48 letters, digits, '-' or '_',"
              + " starting with a letter or digit. It becomes part of S3 keys, role session names"
              + " and idempotency tokens.");
    }
  }

  // ---------------------------------------------------------------- sides

  private void checkSide(String side, Side s, boolean legacyBucketNameAllowed) {
    boolean accountOk = ACCOUNT_ID.matcher(s.accountId()).matches();
    if (!accountOk) {
      problem(side + ".accountId", "\"" + s.accountId() + "\" is not an AWS account id; it must be exactly 12 digits, e.g. \"111122223333\" (keep leading zeros, write it as a string).");
    }
    Optional<String> partition = checkRegion(side + ".region", s.region());
    checkBucket(side + ".bucket", s.bucket(), s.region(), legacyBucketNameAllowed);
    checkAccountRegionalBucket(side + ".bucket", s, accountOk);
    if (s.prefix() != null) {
      checkPrefix(side + ".prefix", s.prefix());
    }
    if (!DISTRIBUTION_ID.matcher(s.distributionId()).matches()) {
      problem(side + ".distributionId", "\"" + s.distributionId() + "\" is not a CloudFront distribution id; it looks like \"E2QWRUHAPOMQZL\" (an E followed by uppercase letters and digits), as shown in the CloudFront console. Give the id, not the d111111abcdef8.cloudfront.net domain name.");
    }
    checkRoleArn(side, s, partition, accountOk);
    if (s.kmsKeyArn() != null) {
      checkKmsKeyArn(side, s, partition);
    }
  }

  private Optional<String> checkRegion(String field, String region) {
    if (!REGION_FORM.matcher(region).matches()) {
      problem(field, "\"" + region + "\" is not an AWS region code; use the lowercase code, e.g. \"eu-west-1\", not a name like \"Europe (Ireland)\".");
      return Optional.empty();
    }
    Optional<String> partition = Regions.partitionOf(region);
    if (partition.isEmpty()) {
      problem(field, "\"" + region + "\" is not a region this build of cutover knows; check the spelling (known regions: " + String.join(", ", Regions.known()) + ").");
    }
    return partition;
  }

  private void checkBucket(String field, String name, String region, boolean legacyAllowed) {
    String lower = name.toLowerCase(Locale.ROOT);
    boolean modernChars = BUCKET_CHARS.matcher(name).matches();
    if (!modernChars && legacyAllowed && LEGACY_BUCKET_CHARS.matcher(name).matches()) {
      // Buckets created in us-east-1 before March 2018 may have uppercase letters, underscores
      // and up to 255 characters. They exist and can be migrated from, never created.
      if (!"us-east-1".equals(region)) {
        problem(field, "\"" + name + "\" uses uppercase letters or underscores, which only legacy buckets created in us-east-1 before March 2018 may have; this side's region is " + region + ". Check the bucket name and region.");
      } else if (name.length() < 3 || name.length() > 255) {
        problem(field, "\"" + name + "\" is " + name.length() + " characters; even legacy bucket names are 3 to 255 characters.");
      }
      return;
    }
    if (name.length() < 3 || name.length() > 63) {
      problem(field, "\"" + name + "\" is " + name.length() + " characters; bucket names are 3 to 63 characters long.");
    }
    if (!modernChars) {
      String fix = legacyAllowed ? "" : " The target bucket is new, so the legacy rules (uppercase, underscores) do not apply.";
      problem(field, "\"" + name + "\" may contain only lowercase letters, digits, '.' and '-'." + (name.equals(lower) ? "" : " Write it in lowercase.") + fix);
      return;
    }
    if (!Character.isLetterOrDigit(name.charAt(0)) || !Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
      problem(field, "\"" + name + "\" must begin and end with a letter or digit.");
    }
    if (name.contains("..")) {
      problem(field, "\"" + name + "\" must not contain two adjacent periods.");
    }
    if (IP_FORM.matcher(name).matches()) {
      problem(field, "\"" + name + "\" is formatted as an IP address, which S3 does not allow as a bucket name.");
    }
    for (String reserved : RESERVED_PREFIXES) {
      if (name.startsWith(reserved)) {
        problem(field, "\"" + name + "\" starts with \"" + reserved + "\", a prefix S3 reserves; it cannot be a bucket name.");
      }
    }
    for (String reserved : RESERVED_SUFFIXES) {
      if (name.endsWith(reserved)) {
        problem(field, "\"" + name + "\" ends with \"" + reserved + "\", a suffix S3 reserves for " + reservedSuffixUse(reserved) + "; give the bucket's own name.");
      }
    }
  }

  private static String reservedSuffixUse(String suffix) {
    return switch (suffix) {
      case "-s3alias" -> "access point aliases";
      case "--ol-s3" -> "Object Lambda access point aliases";
      case ".mrap" -> "Multi-Region Access Points";
      case "--x-s3" -> "directory buckets (not supported by replication)";
      default -> "table buckets";
    };
  }

  /** Buckets in an account regional namespace end with -ACCOUNT-REGION-an, which must be this side's. */
  private void checkAccountRegionalBucket(String field, Side s, boolean accountOk) {
    Matcher m = ACCOUNT_REGIONAL_SUFFIX.matcher(s.bucket());
    if (!m.matches() || !accountOk) {
      return;
    }
    if (!m.group(1).equals(s.accountId()) || !m.group(2).equals(s.region())) {
      problem(field, "\"" + s.bucket() + "\" is an account regional namespace name for account " + m.group(1) + " in " + m.group(2) + ", but this side is account " + s.accountId() + " in " + s.region() + ". Check the account id, region and bucket.");
    }
  }

  private void checkPrefix(String field, String prefix) {
    if (prefix.isEmpty()) {
      problem(field, "is empty; leave the field out to migrate the whole bucket.");
      return;
    }
    if (prefix.startsWith("/")) {
      problem(field, "\"" + prefix + "\" starts with '/'; S3 keys have no leading slash, so it would match nothing. Write it as \"" + prefix.replaceFirst("^/+", "") + "\".");
    }
    if (prefix.contains("..")) {
      problem(field, "\"" + prefix + "\" contains \"..\"; S3 keys are not paths and \"..\" does not go up a level. Give the literal key prefix.");
    }
    if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
      problem(field, "is longer than " + MAX_PREFIX_BYTES + " bytes; a prefix filter is the start of a key (keys are at most 1024 bytes).");
    }
    if (prefix.chars().anyMatch(Character::isISOControl)) {
      problem(field, "contains a control character; remove it.");
    }
  }

  private void checkRoleArn(String side, Side s, Optional<String> partition, boolean accountOk) {
    String field = side + ".roleArn";
    Optional<Arn> parsed = Arn.parse(s.roleArn());
    if (parsed.isEmpty()) {
      problem(field, "\"" + s.roleArn() + "\" is not an ARN; give the role's ARN, e.g. \"arn:aws:iam::" + (accountOk ? s.accountId() : "111122223333") + ":role/cutover\".");
      return;
    }
    Arn arn = parsed.get();
    if (!arn.service().equals("iam") || !ROLE_RESOURCE.matcher(arn.resource()).matches()) {
      problem(field, "\"" + s.roleArn() + "\" is not an IAM role ARN; it must look like arn:" + arn.partition() + ":iam::ACCOUNT:role/NAME (a user or policy cannot be assumed).");
      return;
    }
    if (!arn.region().isEmpty()) {
      problem(field, "\"" + s.roleArn() + "\" has a region (\"" + arn.region() + "\"); IAM ARNs have an empty region field: arn:" + arn.partition() + ":iam::ACCOUNT:role/NAME.");
    }
    if (accountOk && !arn.accountId().equals(s.accountId())) {
      problem(field, "the role is in account " + arn.accountId() + " but " + side + ".accountId is " + s.accountId() + "; cutover assumes this role to act in the " + side + " account, so it must be a role of that account.");
    }
    partition.filter(p -> !p.equals(arn.partition()))
        .ifPresent(p -> problem(field, "the role is in partition \"" + arn.partition() + "\" but region " + s.region() + " is in partition \"" + p + "\"; write arn:" + p + ":iam::..."));
  }

  private void checkKmsKeyArn(String side, Side s, Optional<String> partition) {
    String field = side + ".kmsKeyArn";
    Optional<Arn> parsed = Arn.parse(s.kmsKeyArn());
    if (parsed.isEmpty() || !parsed.get().service().equals("kms")) {
      problem(field, "\"" + s.kmsKeyArn() + "\" is not a KMS key ARN; give the full key ARN, e.g. \"arn:aws:kms:" + s.region() + ":111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\", or leave the field out for SSE-S3.");
      return;
    }
    Arn arn = parsed.get();
    if (arn.resource().startsWith("alias/")) {
      problem(field, "\"" + s.kmsKeyArn() + "\" is an alias; give the key ARN (…:key/ID). An alias is resolved in the caller's account, so it does not name the same key across accounts.");
    } else if (!KMS_KEY_RESOURCE.matcher(arn.resource()).matches()) {
      problem(field, "\"" + s.kmsKeyArn() + "\" does not name a key; its resource part must be key/ followed by the key id.");
    }
    if (!ACCOUNT_ID.matcher(arn.accountId()).matches()) {
      problem(field, "the key ARN's account \"" + arn.accountId() + "\" is not a 12-digit account id.");
    }
    if (!arn.region().equals(s.region())) {
      problem(field, "the key is in region \"" + arn.region() + "\" but " + side + ".region is " + s.region() + "; S3 encrypts a bucket only with a KMS key in the bucket's own region. Use a key (or a multi-Region replica) in " + s.region() + ".");
    }
    partition.filter(p -> !p.equals(arn.partition()))
        .ifPresent(p -> problem(field, "the key is in partition \"" + arn.partition() + "\" but region " + s.region() + " is in partition \"" + p + "\"."));
  }

  /**
   * S3 replicates SSE-KMS objects only when the rule names a key for the replicas, and skips them
   * in silence otherwise: a blue key without a green one would leave encrypted objects behind.
   */
  private void checkReplicaKey(Plan plan) {
    if (plan.source().kmsKeyArn() != null && plan.target().kmsKeyArn() == null) {
      problem(
          "target.kmsKeyArn",
          "is missing while source.kmsKeyArn is set. S3 replicates SSE-KMS encrypted objects only"
              + " when the replication rule names a key for the replicas in green's region, and"
              + " skips them in silence otherwise. Give the ARN of the key green's bucket encrypts"
              + " with (in " + plan.target().region() + ").");
    }
  }

  private void checkSidesDiffer(Plan plan) {
    Side source = plan.source();
    Side target = plan.target();
    if (source.bucket().equals(target.bucket())) {
      problem("target.bucket", "is the same bucket as source.bucket (\"" + source.bucket() + "\"); cutover copies blue into a different, new bucket.");
    }
    if (source.distributionId().equals(target.distributionId())) {
      problem("target.distributionId", "is the same distribution as source.distributionId (" + source.distributionId() + "); green must be its own distribution serving the target bucket.");
    }
    Optional<String> sourcePartition = Regions.partitionOf(source.region());
    Optional<String> targetPartition = Regions.partitionOf(target.region());
    if (sourcePartition.isPresent() && targetPartition.isPresent() && !sourcePartition.equals(targetPartition)) {
      problem("target.region", target.region() + " is in partition " + targetPartition.get() + " but the source region " + source.region() + " is in " + sourcePartition.get() + "; S3 replication cannot cross partitions.");
    }
    if (target.prefix() != null && !target.prefix().equals(source.prefixOrEmpty())) {
      problem("target.prefix", "\"" + target.prefix() + "\" differs from source.prefix (\"" + source.prefixOrEmpty() + "\"); S3 replication keeps every key unchanged, so green's keys have blue's prefix. Leave target.prefix out.");
    }
  }

  // ---------------------------------------------------------------- dns

  private void checkDns(Plan plan) {
    Dns dns = plan.dns();
    boolean hostnameOk = checkHostname("dns.hostname", dns.hostname(), true);
    boolean zoneOk = checkHostname("dns.zoneName", dns.zoneName(), false);
    String zoneId = dns.hostedZoneId();
    if (zoneId.startsWith("/hostedzone/")) {
      problem("dns.hostedZoneId", "\"" + zoneId + "\" includes the \"/hostedzone/\" path; give only the id: \"" + zoneId.substring("/hostedzone/".length()) + "\".");
    } else if (!HOSTED_ZONE_ID.matcher(zoneId).matches()) {
      problem("dns.hostedZoneId", "\"" + zoneId + "\" is not a Route 53 hosted zone id; it looks like \"Z0123456789ABCDEFGHIJ\" (a Z followed by uppercase letters and digits), as shown in the Route 53 console.");
    }
    if (!hostnameOk || !zoneOk) {
      return;
    }
    if (dns.isApex()) {
      if (plan.mode() == Mode.MIGRATE) {
        problem("dns.hostname", "\"" + dns.hostname() + "\" is the zone apex. CloudFront routes a hostname to the one distribution holding its alias, and an apex alias cannot be moved to a distribution in another account without AWS Support: the zero-downtime move needs a wildcard alias (*.parent) on green, and an apex has no parent in its zone. Serve the assets from a subdomain (e.g. assets." + dns.zoneName() + "), or ask AWS Support to move the apex alias.");
      }
    } else if (!dns.hostname().endsWith("." + dns.zoneName())) {
      problem("dns.hostname", "\"" + dns.hostname() + "\" is not inside the zone \"" + dns.zoneName() + "\"; the record cutover changes must belong to dns.hostedZoneId's zone. Check dns.zoneName and dns.hostedZoneId.");
    }
  }

  private boolean checkHostname(String field, String name, boolean isHostname) {
    String example = isHostname ? "\"assets.example.com\"" : "\"example.com\"";
    if (name.contains("://") || name.contains("/")) {
      problem(field, "\"" + name + "\" is a URL or path; give only the DNS name, e.g. " + example + ".");
      return false;
    }
    if (name.endsWith(".")) {
      problem(field, "\"" + name + "\" ends with a dot; write it without the trailing dot: \"" + name.replaceAll("\\.+$", "") + "\".");
      return false;
    }
    if (name.startsWith("*")) {
      problem(field, "\"" + name + "\" is a wildcard; give the exact name users request. cutover derives green's wildcard alias from it.");
      return false;
    }
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      problem(field, "\"" + name + "\" has uppercase letters; DNS names are case-insensitive and CloudFront stores aliases in lowercase. Write \"" + name.toLowerCase(Locale.ROOT) + "\".");
      return false;
    }
    String[] labels = name.split("\\.", -1);
    boolean ok = name.length() <= 253 && labels.length >= 2;
    for (String label : labels) {
      ok &= DNS_LABEL.matcher(label).matches();
    }
    if (!ok) {
      problem(field, "\"" + name + "\" is not a valid DNS name; use two or more dot-separated labels of 1 to 63 letters, digits or '-' (not at either end of a label), 253 characters at most, e.g. " + example + ". Internationalised names must be given in punycode (xn--...).");
    }
    return ok;
  }

  // ---------------------------------------------------------------- settings

  private void checkValidation(ValidationSettings v) {
    List<String> fields = v.metadataFields();
    checkListSize("validation.metadataFields", fields.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      String f = fields.get(i);
      String field = "validation.metadataFields[" + i + "]";
      if (!PlanDefaults.METADATA_FIELDS.contains(f)) {
        String hint = PlanShape.suggestion(f, PlanDefaults.METADATA_FIELDS).map(s -> "did you mean \"" + s + "\"? ").orElse("");
        problem(field, "\"" + f + "\" is not a field the verify step compares; " + hint + "use any of " + String.join(", ", PlanDefaults.METADATA_FIELDS) + " (\"x-amz-meta-*\" covers all user metadata).");
      } else if (!seen.add(f)) {
        problem(field, "\"" + f + "\" is listed twice; list each field once.");
      }
    }
    range("validation.mismatchTolerance", v.mismatchTolerance(), 0, 1_000_000, "objects allowed to differ (0 means green must match blue exactly)");
    range("validation.logScanWindowDays", v.logScanWindowDays(), 1, 90, "days of CloudFront logs to scan");
    range("validation.logScanTopN", v.logScanTopN(), 1, 100_000, "most requested keys to check");
    range("validation.probeSampleSize", v.probeSampleSize(), 1, 1_000, "keys to probe through both distributions");
    List<String> allow = v.parityAllow();
    checkListSize("validation.parityAllow", allow.size());
    Set<String> seenAllow = new HashSet<>();
    for (int i = 0; i < allow.size(); i++) {
      String field = "validation.parityAllow[" + i + "]";
      if (checkParityAllow(field, allow.get(i)) && !seenAllow.add(allow.get(i))) {
        problem(field, "\"" + allow.get(i) + "\" is listed twice; list each path once.");
      }
    }
  }

  /**
   * An allow-list entry must be able to match a path the edge parity step reports: it starts with
   * a part of the distribution's configuration that the step compares, and its brackets (list
   * entries, as in {@code CacheBehaviors[/img/*]}) are balanced.
   */
  private boolean checkParityAllow(String field, String entry) {
    String example = " Give a path as the edge parity step reports it, e.g. \"CacheBehaviors[/legacy/*].Compress\" or \"Origins[bucket].OriginShield\".";
    if (entry.isBlank()) {
      problem(field, "is empty." + example);
      return false;
    }
    if (!entry.equals(entry.strip())) {
      problem(field, "\"" + entry + "\" has spaces at either end; remove them, or it can never match a reported path.");
      return false;
    }
    if (entry.length() > MAX_PARITY_PATH_CHARS) {
      problem(field, "is longer than " + MAX_PARITY_PATH_CHARS + " characters, longer than any path the edge parity step reports.");
      return false;
    }
    int depth = 0;
    for (char c : entry.toCharArray()) {
      depth += c == '[' ? 1 : c == ']' ? -1 : 0;
      if (depth < 0 || depth > 1) {
        break;
      }
    }
    if (depth != 0) {
      problem(field, "\"" + entry + "\" has an unbalanced '[' or ']', so it can never match; list entries are written Name[key], once each, e.g. \"CustomErrorResponses[404].ResponsePagePath\".");
      return false;
    }
    String root = entry.split("[.\\[]", 2)[0];
    List<String> roots = ValidationSettings.PARITY_PATH_ROOTS;
    boolean matches = root.contains("*") ? roots.stream().anyMatch(r -> glob(root).matcher(r).matches()) : roots.contains(root);
    if (matches) {
      return true;
    }
    if (NEVER_COMPARED.contains(root)) {
      problem(field, "\"" + entry + "\" names " + root + ", which the edge parity step never compares (it differs between the two distributions by design), so it can never match; remove the entry.");
    } else {
      String hint = PlanShape.suggestion(root, roots).map(s -> "did you mean \"" + s + "\"? ").orElse("");
      problem(field, "\"" + entry + "\" starts with \"" + root + "\", which is not a part of a distribution's configuration the edge parity step compares, so it can never match; " + hint + "paths start with one of " + String.join(", ", roots) + ".");
    }
    return false;
  }

  /** {@code *} matches any characters; everything else is literal. */
  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  private void checkApproval(Plan plan) {
    ApprovalSettings a = plan.approval();
    range("approval.timeoutSeconds", a.timeoutSeconds(), 60, 604_800, "seconds to wait for a decision (60 s to 7 days)");
    List<String> approvers = a.approvers();
    checkListSize("approval.approvers", approvers.size());
    if (approvers.isEmpty() && plan.mode() == Mode.MIGRATE) {
      problem("approval.approvers", "is empty; a MIGRATE run waits for a person to approve the cutover, so name at least one IAM principal ARN allowed to decide, e.g. \"arn:aws:iam::111122223333:role/release-manager\".");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < approvers.size(); i++) {
      String field = "approval.approvers[" + i + "]";
      String approver = approvers.get(i);
      Optional<Arn> arn = Arn.parse(approver);
      boolean principal =
          arn.isPresent()
              && ACCOUNT_ID.matcher(arn.get().accountId()).matches()
              && arn.get().region().isEmpty()
              && ((arn.get().service().equals("iam") && !arn.get().resource().startsWith("assumed-role/"))
                  || (arn.get().service().equals("sts") && arn.get().resource().startsWith("assumed-role/")))
              && PRINCIPAL_RESOURCE.matcher(arn.get().resource()).matches();
      if (!principal) {
        problem(field, "\"" + approver + "\" is not an IAM principal ARN; give a user (arn:aws:iam::ACCOUNT:user/NAME), a role (arn:aws:iam::ACCOUNT:role/NAME, any session of it) or one assumed-role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), as `aws sts get-caller-identity` prints it.");
      } else if (!seen.add(approver)) {
        problem(field, "\"" + approver + "\" is listed twice; list each approver once.");
      }
    }
  }

  private void checkBake(BakeSettings b) {
    boolean durationOk = range("bake.durationSeconds", b.durationSeconds(), 10, 172_800, "seconds to watch green after the cutover (10 s to 48 h)");
    boolean pollOk = range("bake.pollIntervalSeconds", b.pollIntervalSeconds(), 5, 3_600, "seconds between health reads");
    if (durationOk && pollOk && b.pollIntervalSeconds() > b.durationSeconds()) {
      problem("bake.pollIntervalSeconds", b.pollIntervalSeconds() + " is longer than bake.durationSeconds (" + b.durationSeconds() + "), so green would never be read during the bake; make the interval shorter than the duration.");
    }
    percent("bake.max5xxErrorRatePercent", b.max5xxErrorRatePercent());
    percent("bake.max4xxErrorRatePercent", b.max4xxErrorRatePercent());
  }

  private void checkBatch(Plan plan) {
    BatchSettings b = plan.batch();
    checkBucket("batch.reportBucket", b.reportBucket(), plan.target().region(), false);
    if (b.reportBucket().equals(plan.source().bucket())) {
      problem("batch.reportBucket", "is the source bucket; cutover never writes into blue. Use a separate bucket for reports.");
    } else if (b.reportBucket().equals(plan.target().bucket())) {
      problem("batch.reportBucket", "is the target bucket; reports there would become objects green serves and verification would count them as extra. Use a separate bucket.");
    }
    String prefix = b.reportPrefix();
    if (prefix.startsWith("/") || prefix.contains("..")) {
      problem("batch.reportPrefix", "\"" + prefix + "\" must not start with '/' or contain \"..\"; give a plain key prefix such as \"cutover/\".");
    }
    range("batch.priority", b.priority(), 0, Integer.MAX_VALUE, "S3 Batch Operations job priority");
  }

  // ---------------------------------------------------------------- helpers

  private boolean range(String field, int value, int min, int max, String meaning) {
    if (value < min || value > max) {
      problem(field, value + " is out of range; give " + meaning + " between " + min + " and " + max + ".");
      return false;
    }
    return true;
  }

  private void percent(String field, double value) {
    if (!(value > 0 && value <= 100)) {
      problem(field, value + " is out of range; give a percentage above 0 and at most 100 (CloudWatch reports CloudFront error rates in percent: 1.0 means 1 %).");
    }
  }

  private void checkListSize(String field, int size) {
    if (size > MAX_LIST_SIZE) {
      problem(field, "has " + size + " entries; at most " + MAX_LIST_SIZE + " are accepted.");
    }
  }

  private void problem(String field, String message) {
    problems.add(new PlanProblem(field, message));
  }
}
