package dev.cutover.bench;

import dev.cutover.local.rehearsal.AssetSet;
import dev.cutover.local.rehearsal.LocalDeployment;
import dev.cutover.local.rehearsal.RehearsalPlan;
import dev.cutover.local.s3.LocalS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The rehearsal's peer: the least a migration must do, with nothing verified and nobody watching.
 * On a fresh {@link LocalS3} (the rehearsal's S3 server, in this JVM as in the rehearsal) with
 * blue and green created as the rehearsal creates them (versioned, the rehearsal plan's names),
 * it seeds blue with the same {@link AssetSet} (same count, same seed, same writer: 8 threads),
 * timed as the rehearsal's seeding is, then times {@code rclone copy} of blue to green: one
 * listing of each side and a server-side CopyObject per object, as S3 Batch Operations copies in
 * the backfill. Afterwards, untimed, it checks that green holds every asset at its size, so a copy
 * that did less is never timed as the peer; and times {@code rclone check} of the two, for a
 * second reference (a listing comparison: sizes and MD5 ETags).
 *
 * <p>rclone is configured only by environment (type s3, provider Other, the endpoint, path-style
 * addressing) with an empty config file, and {@code AWS_CA_BUNDLE} removed: rclone 1.60 refuses to
 * start while it is set (VERSIONS.md).
 */
final class CopyPeer {

  /**
   * What the peer did.
   *
   * @param objects objects seeded into blue (and found on green afterwards)
   * @param bytes their bytes
   * @param seedSeconds generating the asset set and writing it to blue
   * @param copySeconds {@code rclone copy} blue to green, process start to exit
   * @param checkSeconds {@code rclone check} blue against green, process start to exit
   * @param checkExit its exit code (0: no difference found)
   * @param checkSummary its last lines (what it counted)
   * @param serverStartSeconds starting the S3 server (not in the peer's time, nor in the ratio)
   * @param cpuSeconds this JVM's CPU time (the S3 server, and the seeding threads) over seed and copy
   * @param serverSideCopies objects rclone says it copied server-side (CopyObject, as the backfill)
   */
  record Result(int objects, long bytes, double seedSeconds, double copySeconds, double checkSeconds, int checkExit, List<String> checkSummary,
      double serverStartSeconds, double cpuSeconds, String rcloneVersion, int transfers, int checkers, long serverSideCopies) {

    double seconds() {
      return seedSeconds + copySeconds;
    }
  }

  private final Path rclone;
  private final Path work;
  private final int transfers;
  private final int checkers;

  CopyPeer(Path rclone, Path work, int transfers, int checkers) {
    this.rclone = rclone;
    this.work = work;
    this.transfers = transfers;
    this.checkers = checkers;
  }

  Result run(int objects, long seed) throws IOException, InterruptedException {
    Files.createDirectories(work);
    Files.writeString(work.resolve("rclone.conf"), "");
    RehearsalPlan plan = RehearsalPlan.defaults(LocalDeployment.BLUE_DISTRIBUTION, LocalDeployment.GREEN_DISTRIBUTION);
    String version = firstLine(rclone(List.of("version"), work.resolve("version.log"), Optional.empty()));
    long startNanos = System.nanoTime();
    try (LocalS3 s3 = LocalS3.start(); S3Client client = s3.newClient()) {
      double serverStart = (System.nanoTime() - startNanos) / 1e9;
      s3.createBucket(plan.blueBucket(), true);
      s3.createBucket(plan.greenBucket(), true);
      System.err.printf("peer: S3 server up in %.1f s at %s; seeding %d objects into %s%n", serverStart, s3.endpoint(), objects, plan.blueBucket());

      double cpu0 = Jvm.cpuSeconds();
      long t0 = System.nanoTime();
      AssetSet assets = AssetSet.of(plan.prefix(), objects, seed);
      assets.write(client, plan.blueBucket(), 8, done -> {});
      double seedSeconds = (System.nanoTime() - t0) / 1e9;
      System.err.printf("peer: seeded in %.1f s; rclone copy %s -> %s (--transfers %d --checkers %d)%n", seedSeconds, plan.blueBucket(),
          plan.greenBucket(), transfers, checkers);

      long t1 = System.nanoTime();
      Run copy = rclone(List.of("copy", "bench:" + plan.blueBucket(), "bench:" + plan.greenBucket(), "--transfers", Integer.toString(transfers),
          "--checkers", Integer.toString(checkers), "--stats", "0", "-v"), work.resolve("copy.log"), Optional.of(s3.endpoint().toString()));
      double copySeconds = (System.nanoTime() - t1) / 1e9;
      double cpuSeconds = Jvm.cpuSeconds() - cpu0;
      if (copy.exit() != 0) {
        throw new IllegalStateException("rclone copy exited " + copy.exit() + " (" + work.resolve("copy.log") + "):\n" + tail(copy.output(), 20));
      }
      long serverSide = copy.output().lines().filter(l -> l.endsWith(": Copied (server-side copy)")).count();
      System.err.printf("peer: copied in %.1f s (%d server-side copies); checking green holds every object (untimed)%n", copySeconds, serverSide);
      long bytes = checkGreen(client, plan.greenBucket(), assets);

      long t2 = System.nanoTime();
      Run check = rclone(List.of("check", "bench:" + plan.blueBucket(), "bench:" + plan.greenBucket(), "--checkers", Integer.toString(checkers)),
          work.resolve("check.log"), Optional.of(s3.endpoint().toString()));
      double checkSeconds = (System.nanoTime() - t2) / 1e9;
      if (check.exit() != 0 && check.exit() != 1) {
        throw new IllegalStateException("rclone check exited " + check.exit() + " (" + work.resolve("check.log") + "):\n" + tail(check.output(), 20));
      }
      System.err.printf("peer: rclone check in %.1f s, exit %d%n", checkSeconds, check.exit());
      return new Result(assets.assets().size(), bytes, seedSeconds, copySeconds, checkSeconds, check.exit(), tail(check.output(), 6).lines().toList(),
          serverStart, cpuSeconds, version, transfers, checkers, serverSide);
    }
  }

  /** Every asset on green at its size; returns the bytes. A copy that did less is not a peer. */
  private static long checkGreen(S3Client s3, String green, AssetSet assets) {
    Map<String, Long> sizes = new HashMap<>();
    for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(green)).contents()) {
      sizes.put(o.key(), o.size());
    }
    List<String> wrong = new ArrayList<>();
    long bytes = 0;
    for (AssetSet.Asset asset : assets.assets()) {
      Long size = sizes.get(asset.key());
      if (size == null || size != asset.body().length) {
        wrong.add(asset.key() + (size == null ? " missing" : " is " + size + " bytes, not " + asset.body().length));
      }
      bytes += asset.body().length;
    }
    if (!wrong.isEmpty() || sizes.size() != assets.assets().size()) {
      throw new IllegalStateException("rclone copy left green with " + sizes.size() + " objects for " + assets.assets().size() + " assets; "
          + wrong.size() + " missing or of another size, e.g. " + wrong.subList(0, Math.min(5, wrong.size())));
    }
    return bytes;
  }

  private record Run(int exit, String output) {}

  private Run rclone(List<String> args, Path log, Optional<String> endpoint) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(rclone.toString(), "--config", work.resolve("rclone.conf").toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.remove("AWS_CA_BUNDLE");
    endpoint.ifPresent(e -> {
      env.put("RCLONE_CONFIG_BENCH_TYPE", "s3");
      env.put("RCLONE_CONFIG_BENCH_PROVIDER", "Other");
      env.put("RCLONE_CONFIG_BENCH_ENDPOINT", e);
      env.put("RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE", "true");
      env.put("RCLONE_CONFIG_BENCH_ACCESS_KEY_ID", "local");
      env.put("RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY", "local");
      env.put("RCLONE_CONFIG_BENCH_REGION", LocalS3.REGION.id());
    });
    int exit = builder.start().waitFor();
    return new Run(exit, Files.readString(log, StandardCharsets.UTF_8));
  }

  private static String firstLine(Run run) {
    return run.output().lines().findFirst().orElse("rclone (unknown version)").strip();
  }

  private static String tail(String output, int n) {
    List<String> lines = output.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }
}
