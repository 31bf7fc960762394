package dev.cutover.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.aws.AwsClients;
import dev.cutover.verify.aws.S3Buckets;
import dev.cutover.verify.port.BucketRef;
import dev.cutover.verify.port.ObjectStore;
import dev.cutover.verify.port.Progress;
import dev.cutover.verify.port.ReportStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Our verification against {@code rclone check}, both on the same two buckets of the same S3
 * server in the same run ({@link BenchS3Server}, started by {@code bench/verify.sh}), timed one
 * after the other, rep by rep, so that load on the machine falls on both.
 *
 * <pre>
 * VerifyBench --ready FILE --rclone PATH --work DIR [--keys N] [--warmup N] [--reps N]
 *             [--step-reps N] [--checkers N] [--synthetic FILE]... [--out FILE]
 * </pre>
 *
 * <p>Our side is the production wiring: {@link AwsClients} (endpoint, region and keys from the
 * environment, as in a local run) and {@link S3Buckets}. Measured:
 *
 * <ol>
 *   <li><b>Listing diff</b>: {@link ListingDiff} (both listings merged; missing, extra and size
 *       differences recorded and reported) against {@code rclone check} (listings; size and MD5
 *       from the listed ETag) and {@code rclone check --size-only}.
 *   <li><b>Whole step, listing mode</b>: {@link VerifyStep} as the Lambda runs it: the listing
 *       diff and, for every pair of equal size, HEAD on both sides and the tags of both (the
 *       example plan compares tags), against the same {@code rclone check}.
 *   <li><b>Per object</b>: {@link VerifyStep} with {@code --keys} given keys ({@link
 *       ObjectVerifier} on the step's pool), with the plan's fields and without tags, against
 *       {@code rclone check --files-from-raw} with {@code --no-traverse} (HEAD of each key on
 *       both sides, like ours) and without it (rclone then lists the directories instead).
 * </ol>
 *
 * <p>Before timing anything it checks that the server serves what {@link BenchDataset} says
 * (sizes and MD5 ETags, by HEAD and by listing); after every run it checks that the run found
 * exactly the data set's differences, ours and rclone's alike, and stops if not.
 */
public final class VerifyBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double LISTING_GOAL = 3.0;
  private static final double PER_OBJECT_GOAL = 1.0;
  private static final String REGION = "us-east-1";

  private VerifyBench() {}

  record Options(
      Path ready, Path rclone, Path work, int keys, int warmup, int reps, int stepReps, int checkers, List<Path> synthetic, Path out) {}

  /** Times of one measured thing over the timed reps. */
  record Timing(String what, String tool, long objects, List<Double> seconds, Double coldSeconds, String note) {

    double median() {
      List<Double> sorted = seconds.stream().sorted().toList();
      int mid = sorted.size() / 2;
      return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    long perSecond() {
      return Math.round(objects / median());
    }
  }

  /** The data set's differences: what every run must find. */
  record Truth(Set<String> missing, Set<String> extra, Set<String> size, Set<String> content, long keys) {

    static Truth of(BenchDataset data, List<Integer> indexes, boolean withExtras) {
      Set<String> missing = new TreeSet<>();
      Set<String> extra = new TreeSet<>();
      Set<String> size = new TreeSet<>();
      Set<String> content = new TreeSet<>();
      for (int i : indexes) {
        switch (data.difference(i)) {
          case MISSING -> missing.add(data.key(i));
          case EXTRA -> {
            if (withExtras) {
              extra.add(data.extraKey(i));
            }
          }
          case SIZE -> size.add(data.key(i));
          case CONTENT -> content.add(data.key(i));
          case NONE -> {}
        }
      }
      return new Truth(missing, extra, size, content, indexes.size() + extra.size());
    }
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      System.err.println("VerifyBench: " + e.getMessage());
      System.err.println("usage: VerifyBench --ready FILE --rclone PATH --work DIR [--keys N] [--warmup N] [--reps N]"
          + " [--step-reps N] [--checkers N] [--synthetic FILE]... [--out FILE]");
      System.exit(2);
      return;
    }
    JsonNode server = JSON.readTree(options.ready().toFile());
    String endpoint = server.path("endpoint").asText();
    BenchDataset data = new BenchDataset(server.path("objects").asInt());
    Set<String> fields = BenchPlan.fields();
    Set<String> fieldsWithoutTags = new TreeSet<>(fields);
    fieldsWithoutTags.remove(ObjectComparison.TAGS);
    String loadBefore = loadAverage();
    Rclone rclone = new Rclone(options.rclone(), endpoint, options.work(), options.checkers());
    String rcloneVersion = rclone.version();

    try (AwsClients aws = new AwsClients()) {
      if (aws.endpointOverride("S3").map(uri -> !uri.toString().equals(endpoint)).orElse(true)) {
        throw new IllegalStateException("AWS_ENDPOINT_URL_S3 must be the server's endpoint, " + endpoint);
      }
      S3Client s3 = aws.forAccount(null, "bench", Region.of(REGION)).configure(S3Client.builder(), "S3").forcePathStyle(true).build();
      S3Buckets buckets = new S3Buckets(aws);
      ObjectStore blue = buckets.objects(ref(BenchDataset.BLUE));
      ObjectStore green = buckets.objects(ref(BenchDataset.GREEN));
      ReportStore reports = buckets.reports(ref(BenchDataset.REPORTS));

      int sampled = checkServer(s3, data);
      System.err.printf("VerifyBench: the server serves the seeded sizes and MD5 ETags (%d objects checked by HEAD and listing)%n", sampled);

      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < data.objects(); i++) {
        all.add(i);
      }
      Truth whole = Truth.of(data, all, true);
      int stride = Math.max(1, data.objects() / options.keys());
      List<Integer> sample = new ArrayList<>();
      for (int i = 0; i < data.objects() && sample.size() < options.keys(); i += stride) {
        sample.add(i);
      }
      Truth sampledTruth = Truth.of(data, sample, false);
      List<String> keys = sample.stream().map(data::key).toList();
      Path keysFile = options.work().resolve("keys.txt");
      Files.write(keysFile, keys, StandardCharsets.UTF_8);

      List<Timing> timings = new ArrayList<>();
      int[] reportNumber = {0};
      VerifyStep step = new VerifyStep(VerifySettings.DEFAULT, Retrier.Sleeper.REAL);

      // 1. Listing diff: ours, rclone check, rclone check --size-only, rep by rep.
      System.err.printf("VerifyBench: listing diff, %,d keys: %d warm-up + %d timed runs each%n", whole.keys(), options.warmup(), options.reps());
      Callable<Void> oursListing = () -> {
        ListingDiff.Outcome o = ListingDiff.run(blue, green, reports, "bench/listing-" + (++reportNumber[0]) + ".ndjson", true);
        expect("our listing diff", "keys", whole.keys(), o.keys());
        expect("our listing diff", "missing", whole.missing(), new TreeSet<>(o.missing()));
        expect("our listing diff", "extra", whole.extra(), new TreeSet<>(o.extra()));
        expect("our listing diff", "size differs", whole.size(), new TreeSet<>(o.sizeDiffers()));
        return null;
      };
      Callable<Void> rcloneCheck = () -> {
        checkRclone("rclone check", rclone.check("listing", List.of()), whole, union(whole.size(), whole.content()));
        return null;
      };
      Callable<Void> rcloneSizeOnly = () -> {
        checkRclone("rclone check --size-only", rclone.check("listing-size-only", List.of("--size-only")), whole, whole.size());
        return null;
      };
      Map<String, List<Double>> listingTimes = runInterleaved(
          options.warmup(), options.reps(),
          List.of(Map.entry("ours", oursListing), Map.entry("rclone", rcloneCheck), Map.entry("rclone-size-only", rcloneSizeOnly)));
      timings.add(new Timing("listing diff", "ours: ListingDiff (PagedListing + ListingMerge over S3ObjectStore)", whole.keys(),
          listingTimes.get("ours"), listingTimes.get("ours.cold").getFirst(),
          "listings of both buckets, missing/extra/size recorded and reported; equal-size pairs left for the per-object check"));
      timings.add(new Timing("listing diff", "rclone check (" + options.checkers() + " checkers)", whole.keys(),
          listingTimes.get("rclone"), null, "listings; size and MD5 (from the listed ETag) compared"));
      timings.add(new Timing("listing diff", "rclone check --size-only", whole.keys(),
          listingTimes.get("rclone-size-only"), null, "listings; size compared"));

      // 2. The whole step in listing mode (HEAD + tags of both sides for every equal-size pair).
      System.err.printf("VerifyBench: whole step, listing mode: %d timed runs%n", options.stepReps());
      List<Double> stepTimes = new ArrayList<>();
      for (int r = 0; r < options.stepReps(); r++) {
        String reportKey = "bench/step-" + (++reportNumber[0]) + ".ndjson";
        long start = System.nanoTime();
        VerifyResult result = step.run(new VerifyJob("bench", blue, green, "", fields, 0, reports, reportKey, null), Progress.NONE);
        stepTimes.add((System.nanoTime() - start) / 1e9);
        checkStep("the whole step (listing)", result, readReport(s3, reportKey), whole, true);
      }
      timings.add(new Timing("whole step, listing mode", "ours: VerifyStep, plan fields (HEAD + tags, both sides)", whole.keys(),
          stepTimes, null, "listing diff, then 4 requests per equal-size pair on 8 workers"));

      // 3. Per object, given keys.
      System.err.printf("VerifyBench: per object, %,d keys: %d warm-up + %d timed runs each%n", keys.size(), options.warmup(), options.reps());
      Callable<Void> oursKeys = () -> {
        String reportKey = "bench/keys-" + (++reportNumber[0]) + ".ndjson";
        VerifyResult result = step.run(new VerifyJob("bench", blue, green, "", fields, 0, reports, reportKey, keys), Progress.NONE);
        checkStep("our per-object verify", result, readReport(s3, reportKey), sampledTruth, false);
        return null;
      };
      Callable<Void> oursKeysNoTags = () -> {
        String reportKey = "bench/keys-" + (++reportNumber[0]) + ".ndjson";
        VerifyResult result = step.run(new VerifyJob("bench", blue, green, "", fieldsWithoutTags, 0, reports, reportKey, keys), Progress.NONE);
        checkStep("our per-object verify without tags", result, readReport(s3, reportKey), sampledTruth, false);
        return null;
      };
      Callable<Void> rcloneHeads = () -> {
        checkRclone("rclone check --files-from-raw --no-traverse",
            rclone.check("keys-no-traverse", List.of("--files-from-raw", keysFile.toString(), "--no-traverse")),
            sampledTruth, union(sampledTruth.size(), sampledTruth.content()));
        return null;
      };
      Callable<Void> rcloneFilesFrom = () -> {
        checkRclone("rclone check --files-from-raw",
            rclone.check("keys", List.of("--files-from-raw", keysFile.toString())),
            sampledTruth, union(sampledTruth.size(), sampledTruth.content()));
        return null;
      };
      Map<String, List<Double>> keyTimes = runInterleaved(
          options.warmup(), options.reps(),
          List.of(Map.entry("ours", oursKeys), Map.entry("ours-no-tags", oursKeysNoTags),
              Map.entry("rclone-no-traverse", rcloneHeads), Map.entry("rclone", rcloneFilesFrom)));
      timings.add(new Timing("per object (given keys)", "ours: VerifyStep keys, plan fields (HEAD + tags)", keys.size(),
          keyTimes.get("ours"), keyTimes.get("ours.cold").getFirst(), "4 requests per key on 8 workers; size, ETag, every plan field"));
      timings.add(new Timing("per object (given keys)", "ours: VerifyStep keys, plan fields less tags (HEAD)", keys.size(),
          keyTimes.get("ours-no-tags"), null, "2 requests per key on 8 workers; size, ETag, header fields"));
      timings.add(new Timing("per object (given keys)", "rclone check --files-from-raw --no-traverse", keys.size(),
          keyTimes.get("rclone-no-traverse"), null, "HEAD of each key on both sides; size and MD5 (ETag)"));
      timings.add(new Timing("per object (given keys)", "rclone check --files-from-raw", keys.size(),
          keyTimes.get("rclone"), null, "lists the keys' directories, filters; size and MD5"));

      List<JsonNode> synthetic = new ArrayList<>();
      for (Path file : options.synthetic()) {
        synthetic.add(JSON.readTree(file.toFile()));
      }
      ObjectNode document = document(server, rcloneVersion, options, timings, synthetic, sampled);
      document.put("loadAverageBefore", loadBefore).put("loadAverageAfter", loadAverage());
      if (options.out() != null) {
        JSON.writerWithDefaultPrettyPrinter().writeValue(options.out().toFile(), document);
      }
      System.out.print(table(document, timings, synthetic));
    }
  }

  static Options options(String[] args) {
    Path ready = null;
    Path rclone = Path.of("/usr/bin/rclone");
    Path work = null;
    int keys = 10_000;
    int warmup = 1;
    int reps = 3;
    int stepReps = 1;
    int checkers = VerifySettings.DEFAULT_CONCURRENCY;
    List<Path> synthetic = new ArrayList<>();
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      String value = args[++i];
      switch (arg) {
        case "--ready" -> ready = Path.of(value);
        case "--rclone" -> rclone = Path.of(value);
        case "--work" -> work = Path.of(value);
        case "--keys" -> keys = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--reps" -> reps = Integer.parseInt(value);
        case "--step-reps" -> stepReps = Integer.parseInt(value);
        case "--checkers" -> checkers = Integer.parseInt(value);
        case "--synthetic" -> synthetic.add(Path.of(value));
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (ready == null || work == null) {
      throw new IllegalArgumentException("--ready and --work are required");
    }
    if (keys < 1 || warmup < 1 || reps < 1 || stepReps < 0 || checkers < 1) {
      throw new IllegalArgumentException("--keys, --warmup, --reps and --checkers must be >= 1, --step-reps >= 0");
    }
    return new Options(ready, rclone, work, keys, warmup, reps, stepReps, checkers, List.copyOf(synthetic), out);
  }

  /** The 1, 5 and 15 minute load averages: other work on the machine slows both sides. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static BucketRef ref(String bucket) {
    return new BucketRef(bucket, REGION, null, "bench", null);
  }

  /**
   * Runs every task {@code warmup} times untimed (the first run's time is kept as {@code
   * NAME.cold}), then {@code reps} rounds of every task in turn, each timed.
   */
  private static Map<String, List<Double>> runInterleaved(int warmup, int reps, List<Map.Entry<String, Callable<Void>>> tasks)
      throws Exception {
    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (Map.Entry<String, Callable<Void>> task : tasks) {
      for (int w = 0; w < warmup; w++) {
        long start = System.nanoTime();
        task.getValue().call();
        if (w == 0) {
          times.put(task.getKey() + ".cold", List.of((System.nanoTime() - start) / 1e9));
        }
      }
    }
    for (int r = 0; r < reps; r++) {
      for (Map.Entry<String, Callable<Void>> task : tasks) {
        long start = System.nanoTime();
        task.getValue().call();
        double seconds = (System.nanoTime() - start) / 1e9;
        times.computeIfAbsent(task.getKey(), k -> new ArrayList<>()).add(seconds);
        System.err.printf(Locale.ROOT, "  %-20s rep %d: %.2f s%n", task.getKey(), r + 1, seconds);
      }
    }
    return times;
  }

  /**
   * HEAD of a sample of objects on both sides (and of every kind of difference), and the first
   * listing page of each bucket: sizes and ETags must be the data set's sizes and MD5s.
   */
  private static int checkServer(S3Client s3, BenchDataset data) {
    Set<Integer> indexes = new TreeSet<>();
    int stride = Math.max(1, data.objects() / 200);
    for (int i = 0; i < data.objects(); i += stride) {
      indexes.add(i);
    }
    Set<BenchDataset.Difference> seen = new HashSet<>();
    for (int i = 0; i < data.objects() && seen.size() < BenchDataset.Difference.values().length; i++) {
      if (seen.add(data.difference(i))) {
        indexes.add(i);
      }
    }
    for (int i : indexes) {
      String key = data.key(i);
      expectObject(s3, BenchDataset.BLUE, key, data.blueBody(i));
      BenchDataset.Difference difference = data.difference(i);
      expectObject(s3, BenchDataset.GREEN, key, difference == BenchDataset.Difference.MISSING ? null : data.greenBody(i));
      if (difference == BenchDataset.Difference.EXTRA) {
        expectObject(s3, BenchDataset.GREEN, data.extraKey(i), data.extraBody(i));
        expectObject(s3, BenchDataset.BLUE, data.extraKey(i), null);
      }
    }
    for (String bucket : List.of(BenchDataset.BLUE, BenchDataset.GREEN)) {
      List<S3Object> listed = s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(1000)).contents();
      if (listed.size() != Math.min(1000, data.objects())) {
        throw new IllegalStateException(bucket + ": the first listing page has " + listed.size() + " keys");
      }
      for (S3Object o : listed) {
        int i = data.index(o.key());
        boolean extra = BenchDataset.isExtra(o.key());
        byte[] body = bucket.equals(BenchDataset.BLUE) ? data.blueBody(i) : extra ? data.extraBody(i) : data.greenBody(i);
        if (i < 0 || o.size() != body.length || !unquoted(o.eTag()).equals(BenchDataset.md5(body))) {
          throw new IllegalStateException(bucket + " lists " + o.key() + " with size " + o.size() + " and ETag " + o.eTag()
              + "; seeded: " + body.length + " bytes, MD5 " + BenchDataset.md5(body));
        }
      }
    }
    return indexes.size();
  }

  private static void expectObject(S3Client s3, String bucket, String key, byte[] body) {
    HeadObjectResponse head;
    try {
      head = s3.headObject(r -> r.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      head = null;
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      head = null;
    }
    if (body == null) {
      if (head != null) {
        throw new IllegalStateException(bucket + "/" + key + " exists; it was not seeded");
      }
      return;
    }
    if (head == null) {
      throw new IllegalStateException(bucket + "/" + key + " is missing; it was seeded");
    }
    if (head.contentLength() != body.length || !unquoted(head.eTag()).equals(BenchDataset.md5(body))) {
      throw new IllegalStateException(bucket + "/" + key + ": HEAD says " + head.contentLength() + " bytes, ETag " + head.eTag()
          + "; seeded: " + body.length + " bytes, MD5 " + BenchDataset.md5(body));
    }
  }

  private static String unquoted(String eTag) {
    return eTag == null ? "" : eTag.replace("\"", "");
  }

  private static void checkRclone(String what, Rclone.Run run, Truth truth, Set<String> differ) {
    expect(what, "missing on green (+)", truth.missing(), new TreeSet<>(run.onlySource()));
    expect(what, "extra on green (-)", truth.extra(), new TreeSet<>(run.onlyTarget()));
    expect(what, "differ (*)", differ, new TreeSet<>(run.differ()));
    long equal = truth.keys() - truth.missing().size() - truth.extra().size() - differ.size();
    expect(what, "equal (=)", equal, run.equal());
  }

  /** The step's result and report must hold exactly the data set's differences, nothing else. */
  private static void checkStep(
      String what, VerifyResult result, List<Map.Entry<String, List<String>>> findings, Truth truth, boolean listing) {
    Map<Category, Set<String>> found = new LinkedHashMap<>();
    Map<String, Category> byName = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      found.put(c, new TreeSet<>());
      byName.put(c.jsonName(), c);
    }
    for (Map.Entry<String, List<String>> f : findings) {
      for (String name : f.getValue()) {
        Category c = byName.get(name);
        if (c == null) {
          throw new IllegalStateException(what + ": unknown category " + name + " in the report");
        }
        found.get(c).add(f.getKey());
      }
    }
    expect(what, "objects compared", truth.keys(), result.objectsCompared());
    expect(what, "missing on green", truth.missing(), found.get(Category.MISSING_ON_TARGET));
    expect(what, "extra on green", listing ? truth.extra() : Set.of(), found.get(Category.EXTRA_ON_TARGET));
    expect(what, "size differs", truth.size(), found.get(Category.SIZE_DIFFERS));
    expect(what, "checksum (ETag) differs", truth.content(), found.get(Category.CHECKSUM_DIFFERS));
    expect(what, "metadata differs", Set.of(), found.get(Category.METADATA_DIFFERS));
    expect(what, "content unverified", Set.of(), found.get(Category.CONTENT_UNVERIFIED));
    expect(what, "retries", 0L, result.retries());
  }

  /** The report's findings as key and category names, read back from the report bucket. */
  private static List<Map.Entry<String, List<String>>> readReport(S3Client s3, String key) throws IOException {
    ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(r -> r.bucket(BenchDataset.REPORTS).key(key));
    List<Map.Entry<String, List<String>>> findings = new ArrayList<>();
    for (String line : bytes.asUtf8String().split("\n")) {
      if (!line.isBlank()) {
        JsonNode finding = JSON.readTree(line);
        List<String> categories = new ArrayList<>();
        finding.path("categories").forEach(c -> categories.add(c.asText()));
        findings.add(Map.entry(finding.path("key").asText(), categories));
      }
    }
    return findings;
  }

  private static void expect(String what, String field, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      String detail = expected instanceof Set<?> e && actual instanceof Set<?> a ? difference(e, a) : expected + " expected, " + actual + " found";
      throw new IllegalStateException(what + " disagrees with the data set on " + field + ": " + detail);
    }
  }

  private static String difference(Set<?> expected, Set<?> actual) {
    Set<Object> notFound = new TreeSet<>(expected);
    notFound.removeAll(actual);
    Set<Object> unexpected = new TreeSet<>(actual);
    unexpected.removeAll(expected);
    return expected.size() + " expected, " + actual.size() + " found; not found (first 5): "
        + notFound.stream().limit(5).toList() + "; unexpected (first 5): " + unexpected.stream().limit(5).toList();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  private static ObjectNode document(
      JsonNode server, String rcloneVersion, Options options, List<Timing> timings, List<JsonNode> synthetic, int sampled) {
    ObjectNode document = JSON.createObjectNode();
    document.put("runtime", "java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
    document.put("processors", Runtime.getRuntime().availableProcessors());
    document.put("rclone", rcloneVersion);
    document.set("server", server);
    document.put("serverObjectsChecked", sampled);
    document.put("checkers", options.checkers());
    document.put("ourConcurrency", VerifySettings.DEFAULT.concurrency());
    document.put("warmup", options.warmup());
    document.put("reps", options.reps());
    ArrayNode results = document.putArray("results");
    for (Timing t : timings) {
      ObjectNode node = results.addObject()
          .put("what", t.what())
          .put("tool", t.tool())
          .put("objects", t.objects())
          .put("note", t.note());
      ArrayNode times = node.putArray("seconds");
      t.seconds().forEach(times::add);
      if (!t.seconds().isEmpty()) {
        node.put("medianSeconds", t.median()).put("objectsPerSecond", t.perSecond());
      }
      if (t.coldSeconds() != null) {
        node.put("coldSeconds", t.coldSeconds());
      }
    }
    ArrayNode syntheticNode = document.putArray("synthetic");
    synthetic.forEach(syntheticNode::add);
    return document;
  }

  static String table(ObjectNode document, List<Timing> timings, List<JsonNode> synthetic) {
    StringBuilder out = new StringBuilder();
    JsonNode server = document.path("server");
    out.append(String.format(Locale.ROOT, "server: %s, %,d objects per bucket, seeded in %.1f s by %s%n",
        server.path("server").asText(), server.path("objects").asInt(), server.path("seedSeconds").asDouble(), server.path("seeding").asText()));
    out.append(String.format(Locale.ROOT, "ours: %s, %d workers; peer: %s, --checkers %d; %d processors; %d warm-up + %d timed runs, median%n",
        document.path("runtime").asText(), document.path("ourConcurrency").asInt(), document.path("rclone").asText(),
        document.path("checkers").asInt(), document.path("processors").asInt(), document.path("warmup").asInt(), document.path("reps").asInt()));
    out.append(String.format(Locale.ROOT, "load average (1, 5, 15 min): %s before, %s after%n",
        document.path("loadAverageBefore").asText(), document.path("loadAverageAfter").asText()));
    String format = "%-26s %-58s %9s %9s %11s %8s%n";
    out.append(String.format(Locale.ROOT, format, "measure", "tool", "objects", "median s", "objects/s", "vs rclone"));
    Map<String, Timing> rcloneBaseline = new LinkedHashMap<>();
    for (Timing t : timings) {
      if (t.tool().startsWith("rclone check") && !t.seconds().isEmpty()) {
        rcloneBaseline.putIfAbsent(t.what(), t);
      }
    }
    Timing listingRclone = rcloneBaseline.get("listing diff");
    List<String> verdicts = new ArrayList<>();
    for (Timing t : timings) {
      if (t.seconds().isEmpty()) {
        continue;
      }
      Timing baseline = rcloneBaseline.getOrDefault(t.what(), listingRclone);
      String ratio = t.tool().startsWith("ours") && baseline != null
          ? String.format(Locale.ROOT, "%.2fx", (double) t.perSecond() / baseline.perSecond()) : "";
      out.append(String.format(Locale.ROOT, format, t.what(), t.tool(), String.format(Locale.ROOT, "%,d", t.objects()),
          String.format(Locale.ROOT, "%.2f", t.median()), String.format(Locale.ROOT, "%,d", t.perSecond()), ratio));
      if (t.coldSeconds() != null) {
        out.append(String.format(Locale.ROOT, format, "", "  (first run in a fresh JVM)", "",
            String.format(Locale.ROOT, "%.2f", t.coldSeconds()), String.format(Locale.ROOT, "%,d", Math.round(t.objects() / t.coldSeconds())), ""));
      }
    }
    Timing ours = timings.stream().filter(t -> t.what().equals("listing diff") && t.tool().startsWith("ours")).findFirst().orElseThrow();
    double listingRatio = (double) ours.perSecond() / listingRclone.perSecond();
    verdicts.add(String.format(Locale.ROOT, "listing diff vs rclone check: %.2fx (goal >= %.0fx): %s",
        listingRatio, LISTING_GOAL, listingRatio >= LISTING_GOAL ? "met" : "NOT met"));
    Timing oursKeys = timings.stream().filter(t -> t.what().startsWith("per object") && t.tool().startsWith("ours")).findFirst().orElseThrow();
    Timing rcloneKeys = rcloneBaseline.get(oursKeys.what());
    double keysRatio = (double) oursKeys.perSecond() / rcloneKeys.perSecond();
    verdicts.add(String.format(Locale.ROOT, "per-object verify (plan fields) vs %s: %.2fx (goal >= %.0fx): %s",
        rcloneKeys.tool(), keysRatio, PER_OBJECT_GOAL, keysRatio >= PER_OBJECT_GOAL ? "met" : "NOT met"));
    for (JsonNode s : synthetic) {
      out.append(String.format(Locale.ROOT,
          "synthetic %-6s %,d objects (%,d keys), -Xmx%dm: completed in %.2f s, %,d keys/s; heap peak %.1f MB (before a GC), live %.1f MB (after a GC), pool peaks summed %.1f MB%n",
          s.path("mode").asText(), s.path("objects").asLong(), s.path("keys").asLong(), s.path("maxHeapBytes").asLong() >> 20,
          s.path("seconds").asDouble(), s.path("keysPerSecond").asLong(), s.path("peakUsedBeforeGcBytes").asLong() / 1e6,
          s.path("peakLiveAfterGcBytes").asLong() / 1e6, s.path("sumOfPoolPeaksBytes").asLong() / 1e6));
      if (s.path("mode").asText().equals("merge")) {
        double peakMb = s.path("peakUsedBeforeGcBytes").asLong() / 1e6;
        verdicts.add(String.format(Locale.ROOT, "peak heap of the listing diff at %,d objects: %.1f MB under -Xmx%dm (goal <= 256 MB at 1 M): %s",
            s.path("objects").asLong(), peakMb, s.path("maxHeapBytes").asLong() >> 20, peakMb <= 256 ? "met" : "NOT met"));
      }
    }
    verdicts.forEach(v -> out.append(v).append('\n'));
    return out.toString();
  }
}
