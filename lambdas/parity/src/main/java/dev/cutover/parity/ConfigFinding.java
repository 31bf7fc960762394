package dev.cutover.parity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One difference between the two distributions' normalised configurations.
 *
 * @param path where, in the CloudFront API's names, e.g. {@code CacheBehaviors[/img/*].Compress},
 *     {@code Origins[bucket].OriginAccessControl.SigningBehavior}, {@code
 *     DefaultCacheBehavior.CachePolicy.DefaultTTL}
 * @param blue blue's normalised value there; {@code null} when blue has none
 * @param green green's normalised value there; {@code null} when green has none
 * @param kind {@value #CHANGED}, {@value #ONLY_ON_BLUE}, {@value #ONLY_ON_GREEN} or {@value
 *     #REORDERED} (the same cache behaviours in another order: the values are the path patterns
 *     in each side's order)
 * @param allowed whether the plan's {@code validation.parityAllow} accepts it
 */
record ConfigFinding(String path, JsonNode blue, JsonNode green, String kind, boolean allowed) {

  static final String CHANGED = "changed";
  static final String ONLY_ON_BLUE = "onlyOnBlue";
  static final String ONLY_ON_GREEN = "onlyOnGreen";
  static final String REORDERED = "reordered";

  ConfigFinding allowedBy(AllowList allow) {
    return new ConfigFinding(path, blue, green, kind, allow.allows(path));
  }
}
