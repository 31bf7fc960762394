package dev.cutover.verify;

import dev.cutover.aws.S3KeyOrder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Matches three unordered streams by key: the keys a manifest listed, blue's completion report and
 * green's. Completion reports come in no particular order and may list millions of objects, so
 * the streams are first spread over partition files on local disk by a hash of the key, then each
 * partition is joined in memory: memory holds one partition, never the whole set.
 *
 * <p>Each key the manifest listed comes out once, with what each side's report says of it ({@link
 * TaskChecksum#NO_RESULT} when the report has no row for it); within a partition keys come out in
 * UTF-8 order, so a run over one partition is fully ordered. Rows for keys the manifest did not
 * list are counted and dropped. Not thread-safe.
 */
final class ChecksumJoin implements Closeable {

  /** One key the manifest listed, with both sides' results. */
  record Joined(String key, TaskChecksum source, TaskChecksum target) {}

  private static final int EXPECTED = 0;
  private static final int SOURCE = 1;
  private static final int TARGET = 2;

  private final Path dir;
  private final List<Path> files = new ArrayList<>();
  private final List<DataOutputStream> parts = new ArrayList<>();
  private long unexpectedRows;

  /** A join over {@code partitions} files in a new temporary directory. */
  ChecksumJoin(int partitions) throws IOException {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1");
    }
    dir = Files.createTempDirectory("cutover-checksum-join");
    for (int i = 0; i < partitions; i++) {
      Path file = dir.resolve("part-" + i);
      files.add(file);
      parts.add(new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)));
    }
  }

  /** A key the manifest listed. */
  void expect(String key) {
    try {
      DataOutputStream out = part(key);
      out.writeByte(EXPECTED);
      out.writeUTF(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one side's report says of {@code key}. */
  void result(ChecksumSide side, String key, TaskChecksum result) {
    try {
      DataOutputStream out = part(key);
      out.writeByte(side == ChecksumSide.SOURCE ? SOURCE : TARGET);
      out.writeUTF(key);
      out.writeByte(result.kind().ordinal());
      writeNullable(out, result.value());
      writeNullable(out, result.code());
      writeNullable(out, result.detail());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Report rows whose key the manifest did not list; known once {@link #join} has run. */
  long unexpectedRows() {
    return unexpectedRows;
  }

  /** Passes every expected key to {@code sink}, partition by partition. Call once. */
  void join(Consumer<Joined> sink) throws IOException {
    for (DataOutputStream out : parts) {
      out.close();
    }
    for (Path file : files) {
      Map<String, Entry> entries = new HashMap<>();
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024))) {
        while (true) {
          int tag;
          try {
            tag = in.readByte();
          } catch (EOFException end) {
            break;
          }
          Entry entry = entries.computeIfAbsent(in.readUTF(), k -> new Entry());
          if (tag == EXPECTED) {
            entry.expected = true;
          } else {
            TaskChecksum result =
                new TaskChecksum(TaskChecksum.Kind.values()[in.readByte()], readNullable(in), readNullable(in), readNullable(in));
            if (tag == SOURCE) {
              entry.source = better(entry.source, result);
            } else {
              entry.target = better(entry.target, result);
            }
          }
        }
      }
      List<Map.Entry<String, Entry>> sorted = new ArrayList<>(entries.entrySet());
      sorted.sort(Map.Entry.comparingByKey(S3KeyOrder.KEYS));
      for (Map.Entry<String, Entry> e : sorted) {
        Entry entry = e.getValue();
        if (!entry.expected) {
          unexpectedRows += (entry.source != null ? 1 : 0) + (entry.target != null ? 1 : 0);
          continue;
        }
        sink.accept(
            new Joined(
                e.getKey(),
                entry.source == null ? TaskChecksum.NO_RESULT : entry.source,
                entry.target == null ? TaskChecksum.NO_RESULT : entry.target));
      }
      Files.delete(file);
    }
  }

  @Override
  public void close() throws IOException {
    for (DataOutputStream out : parts) {
      out.close();
    }
    try (Stream<Path> left = Files.list(dir)) {
      for (Path file : left.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dir);
  }

  /** A checksum beats a failure (a task retried after a failure has both rows); else the first. */
  private static TaskChecksum better(TaskChecksum kept, TaskChecksum other) {
    return kept == null || (!kept.hasChecksum() && other.hasChecksum()) ? other : kept;
  }

  private DataOutputStream part(String key) {
    return parts.get(Math.floorMod(key.hashCode(), parts.size()));
  }

  private static void writeNullable(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static final class Entry {
    boolean expected;
    TaskChecksum source;
    TaskChecksum target;
  }
}
