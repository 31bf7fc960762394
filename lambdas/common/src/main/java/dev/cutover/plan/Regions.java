package dev.cutover.plan;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/** The regions this build knows, with their partitions, from the AWS SDK's own metadata. */
final class Regions {

  private Regions() {}

  /** The partition of a known region ({@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...), or empty. */
  static Optional<String> partitionOf(String regionId) {
    if (regionId == null) {
      return Optional.empty();
    }
    Region region = Region.of(regionId);
    if (region.isGlobalRegion()) {
      return Optional.empty();
    }
    RegionMetadata metadata = RegionMetadata.of(region);
    return Optional.ofNullable(metadata).map(m -> m.partition().id());
  }

  /** The known non-global region ids, sorted, for error messages. */
  static Set<String> known() {
    Set<String> ids = new TreeSet<>();
    for (Region region : Region.regions()) {
      if (!region.isGlobalRegion() && RegionMetadata.of(region) != null) {
        ids.add(region.id());
      }
    }
    return ids;
  }
}
