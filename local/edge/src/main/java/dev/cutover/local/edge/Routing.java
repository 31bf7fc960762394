package dev.cutover.local.edge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every edge location routes with at one moment: the deployed configurations of the enabled
 * distributions, indexed by exact alias, by the parent of a wildcard alias, and by their own
 * {@code *.cloudfront.net} name. Immutable; the edge swaps in a new one when a change deploys.
 */
final class Routing {

  static final Routing EMPTY = new Routing(List.of());

  private final Map<String, ServingConfig> exact = new HashMap<>();
  private final Map<String, ServingConfig> wildcard = new HashMap<>();
  private final Map<String, ServingConfig> byDomain = new HashMap<>();

  Routing(List<ServingConfig> deployed) {
    for (ServingConfig d : deployed) {
      if (!d.enabled) {
        continue;
      }
      byDomain.put(HostNames.canonical(d.domainName), d);
      for (String alias : d.aliases) {
        String a = HostNames.canonical(alias);
        if (a.startsWith("*.")) {
          wildcard.put(a.substring(2), d);
        } else {
          exact.put(a, d);
        }
      }
    }
  }

  /**
   * The distribution a request with this Host name reaches: the one holding it as an exact alias,
   * else the one holding the wildcard one label up, else the one whose own domain name it is;
   * {@code null} when none (CloudFront answers 403).
   */
  ServingConfig route(String host) {
    String h = HostNames.canonical(host);
    ServingConfig d = exact.get(h);
    if (d != null) {
      return d;
    }
    int dot = h.indexOf('.');
    if (dot > 0) {
      d = wildcard.get(h.substring(dot + 1));
      if (d != null) {
        return d;
      }
    }
    return byDomain.get(h);
  }
}
