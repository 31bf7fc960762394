package dev.cutover.report.port;

/**
 * Writes the report's objects to the report bucket. Each is small (a page and its JSON), so one
 * request per object; writing the same key again replaces it, which is what a retried step wants.
 */
public interface ReportStore {

  /** Writes {@code content} as the object {@code key}, served back with {@code contentType}. */
  ReportLocation put(String key, byte[] content, String contentType);
}
