package dev.cutover.preflight;

import dev.cutover.preflight.port.BucketFacts;
import dev.cutover.preflight.port.BucketLocation;
import dev.cutover.preflight.port.DefaultEncryption;
import dev.cutover.preflight.port.LifecycleRule;
import dev.cutover.preflight.port.ListedObject;
import dev.cutover.preflight.port.ListingPage;
import dev.cutover.preflight.port.ObjectProbe;
import dev.cutover.preflight.port.Refusal;
import dev.cutover.preflight.port.Versioning;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bucket in memory, in order by default (versioning on, BucketOwnerEnforced, SSE-S3, no
 * lifecycle, in the region it is given), that a test bends one setting at a time. Any operation
 * can be made to refuse, as AWS would. Counts the HEADs it answered.
 */
final class MemoryBucket implements BucketFacts {

  String region;
  Versioning versioning = Versioning.ENABLED;
  Optional<String> ownership = Optional.of("BucketOwnerEnforced");
  Optional<DefaultEncryption> encryption = Optional.of(new DefaultEncryption("AES256", null, false));
  List<LifecycleRule> lifecycle = new ArrayList<>();
  final TreeMap<String, ListedObject> objects = new TreeMap<>();
  final Map<String, ObjectProbe> probes = new HashMap<>();
  /** Operation name (as the port's method names it) to the refusal it answers with. */
  final Map<String, Refusal> refusals = new HashMap<>();
  Refusal refuseAll;
  int pageSize = 1000;
  final AtomicInteger heads = new AtomicInteger();
  /** The keys HEAD was asked about, in order. */
  final List<String> headed = new ArrayList<>();

  MemoryBucket(String region) {
    this.region = region;
  }

  /** Adds a STANDARD, SSE-S3, readable object. */
  MemoryBucket put(String key, long size) {
    return put(key, size, "STANDARD", new ObjectProbe(ObjectProbe.Access.READABLE, "AES256", null, null));
  }

  MemoryBucket put(String key, long size, String storageClass, ObjectProbe probe) {
    objects.put(key, new ListedObject(key, size, storageClass));
    probes.put(key, probe);
    return this;
  }

  MemoryBucket refuse(String operation, Refusal refusal) {
    refusals.put(operation, refusal);
    return this;
  }

  static Refusal denied(String operation, String permission) {
    return new Refusal(Refusal.Reason.ACCESS_DENIED, operation, permission, "AccessDenied, HTTP 403: Access Denied");
  }

  private void maybeRefuse(String operation) {
    if (refuseAll != null) {
      throw refuseAll;
    }
    Refusal refusal = refusals.get(operation);
    if (refusal != null) {
      throw refusal;
    }
  }

  @Override
  public BucketLocation locate() {
    maybeRefuse("locate");
    return new BucketLocation(region);
  }

  @Override
  public Versioning versioning() {
    maybeRefuse("versioning");
    return versioning;
  }

  @Override
  public Optional<String> objectOwnership() {
    maybeRefuse("objectOwnership");
    return ownership;
  }

  @Override
  public Optional<DefaultEncryption> defaultEncryption() {
    maybeRefuse("defaultEncryption");
    return encryption;
  }

  @Override
  public List<LifecycleRule> lifecycleRules() {
    maybeRefuse("lifecycleRules");
    return List.copyOf(lifecycle);
  }

  @Override
  public ListingPage list(String prefix, String continuationToken) {
    maybeRefuse("list");
    List<ListedObject> page = new ArrayList<>();
    String next = null;
    var tail = continuationToken == null ? objects.tailMap(prefix, true) : objects.tailMap(continuationToken, false);
    for (ListedObject object : tail.values()) {
      if (!object.key().startsWith(prefix)) {
        break;
      }
      if (page.size() == pageSize) {
        next = page.getLast().key();
        break;
      }
      page.add(object);
    }
    return new ListingPage(page, next);
  }

  @Override
  public ObjectProbe head(String key) {
    maybeRefuse("head");
    heads.incrementAndGet();
    headed.add(key);
    return probes.getOrDefault(key, ObjectProbe.of(ObjectProbe.Access.GONE));
  }
}
