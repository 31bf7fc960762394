package dev.cutover.batch;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from a stream, one at a time, so a report of millions of rows is never held in
 * memory. Fields may be quoted; a quoted field may hold commas, doubled quotes and line breaks
 * (S3's result messages do). Lines end with LF or CRLF; blank lines are skipped.
 */
public final class CsvRecords {

  private static final int NONE = -2;

  private final Reader in;
  private int line = 1;
  private int recordLine;
  private int pushedBack = NONE;

  public CsvRecords(Reader in) {
    this.in = in;
  }

  /** The line on which the last record returned began (1-based). */
  public int lineNumber() {
    return recordLine;
  }

  /**
   * The next record's fields, or {@code null} at the end of the stream.
   *
   * @throws IllegalArgumentException when a quoted field is never closed
   */
  public List<String> next() throws IOException {
    int c = read();
    while (c == '\r' || c == '\n') {
      c = read();
    }
    if (c == -1) {
      return null;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    while (true) {
      if (quoted) {
        if (c == -1) {
          throw new IllegalArgumentException(
              "line " + recordLine + ": a quoted field is not closed before the end of the file");
        }
        if (c != '"') {
          field.append((char) c);
        } else {
          int after = read();
          if (after == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = after;
            continue;
          }
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == -1) {
        fields.add(field.toString());
        return fields;
      } else if (c == '\r') {
        int after = read();
        if (after != '\n') {
          pushedBack = after;
          field.append('\r');
        } else {
          fields.add(field.toString());
          return fields;
        }
      } else {
        field.append((char) c);
      }
      c = read();
    }
  }

  private int read() throws IOException {
    int c;
    if (pushedBack != NONE) {
      c = pushedBack;
      pushedBack = NONE;
      return c;
    }
    c = in.read();
    if (c == '\n') {
      line++;
    }
    return c;
  }
}
