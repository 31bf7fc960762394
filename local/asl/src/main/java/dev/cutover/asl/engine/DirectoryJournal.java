package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * One JSON file per execution in a directory. A snapshot is written to a temporary file, forced to
 * disk and renamed over the previous one, so a process killed at any moment leaves either the old
 * snapshot or the new one, never half of one.
 */
public final class DirectoryJournal implements ExecutionJournal {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;

  public DirectoryJournal(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the journal directory " + directory, e);
    }
  }

  @Override
  public void save(String executionArn, ObjectNode snapshot) {
    Path target = directory.resolve(fileName(executionArn));
    Path temporary = directory.resolve(fileName(executionArn) + ".tmp");
    try {
      Files.write(temporary, JSON.writeValueAsBytes(snapshot));
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot journal execution " + executionArn + " in " + directory, e);
    }
  }

  @Override
  public List<ObjectNode> loadAll() {
    List<ObjectNode> snapshots = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        snapshots.add((ObjectNode) JSON.readTree(file.toFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal in " + directory, e);
    }
    return snapshots;
  }

  /** Execution ARNs hold ':' and names of any characters; the file is named by a hash of the ARN. */
  private static String fileName(String executionArn) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(executionArn.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16) + ".json";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
