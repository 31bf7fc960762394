package dev.cutover.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.S3KeyOrder;
import dev.cutover.batch.CompletionReport.ResultFile;
import dev.cutover.batch.CompletionReport;
import dev.cutover.batch.CsvRecords;
import dev.cutover.batch.IdempotencyTokens;
import dev.cutover.batch.ManifestCsv;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.json.Json;
import dev.cutover.plan.Arn;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Side;
import dev.cutover.verify.ChecksumComparison.Difference;
import dev.cutover.verify.ChecksumComparison.Unverified;
import dev.cutover.verify.ChecksumJoin.Joined;
import dev.cutover.verify.aws.S3ControlChecksumJobs;
import dev.cutover.verify.port.ChecksumJob;
import dev.cutover.verify.port.ChecksumJobSpec;
import dev.cutover.verify.port.ChecksumJobs;
import dev.cutover.verify.port.ReportFiles;
import dev.cutover.verify.port.ReportLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the objects the verify step left {@code contentUnverified} (no full-object checksum of
 * the same algorithm on both sides, and an ETag that is not a content hash: multipart or SSE-KMS
 * uploads from before S3 stored checksums by default) with S3 Batch Operations' Compute checksum
 * operation on both buckets: DESIGN.md §1 step 4, "S3 Batch 'compute checksum' on both sides".
 *
 * <p>START reads the verify step's findings and writes one CSV manifest per side listing those
 * keys, then creates a Compute checksum job in each side's account: {@value #ALGORITHM} {@value
 * #TYPE}. A full-object checksum depends on the bytes only, never on how they were uploaded, so
 * blue and green agree exactly when their content does; a composite one would differ for the same
 * bytes uploaded in other parts. CRC64NVME is the full-object algorithm S3 itself defaults to, and
 * the cheapest; it catches the corruption and truncation a copy can suffer (an adversary forging
 * equal CRCs is not the threat here). The Compute checksum operation works on objects at rest in
 * every storage class and size, SSE-S3 and SSE-KMS encrypted (given kms:Decrypt); not SSE-C:
 * Amazon S3 User Guide, "Compute checksums"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-compute-checksums.html) and
 * "Checking object integrity for data at rest"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity-at-rest.html).
 *
 * <p>DESCRIBE reads both jobs. COMPARE reads both completion reports and matches them key by
 * key: equal checksums are proof, different ones a mismatch (returned as data), and an object
 * without a checksum on either side stays unverified with the reason. Every object's outcome goes
 * to the report bucket next to the manifests.
 *
 * <p>Read-only on blue and green: the jobs compute, they write nothing to the objects. Everything
 * cutover writes goes to the report bucket under {@code
 * {batch.reportPrefix}{migrationId}/checksum/<execution name>/<state name>/}.
 */
final class ChecksumStep {

  /** The role S3 Batch Operations assumes for blue's job: a role in the source account. */
  static final String SOURCE_ROLE_VARIABLE = "CUTOVER_CHECKSUM_SOURCE_ROLE_ARN";

  /** The role S3 Batch Operations assumes for green's job: a role in the target account. */
  static final String TARGET_ROLE_VARIABLE = "CUTOVER_CHECKSUM_TARGET_ROLE_ARN";

  static final String ALGORITHM = "CRC64NVME";
  static final String TYPE = "FULL_OBJECT";

  static final int MAX_EXAMPLES = 20;
  static final int MAX_REASONS = 20;
  static final int MAX_FAILURE_REASONS = 5;
  static final long OBJECTS_PER_PARTITION = 200_000;
  static final int MAX_PARTITIONS = 512;
  static final String COMPARISON_FILE = "comparison.jsonl";
  static final String NDJSON = "application/x-ndjson";

  private static final int MAX_DESCRIPTION = 256;
  private static final String UNVERIFIED = Category.CONTENT_UNVERIFIED.jsonName();
  private static final Pattern OBJECT_ARN = Pattern.compile("arn:[^:]+:s3:::([^/]+)/(.+)", Pattern.DOTALL);
  private static final Pattern ROLE_RESOURCE = Pattern.compile("role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
  private static final Logger LOG = LoggerFactory.getLogger(ChecksumStep.class);

  private final Map<ChecksumSide, ChecksumJobs> jobs = new EnumMap<>(ChecksumSide.class);
  private final Map<ChecksumSide, String> roles = new EnumMap<>(ChecksumSide.class);
  private final ReportFiles reports;
  private final long objectsPerPartition;

  /**
   * @param sourceJobs Batch Operations in blue's account and region
   * @param targetJobs Batch Operations in green's account and region
   * @param reports the plan's report bucket
   * @param sourceRoleArn the value of {@value #SOURCE_ROLE_VARIABLE}; checked when jobs are created
   * @param targetRoleArn the value of {@value #TARGET_ROLE_VARIABLE}; checked when jobs are created
   * @param objectsPerPartition how many objects COMPARE holds in memory at once
   */
  ChecksumStep(
      ChecksumJobs sourceJobs,
      ChecksumJobs targetJobs,
      ReportFiles reports,
      String sourceRoleArn,
      String targetRoleArn,
      long objectsPerPartition) {
    jobs.put(ChecksumSide.SOURCE, sourceJobs);
    jobs.put(ChecksumSide.TARGET, targetJobs);
    roles.put(ChecksumSide.SOURCE, sourceRoleArn);
    roles.put(ChecksumSide.TARGET, targetRoleArn);
    this.reports = reports;
    this.objectsPerPartition = objectsPerPartition;
  }

  // ------------------------------------------------------------------ START

  /** Writes both manifests and creates both jobs, or returns {@code objects: 0} and creates none. */
  ChecksumStarted start(ChecksumRequest request) {
    Plan plan = request.plan();
    Map<ChecksumSide, String> checkedRoles = new EnumMap<>(ChecksumSide.class);
    for (ChecksumSide side : ChecksumSide.values()) {
      checkedRoles.put(side, batchRole(plan, side));
    }
    String folder = folder(plan, request.executionId(), request.stateName());
    Map<ChecksumSide, Path> manifests = new EnumMap<>(ChecksumSide.class);
    try {
      for (ChecksumSide side : ChecksumSide.values()) {
        manifests.put(side, Files.createTempFile("cutover-checksum-" + side.label(), ".csv"));
      }
      long objects = writeManifests(plan, request, manifests);
      if (objects == 0) {
        LOG.info("No contentUnverified objects in {}: no Compute checksum job is needed", request.findings());
        return new ChecksumStarted(0, request.findings(), checksum(), null, null);
      }
      Map<ChecksumSide, String> eTags = new EnumMap<>(ChecksumSide.class);
      for (ChecksumSide side : ChecksumSide.values()) {
        eTags.put(side, reports.putManifest(manifestKey(folder, side), manifests.get(side)));
      }
      Map<ChecksumSide, ChecksumStarted.Job> started = new EnumMap<>(ChecksumSide.class);
      for (ChecksumSide side : ChecksumSide.values()) {
        started.put(side, create(plan, request, side, folder, eTags.get(side), checkedRoles.get(side)));
      }
      LOG.info(
          "Compute checksum jobs for {} contentUnverified objects: blue {}, green {}",
          objects, started.get(ChecksumSide.SOURCE).jobId(), started.get(ChecksumSide.TARGET).jobId());
      return new ChecksumStarted(
          objects, request.findings(), checksum(), started.get(ChecksumSide.SOURCE), started.get(ChecksumSide.TARGET));
    } catch (IOException | UncheckedIOException e) {
      throw new TransientException(
          "Writing the checksum manifests from " + request.findings() + " failed: " + e.getMessage()
              + ". The step is retried.",
          e);
    } finally {
      manifests.values().forEach(ChecksumStep::deleteQuietly);
    }
  }

  /** Streams the findings, writing each contentUnverified key to both manifests; returns how many. */
  private long writeManifests(Plan plan, ChecksumRequest request, Map<ChecksumSide, Path> files) throws IOException {
    long objects = 0;
    try (Writer source = Files.newBufferedWriter(files.get(ChecksumSide.SOURCE), StandardCharsets.UTF_8);
        Writer target = Files.newBufferedWriter(files.get(ChecksumSide.TARGET), StandardCharsets.UTF_8)) {
      for (String key : request.findingsKeys()) {
        String location = "s3://" + request.findingsBucket() + "/" + key;
        try (InputStream findings =
                reports
                    .open(key)
                    .orElseThrow(
                        () ->
                            new PreconditionFailedException(
                                "There are no findings at " + location + ". Pass reports[*].uri of the verify"
                                    + " step's result from this execution; nothing was created."));
            BufferedReader lines = new BufferedReader(new InputStreamReader(findings, StandardCharsets.UTF_8))) {
          int number = 0;
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
              continue;
            }
            JsonNode finding = finding(line, number, location);
            if (unverified(finding)) {
              String found = finding.get("key").asText();
              source.write(ManifestCsv.row(plan.source().bucket(), found));
              target.write(ManifestCsv.row(plan.target().bucket(), found));
              objects++;
            }
          }
        }
      }
    }
    return objects;
  }

  private static JsonNode finding(String line, int number, String location) {
    JsonNode finding;
    try {
      finding = Json.mapper().readTree(line);
    } catch (JsonProcessingException e) {
      finding = null;
    }
    if (finding == null || !finding.isObject() || !finding.path("key").isTextual() || !finding.path("categories").isArray()) {
      throw new PreconditionFailedException(
          "Line " + number + " of " + location + " is not a finding of the verify step ({\"key\": …,"
              + " \"categories\": [...]}): pass reports[*].uri of the verify step's result; nothing was created.");
    }
    return finding;
  }

  private static boolean unverified(JsonNode finding) {
    for (JsonNode category : finding.get("categories")) {
      if (UNVERIFIED.equals(category.asText())) {
        return true;
      }
    }
    return false;
  }

  private ChecksumStarted.Job create(
      Plan plan, ChecksumRequest request, ChecksumSide side, String folder, String eTag, String role) {
    Side bucketSide = side.of(plan);
    String partition = partition(plan);
    String reportBucket = plan.batch().reportBucket();
    String token = IdempotencyTokens.of("cutover-checksum", request.executionId(), request.stateName(), side.label());
    String reportPrefix = folder + "/" + side.label();
    ChecksumJobSpec spec =
        new ChecksumJobSpec(
            bucketSide.accountId(),
            token,
            description(plan, side),
            role,
            plan.batch().priority(),
            "arn:" + partition + ":s3:::" + reportBucket + "/" + manifestKey(folder, side),
            eTag,
            ALGORITHM,
            TYPE,
            "arn:" + partition + ":s3:::" + reportBucket,
            plan.target().accountId(),
            reportPrefix);
    String jobId = jobs.get(side).createComputeChecksumJob(spec);
    return new ChecksumStarted.Job(
        jobId,
        bucketSide.accountId(),
        token,
        s3Uri(reportBucket, manifestKey(folder, side)),
        s3Uri(reportBucket, reportPrefix + "/job-" + jobId + "/"));
  }

  // ------------------------------------------------------------------ DESCRIBE

  /** Both jobs' status, mapped for the workflow's Choice. */
  ChecksumProgress describe(ChecksumRequest request) {
    Plan plan = request.plan();
    ChecksumProgress.Job source = progress(jobs.get(ChecksumSide.SOURCE).describeJob(plan.source().accountId(), request.sourceJobId()));
    ChecksumProgress.Job target = progress(jobs.get(ChecksumSide.TARGET).describeJob(plan.target().accountId(), request.targetJobId()));
    ChecksumJobOutcome outcome = ChecksumJobOutcome.both(source.outcome(), target.outcome());
    LOG.info(
        "Compute checksum jobs: blue {} {} ({}/{} done), green {} {} ({}/{} done): {}",
        source.jobId(), source.jobStatus(), source.succeededTasks() + source.failedTasks(), source.totalTasks(),
        target.jobId(), target.jobStatus(), target.succeededTasks() + target.failedTasks(), target.totalTasks(),
        outcome);
    return new ChecksumProgress(outcome, source, target);
  }

  private static ChecksumProgress.Job progress(ChecksumJob job) {
    return new ChecksumProgress.Job(
        job.jobId(),
        job.status(),
        ChecksumJobOutcome.of(job.status()),
        job.totalTasks(),
        job.succeededTasks(),
        job.failedTasks(),
        job.failureReasons().stream().limit(MAX_FAILURE_REASONS).toList(),
        job.statusUpdateReason());
  }

  // ------------------------------------------------------------------ COMPARE

  /** Matches both completion reports key by key and writes every object's outcome. */
  ChecksumComparison compare(ChecksumRequest request) {
    Plan plan = request.plan();
    ChecksumJob source = jobs.get(ChecksumSide.SOURCE).describeJob(plan.source().accountId(), request.sourceJobId());
    ChecksumJob target = jobs.get(ChecksumSide.TARGET).describeJob(plan.target().accountId(), request.targetJobId());
    List<PlanProblem> problems = new ArrayList<>();
    checkJob(plan, ChecksumSide.SOURCE, source, problems);
    checkJob(plan, ChecksumSide.TARGET, target, problems);
    String folder = problems.isEmpty() ? folderOf(plan, source, target, problems) : null;
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    finished(ChecksumSide.SOURCE, source);
    finished(ChecksumSide.TARGET, target);
    int partitions = partitions(Math.max(source.totalTasks(), target.totalTasks()));
    Path lines = null;
    try (ChecksumJoin join = new ChecksumJoin(partitions)) {
      readManifest(folder, join);
      readReport(ChecksumSide.SOURCE, source, join);
      readReport(ChecksumSide.TARGET, target, join);
      lines = Files.createTempFile("cutover-checksum-comparison", ".jsonl");
      Outcomes outcomes = new Outcomes();
      try (Writer out = Files.newBufferedWriter(lines, StandardCharsets.UTF_8)) {
        join.join(joined -> outcomes.add(joined, out));
      }
      if (join.unexpectedRows() > 0) {
        LOG.warn("{} completion report rows name keys the manifest did not list; they were ignored", join.unexpectedRows());
      }
      String key = folder + "/" + COMPARISON_FILE;
      reports.put(key, lines, NDJSON);
      int tolerance = plan.validation().mismatchTolerance();
      ChecksumComparison result =
          new ChecksumComparison(
              outcomes.differs <= tolerance,
              plan.migrationId(),
              checksum(),
              outcomes.objects,
              outcomes.equal,
              outcomes.differs,
              outcomes.unverified,
              tolerance,
              outcomes.differsExamples.values().stream().toList(),
              outcomes.unverifiedExamples.values().stream().toList(),
              outcomes.byReason(),
              new ReportLocation(reports.bucket(), key));
      LOG.info(
          "Compared {} checksums: {} equal, {} differ, {} still unverified {}; passed={}; every object at {}",
          result.objects(), result.verifiedEqual(), result.checksumDiffers(), result.stillUnverified(),
          result.stillUnverifiedByReason(), result.passed(), result.report().uri());
      return result;
    } catch (IOException | UncheckedIOException e) {
      throw new TransientException(
          "Comparing the completion reports of jobs " + source.jobId() + " and " + target.jobId()
              + " failed: " + e.getMessage() + ". The step is retried.",
          e);
    } finally {
      deleteQuietly(lines);
    }
  }

  /** The job is a CRC64NVME full-object Compute checksum job reporting to the plan's report bucket. */
  private static void checkJob(Plan plan, ChecksumSide side, ChecksumJob job, List<PlanProblem> problems) {
    String field = side.label() + "JobId";
    if (!S3ControlChecksumJobs.COMPUTE_CHECKSUM.equals(job.operation())) {
      problems.add(new PlanProblem(field, "job " + job.jobId() + " runs " + job.operation() + ", not " + S3ControlChecksumJobs.COMPUTE_CHECKSUM + "; pass the " + field + " that START returned."));
      return;
    }
    if ((job.checksumAlgorithm() != null && !job.checksumAlgorithm().equals(ALGORITHM))
        || (job.checksumType() != null && !job.checksumType().equals(TYPE))) {
      problems.add(new PlanProblem(field, "job " + job.jobId() + " computes " + job.checksumAlgorithm() + " " + job.checksumType() + " checksums; cutover compares " + checksum() + ", which START asks for. Pass the " + field + " that START returned."));
    }
    String reportBucket = plan.batch().reportBucket();
    if (job.reportBucketArn() == null || !bucketName(job.reportBucketArn()).equals(reportBucket)) {
      problems.add(new PlanProblem(field, "job " + job.jobId() + " reports to " + job.reportBucketArn() + ", not to the plan's report bucket " + reportBucket + "; pass the " + field + " that START returned."));
    }
  }

  /**
   * The folder START wrote both manifests to, from the jobs' manifest ARNs: both must be START's
   * manifests of one run, in the report bucket, so the jobs belong together.
   */
  private String folderOf(Plan plan, ChecksumJob source, ChecksumJob target, List<PlanProblem> problems) {
    String sourceFolder = manifestFolder(plan, ChecksumSide.SOURCE, source, problems);
    String targetFolder = manifestFolder(plan, ChecksumSide.TARGET, target, problems);
    if (sourceFolder != null && targetFolder != null && !sourceFolder.equals(targetFolder)) {
      problems.add(new PlanProblem("targetJobId", "job " + target.jobId() + " was started with other objects than job " + source.jobId() + " (its manifest is in " + targetFolder + ", not " + sourceFolder + "); pass the two job ids one START returned."));
    }
    return sourceFolder;
  }

  private static String manifestFolder(Plan plan, ChecksumSide side, ChecksumJob job, List<PlanProblem> problems) {
    String suffix = "/" + side.label() + "-manifest.csv";
    String arn = job.manifestObjectArn() == null ? "" : job.manifestObjectArn();
    Matcher object = OBJECT_ARN.matcher(arn);
    if (!object.matches() || !object.group(1).equals(plan.batch().reportBucket()) || !object.group(2).endsWith(suffix)) {
      problems.add(new PlanProblem(side.label() + "JobId", "job " + job.jobId() + " reads the manifest " + (arn.isEmpty() ? "(none)" : arn) + ", not a " + side.label() + " manifest START wrote to " + plan.batch().reportBucket() + "; pass the " + side.label() + "JobId that START returned."));
      return null;
    }
    String key = object.group(2);
    return key.substring(0, key.length() - suffix.length());
  }

  /** COMPARE runs on finished jobs; a failed job's partial report is compared too. */
  private static void finished(ChecksumSide side, ChecksumJob job) {
    if (ChecksumJobOutcome.of(job.status()) == ChecksumJobOutcome.RUNNING) {
      throw new PreconditionFailedException(
          "The " + side.label() + " Compute checksum job " + job.jobId() + " is " + job.status()
              + ": its completion report is not written yet. DESCRIBE until the outcome is no longer"
              + " RUNNING, then COMPARE.");
    }
  }

  private void readManifest(String folder, ChecksumJoin join) throws IOException {
    String key = manifestKey(folder, ChecksumSide.SOURCE);
    try (InputStream manifest =
            reports.open(key).orElseThrow(() -> new PreconditionFailedException(
                s3Uri(reports.bucket(), key) + ", the manifest of the source job, no longer exists; the"
                    + " comparison needs it to know which objects to expect. Start the checksums again."));
        BufferedReader reader = new BufferedReader(new InputStreamReader(manifest, StandardCharsets.UTF_8))) {
      CsvRecords rows = new CsvRecords(reader);
      for (List<String> row = rows.next(); row != null; row = rows.next()) {
        if (row.size() >= 2) {
          join.expect(CompletionReport.decodeKey(row.get(1)));
        }
      }
    }
  }

  private void readReport(ChecksumSide side, ChecksumJob job, ChecksumJoin join) throws IOException {
    String prefix = job.reportPrefix() == null ? "" : job.reportPrefix();
    String folder = (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/") + "job-" + job.jobId() + "/";
    String manifestLocation = s3Uri(reports.bucket(), folder + "manifest.json");
    List<ResultFile> files;
    try (InputStream manifest = reports.open(folder + "manifest.json").orElseThrow(() -> noReport(side, job, manifestLocation))) {
      files = CompletionReport.resultFiles(manifest, manifestLocation);
    }
    for (ResultFile file : files) {
      String location = s3Uri(file.bucket(), file.key());
      if (!file.bucket().equals(reports.bucket())) {
        throw new PreconditionFailedException(
            manifestLocation + " lists " + location + ", outside the report bucket " + reports.bucket()
                + "; cutover reads reports from that bucket only.");
      }
      try (InputStream csv =
          reports.open(file.key()).orElseThrow(() -> new PreconditionFailedException(
              location + ", listed in " + manifestLocation + ", does not exist: the completion report is"
                  + " incomplete (was part of it deleted?). Start the checksums again."))) {
        CompletionReport.readTasks(
            csv, file, location, task -> join.result(side, task.key(), TaskChecksum.of(task, ALGORITHM, TYPE)));
      }
    }
  }

  private static PreconditionFailedException noReport(ChecksumSide side, ChecksumJob job, String location) {
    String reasons =
        job.failureReasons().stream()
            .limit(MAX_FAILURE_REASONS)
            .map(f -> f.code() + ": " + f.reason())
            .reduce((a, b) -> a + "; " + b)
            .orElse("none given");
    return new PreconditionFailedException(
        "The " + side.label() + " Compute checksum job " + job.jobId() + " (" + job.status() + ") has no"
            + " completion report at " + location + ". S3 writes one once at least one task ran; the"
            + " job's failure reasons: " + reasons + ". Fix what they name (often the Batch"
            + " Operations role's permissions on the bucket, the manifest or the report bucket) and"
            + " start the checksums again.");
  }

  /** Counts, bounded examples and the full list, one object at a time. */
  private static final class Outcomes {

    private long objects;
    private long equal;
    private long differs;
    private long unverified;
    private final TreeMap<String, Difference> differsExamples = new TreeMap<>(S3KeyOrder.KEYS);
    private final TreeMap<String, Unverified> unverifiedExamples = new TreeMap<>(S3KeyOrder.KEYS);
    private final Map<String, Long> reasons = new HashMap<>();

    void add(Joined joined, Writer out) {
      objects++;
      TaskChecksum source = joined.source();
      TaskChecksum target = joined.target();
      Line line;
      if (source.hasChecksum() && target.hasChecksum()) {
        if (source.value().equals(target.value())) {
          equal++;
          line = new Line(joined.key(), "equal", source.value(), target.value(), null);
        } else {
          differs++;
          keep(differsExamples, joined.key(), new Difference(shorten(joined.key()), source.value(), target.value()));
          line = new Line(joined.key(), Category.CHECKSUM_DIFFERS.jsonName(), source.value(), target.value(), null);
        }
      } else {
        unverified++;
        String reason = reason(source, target);
        reasons.merge(reasonCode(source, target), 1L, Long::sum);
        keep(unverifiedExamples, joined.key(), new Unverified(shorten(joined.key()), reason));
        line = new Line(joined.key(), "stillUnverified", source.value(), target.value(), reason);
      }
      try {
        out.write(Json.write(line));
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Map<String, Long> byReason() {
      Map<String, Long> top = new LinkedHashMap<>();
      reasons.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
          .limit(MAX_REASONS)
          .forEach(e -> top.put(e.getKey(), e.getValue()));
      return top;
    }

    private static <T> void keep(TreeMap<String, T> examples, String key, T example) {
      examples.put(key, example);
      if (examples.size() > MAX_EXAMPLES) {
        examples.pollLastEntry();
      }
    }

    private static String reason(TaskChecksum source, TaskChecksum target) {
      List<String> parts = new ArrayList<>();
      if (!source.hasChecksum()) {
        parts.add("source: " + source.code() + (source.detail() == null ? "" : " (" + source.detail() + ")"));
      }
      if (!target.hasChecksum()) {
        parts.add("target: " + target.code() + (target.detail() == null ? "" : " (" + target.detail() + ")"));
      }
      return String.join("; ", parts);
    }

    private static String reasonCode(TaskChecksum source, TaskChecksum target) {
      List<String> parts = new ArrayList<>();
      if (!source.hasChecksum()) {
        parts.add("source:" + source.code());
      }
      if (!target.hasChecksum()) {
        parts.add("target:" + target.code());
      }
      return String.join(", ", parts);
    }
  }

  /**
   * One object's outcome in the comparison's JSON lines.
   *
   * @param key the object key, the same on both sides
   * @param outcome {@code equal}, {@code checksumDiffers} or {@code stillUnverified}
   * @param source blue's checksum (base64), or {@code null}
   * @param target green's checksum (base64), or {@code null}
   * @param reason why the object is still unverified; {@code null} otherwise
   */
  record Line(String key, String outcome, String source, String target, String reason) {}

  // ------------------------------------------------------------------ helpers

  /** How many partitions keep a partition of the join at most {@code objectsPerPartition}. */
  int partitions(long objects) {
    long needed = (objects + objectsPerPartition - 1) / objectsPerPartition;
    return (int) Math.max(1, Math.min(MAX_PARTITIONS, needed));
  }

  static String checksum() {
    return ALGORITHM + " " + TYPE;
  }

  /**
   * Where START writes for one execution and state: {@code
   * {reportPrefix}{migrationId}/checksum/<execution name>/<state name>}, so a retried START
   * overwrites its own manifests with the same content and a new execution never touches them.
   */
  static String folder(Plan plan, String executionId, String stateName) {
    return plan.batch().reportPrefix() + plan.migrationId() + "/checksum/"
        + safeName(executionId.substring(executionId.lastIndexOf(':') + 1)) + "/" + safeName(stateName);
  }

  static String manifestKey(String folder, ChecksumSide side) {
    return folder + "/" + side.label() + "-manifest.csv";
  }

  /** A name made safe for a key: letters, digits, {@code . _ -}. */
  private static String safeName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "-");
    return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "run" : safe;
  }

  /** A key as the result shows it: at most {@link Example#MAX_KEY_BYTES} UTF-8 bytes, then …. */
  static String shorten(String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length <= Example.MAX_KEY_BYTES) {
      return key;
    }
    StringBuilder kept = new StringBuilder();
    int bytes = "…".getBytes(StandardCharsets.UTF_8).length;
    for (int i = 0; i < key.length(); ) {
      int cp = key.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > Example.MAX_KEY_BYTES) {
        break;
      }
      kept.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    return kept.append('…').toString();
  }

  private static String description(Plan plan, ChecksumSide side) {
    String text = "cutover " + plan.migrationId() + ": compute checksums (" + side.label() + ")";
    return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION);
  }

  /** The role for {@code side}'s job: an IAM role ARN in the side's account. */
  private String batchRole(Plan plan, ChecksumSide side) {
    String variable = side == ChecksumSide.SOURCE ? SOURCE_ROLE_VARIABLE : TARGET_ROLE_VARIABLE;
    String account = side.of(plan).accountId();
    String value = roles.get(side);
    if (value == null || value.isBlank()) {
      throw new PreconditionFailedException(
          variable + " is not set. Set it on the checksum Lambda to the ARN of the IAM role S3 Batch"
              + " Operations assumes to compute the " + side.label() + " bucket's checksums, a role in"
              + " account " + account + "; nothing was created.");
    }
    String role = value.strip();
    Arn arn = Arn.parse(role).orElse(null);
    if (arn == null || !arn.service().equals("iam") || !ROLE_RESOURCE.matcher(arn.resource()).matches()) {
      throw new PreconditionFailedException(
          variable + " is \"" + role + "\", not an IAM role ARN; set it to arn:" + partition(plan)
              + ":iam::" + account + ":role/NAME, the role S3 Batch Operations assumes. Nothing was created.");
    }
    if (!arn.accountId().equals(account)) {
      throw new PreconditionFailedException(
          variable + " names a role in account " + arn.accountId() + ", but the " + side.label()
              + " job runs in account " + account + ", which owns the bucket, and S3 Batch Operations"
              + " only assumes a role of the account that owns the job. Point it at a role in "
              + account + "; nothing was created.");
    }
    return role;
  }

  /** The partition from the source role's ARN, which the plan has already checked. */
  private static String partition(Plan plan) {
    return Arn.parse(plan.source().roleArn())
        .map(Arn::partition)
        .orElseThrow(() -> new IllegalStateException("a parsed plan has a valid source.roleArn"));
  }

  private static String bucketName(String bucketArn) {
    int at = bucketArn.indexOf(":::");
    return at < 0 ? bucketArn : bucketArn.substring(at + 3);
  }

  private static String s3Uri(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete the temporary file {}: {}", file, e.toString());
    }
  }
}
