package dev.cutover.local.edge;

import java.util.Locale;

/**
 * How the edge and the zone compare names: lower case, without a trailing dot or a port; an alias
 * {@code *.example.com} matches a name exactly one label below {@code example.com}, as CloudFront's
 * wildcard alternate domain names do.
 */
public final class HostNames {

  private HostNames() {}

  /** {@code name} lower-cased, without a trailing dot; {@code ""} for null. */
  public static String canonical(String name) {
    if (name == null) {
      return "";
    }
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** A Host header's name: without its port (and IPv6 brackets kept), canonical. */
  public static String ofHostHeader(String host) {
    if (host == null) {
      return "";
    }
    String h = host.strip();
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return canonical(close < 0 ? h : h.substring(0, close + 1));
    }
    int colon = h.lastIndexOf(':');
    return canonical(colon < 0 ? h : h.substring(0, colon));
  }

  /** Whether {@code alias} (exact, or {@code *.parent}) matches the request name {@code host}. */
  public static boolean matches(String alias, String host) {
    String a = canonical(alias);
    String h = canonical(host);
    if (a.equals(h)) {
      return true;
    }
    if (!a.startsWith("*.")) {
      return false;
    }
    int dot = h.indexOf('.');
    return dot > 0 && h.substring(dot + 1).equals(a.substring(2));
  }

  /** Whether two aliases could match one name: equal, or one a wildcard covering the other. */
  public static boolean overlaps(String a, String b) {
    return matches(a, b) || matches(b, a) || canonical(a).equals(canonical(b));
  }
}
