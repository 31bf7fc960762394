package dev.cutover.queries.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the SQL files this module ships under {@code sql/} on the class path. */
public final class SqlResources {

  private SqlResources() {}

  /** The text of {@code resource} (e.g. {@code sql/inventory-diff.sql}), read as UTF-8. */
  public static String read(String resource) {
    try (InputStream in = SqlResources.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no SQL resource " + resource + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SQL resource " + resource, e);
    }
  }
}
