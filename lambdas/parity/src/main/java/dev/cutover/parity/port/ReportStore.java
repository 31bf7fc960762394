package dev.cutover.parity.port;

/** Writes a report object to the report bucket; writing the same key again replaces it. */
public interface ReportStore {

  ReportLocation put(String key, byte[] content, String contentType);
}
