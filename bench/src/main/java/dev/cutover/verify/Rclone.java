package dev.cutover.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rclone check} of blue against green on the benchmark's server, the peer: one process per
 * run, configured only through environment variables ({@code RCLONE_CONFIG_BENCH_*}: type s3,
 * provider Other, the endpoint, path-style addressing, static keys) with an empty config file, and
 * {@code AWS_CA_BUNDLE} removed (rclone 1.60 refuses to start while it is set). Each run writes
 * its {@code --combined} report and its log under the work directory.
 */
final class Rclone {

  /**
   * One run.
   *
   * @param seconds wall time of the process, start to exit
   * @param exitCode 0 when the buckets matched, 1 when differences were found
   * @param onlySource {@code +} lines: on blue only (missing on green)
   * @param onlyTarget {@code -} lines: on green only (extra)
   * @param differ {@code *} lines: on both, different size or MD5
   * @param equal {@code =} lines: on both, the same
   */
  record Run(double seconds, int exitCode, List<String> onlySource, List<String> onlyTarget, List<String> differ, long equal) {}

  private final Path binary;
  private final String endpoint;
  private final Path work;
  private final int checkers;

  Rclone(Path binary, String endpoint, Path work, int checkers) throws IOException {
    this.binary = binary;
    this.endpoint = endpoint;
    this.work = work;
    this.checkers = checkers;
    Files.createDirectories(work);
    Files.writeString(work.resolve("rclone.conf"), "");
  }

  /** {@code rclone version}'s first line, e.g. {@code rclone v1.60.1-DEV}. */
  String version() throws IOException, InterruptedException {
    Process process = start(List.of("version"), work.resolve("version.log"));
    process.waitFor();
    String output = Files.readString(work.resolve("version.log"), StandardCharsets.UTF_8);
    return output.lines().findFirst().orElse("rclone (unknown version)").strip();
  }

  /**
   * {@code rclone check bench:BLUE bench:GREEN --checkers N --combined FILE ARGS...}.
   *
   * @param label names the run's files under the work directory
   */
  Run check(String label, List<String> args) throws IOException, InterruptedException {
    Path combined = work.resolve(label + ".combined.txt");
    Path log = work.resolve(label + ".log");
    Files.deleteIfExists(combined);
    List<String> command = new ArrayList<>(List.of(
        "check",
        "bench:" + BenchDataset.BLUE,
        "bench:" + BenchDataset.GREEN,
        "--checkers", Integer.toString(checkers),
        "--combined", combined.toString()));
    command.addAll(args);
    long start = System.nanoTime();
    Process process = start(command, log);
    int exit = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (exit != 0 && exit != 1) {
      throw new IllegalStateException("rclone " + String.join(" ", command) + " exited " + exit + ":\n" + tail(output));
    }
    if (output.contains("could not be checked")) {
      throw new IllegalStateException(
          "rclone could not compare some hashes, so it compared less than it should (" + log + "):\n" + tail(output));
    }
    Map<Character, List<String>> lines = new HashMap<>();
    for (String line : Files.readAllLines(combined, StandardCharsets.UTF_8)) {
      if (line.length() < 2 || line.charAt(1) != ' ') {
        throw new IllegalStateException("unexpected line in " + combined + ": " + line);
      }
      lines.computeIfAbsent(line.charAt(0), c -> new ArrayList<>()).add(line.substring(2));
    }
    if (lines.containsKey('!')) {
      throw new IllegalStateException("rclone had errors on " + lines.get('!').size() + " files (" + log + "):\n" + tail(output));
    }
    return new Run(
        seconds,
        exit,
        lines.getOrDefault('+', List.of()),
        lines.getOrDefault('-', List.of()),
        lines.getOrDefault('*', List.of()),
        lines.getOrDefault('=', List.of()).size());
  }

  private Process start(List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--config");
    command.add(work.resolve("rclone.conf").toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.remove("AWS_CA_BUNDLE");
    env.put("RCLONE_CONFIG_BENCH_TYPE", "s3");
    env.put("RCLONE_CONFIG_BENCH_PROVIDER", "Other");
    env.put("RCLONE_CONFIG_BENCH_ENDPOINT", endpoint);
    env.put("RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE", "true");
    env.put("RCLONE_CONFIG_BENCH_ACCESS_KEY_ID", "bench");
    env.put("RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY", "bench");
    env.put("RCLONE_CONFIG_BENCH_REGION", "us-east-1");
    return builder.start();
  }

  private static String tail(String output) {
    List<String> lines = output.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
