package dev.cutover.local.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The edge's standard log delivery: records are buffered and, on {@link #flush()}, written as
 * gzip'd files in the layout standard logging v2 uses with Hive-compatible paths and the suffix
 * {@code {distributionid}/{yyyy}/{MM}/{dd}/{HH}} — {@code
 * <root>/distributionid=<id>/year=YYYY/month=MM/day=DD/hour=HH/<id>.YYYY-MM-DD-HH.<unique>.gz} —
 * each starting with the {@code #Version:} and {@code #Fields:} lines. That is the layout the
 * CloudFront log table (lambdas/queries {@code cloudfront-logs-table.ddl}) projects, so the log
 * scan's SQL reads them unchanged. A record is filed under its own hour.
 */
final class StandardLogs {

  private static final DateTimeFormatter FILE_HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH").withZone(ZoneOffset.UTC);

  private final Path root;
  private final Random unique;
  private List<LogRecord> buffer = new ArrayList<>();
  private long written;

  StandardLogs(Path root, long seed) {
    this.root = root;
    this.unique = new Random(seed);
  }

  Path root() {
    return root;
  }

  synchronized void add(LogRecord record) {
    buffer.add(record);
  }

  /** Lines written to files so far. */
  synchronized long written() {
    return written;
  }

  /** Writes every buffered record; returns the files written. */
  List<Path> flush() {
    List<LogRecord> records;
    synchronized (this) {
      records = buffer;
      buffer = new ArrayList<>();
    }
    Map<String, List<LogRecord>> byPartition = new LinkedHashMap<>();
    for (LogRecord r : records) {
      byPartition.computeIfAbsent(r.distributionId() + "|" + r.at().truncatedTo(ChronoUnit.HOURS), k -> new ArrayList<>()).add(r);
    }
    List<Path> files = new ArrayList<>();
    synchronized (this) {
      for (List<LogRecord> lines : byPartition.values()) {
        LogRecord first = lines.getFirst();
        Instant hour = first.at().truncatedTo(ChronoUnit.HOURS);
        String name = first.distributionId() + "." + FILE_HOUR.format(hour) + "." + HexFormat.of().toHexDigits(unique.nextInt()) + ".gz";
        Path file = root.resolve(partitionPath(first.distributionId(), hour)).resolve(name);
        write(file, lines);
        files.add(file);
        written += lines.size();
      }
    }
    return files;
  }

  /** The folder an hour's logs of a distribution are filed in, relative to the root. */
  static String partitionPath(String distributionId, Instant hour) {
    var t = hour.atOffset(ZoneOffset.UTC);
    return "distributionid=%s/year=%04d/month=%02d/day=%02d/hour=%02d/".formatted(distributionId, t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
  }

  private static void write(Path file, List<LogRecord> lines) {
    StringBuilder text = new StringBuilder("#Version: 1.0\n#Fields: ").append(String.join(" ", LogRecord.FIELDS)).append('\n');
    for (LogRecord r : lines) {
      text.append(r.line()).append('\n');
    }
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the standard log file " + file, e);
    }
  }
}
