package dev.cutover.verify;

import dev.cutover.verify.port.ReportLocation;
import dev.cutover.verify.port.ReportStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A report bucket in memory. */
final class MemoryReports implements ReportStore {

  final Map<String, String> objects = new ConcurrentHashMap<>();

  @Override
  public Optional<InputStream> open(String key) {
    String content = objects.get(key);
    return content == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public ReportLocation put(String key, byte[] content, String contentType) {
    objects.put(key, new String(content, StandardCharsets.UTF_8));
    return new ReportLocation("reports", key);
  }

  @Override
  public Upload startUpload(String key, String contentType) {
    throw new UnsupportedOperationException("reports here stay below one part");
  }
}
