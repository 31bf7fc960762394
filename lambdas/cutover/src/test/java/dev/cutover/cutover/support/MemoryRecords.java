package dev.cutover.cutover.support;

import dev.cutover.cutover.port.RecordLocation;
import dev.cutover.cutover.port.RecordStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The report bucket in memory, with S3's If-None-Match: * semantics for the record. */
public final class MemoryRecords implements RecordStore {

  private final Map<String, byte[]> objects = new LinkedHashMap<>();

  @Override
  public Optional<byte[]> read(RecordLocation location) {
    return Optional.ofNullable(objects.get(location.uri())).map(byte[]::clone);
  }

  @Override
  public boolean createIfAbsent(RecordLocation location, byte[] content, String recordedBy) {
    return objects.putIfAbsent(location.uri(), content.clone()) == null;
  }

  public Map<String, byte[]> objects() {
    return objects;
  }
}
