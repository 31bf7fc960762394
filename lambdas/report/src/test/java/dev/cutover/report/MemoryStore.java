package dev.cutover.report;

import dev.cutover.report.port.ReportLocation;
import dev.cutover.report.port.ReportStore;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A report bucket in memory: what was put last under each key, and with which content type. */
final class MemoryStore implements ReportStore {

  record Stored(byte[] content, String contentType) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  final String bucket;
  final Map<String, Stored> objects = new LinkedHashMap<>();
  int puts;

  MemoryStore(String bucket) {
    this.bucket = bucket;
  }

  @Override
  public ReportLocation put(String key, byte[] content, String contentType) {
    puts++;
    objects.put(key, new Stored(content.clone(), contentType));
    return new ReportLocation(bucket, key);
  }
}
