package dev.cutover.cutover;

import java.util.List;
import java.util.Locale;

/** How DNS names compare: case-insensitive, with or without the trailing dot. */
final class Names {

  private Names() {}

  /** {@code name} lower-cased, without a trailing dot. */
  static String canonical(String name) {
    if (name == null) {
      return "";
    }
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  static boolean same(String a, String b) {
    return canonical(a).equals(canonical(b));
  }

  /**
   * Whether a certificate naming {@code names} covers {@code hostname}: an exact name, or a
   * wildcard {@code *.parent} for a name exactly one label below {@code parent} (a TLS wildcard
   * never covers deeper names).
   */
  static boolean covers(List<String> names, String hostname) {
    String host = canonical(hostname);
    int dot = host.indexOf('.');
    String parent = dot < 0 ? null : host.substring(dot + 1);
    for (String name : names) {
      String n = canonical(name);
      if (n.equals(host) || (parent != null && n.equals("*." + parent))) {
        return true;
      }
    }
    return false;
  }
}
