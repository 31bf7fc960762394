package dev.cutover.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cutover.parity.Tree.Keyed;
import dev.cutover.parity.Tree.Leaf;
import dev.cutover.parity.Tree.Struct;
import dev.cutover.parity.Tree.Values;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares two normalised configurations and names each difference once, at the shallowest path
 * that holds it: a cache behaviour only one side has is one finding with the whole behaviour as
 * its value, not one per field. A value one side lacks equals a value that says nothing on the
 * other ({@code false}, {@code ""}, an empty list): CloudFront leaves some defaults out of a
 * response depending on how a distribution was created.
 */
final class ConfigDiff {

  private final List<ConfigFinding> findings = new ArrayList<>();

  private ConfigDiff() {}

  static List<ConfigFinding> diff(Struct blue, Struct green) {
    ConfigDiff d = new ConfigDiff();
    d.fields("", blue, green);
    return List.copyOf(d.findings);
  }

  private void compare(String path, Tree blue, Tree green) {
    if (blue == null || green == null) {
      Tree present = blue == null ? green : blue;
      if (present != null && !present.isZero()) {
        add(path, blue, green, blue == null ? ConfigFinding.ONLY_ON_GREEN : ConfigFinding.ONLY_ON_BLUE);
      }
      return;
    }
    switch (blue) {
      case Leaf b when green instanceof Leaf g -> {
        if (!b.sameAs(g) && !(b.isZero() && g.isZero())) {
          add(path, blue, green, ConfigFinding.CHANGED);
        }
      }
      case Values b when green instanceof Values g -> {
        if (!b.comparable().equals(g.comparable())) {
          add(path, blue, green, ConfigFinding.CHANGED);
        }
      }
      case Struct b when green instanceof Struct g -> fields(path, b, g);
      case Keyed b when green instanceof Keyed g -> entries(path, b, g);
      default -> {
        if (!(blue.isZero() && green.isZero())) {
          // Different kinds of value: an AWS managed policy on one side, a custom one on the other.
          add(path, blue, green, ConfigFinding.CHANGED);
        }
      }
    }
  }

  private void fields(String path, Struct blue, Struct green) {
    Set<String> names = new LinkedHashSet<>(blue.fields().keySet());
    names.addAll(green.fields().keySet());
    for (String name : names) {
      compare(path.isEmpty() ? name : path + "." + name, blue.get(name), green.get(name));
    }
  }

  private void entries(String path, Keyed blue, Keyed green) {
    if (blue.ordered()) {
      List<String> blueOrder = blue.entries().keySet().stream().filter(green.entries()::containsKey).toList();
      List<String> greenOrder = green.entries().keySet().stream().filter(blue.entries()::containsKey).toList();
      if (!blueOrder.equals(greenOrder)) {
        findings.add(new ConfigFinding(path, keys(blue), keys(green), ConfigFinding.REORDERED, false));
      }
    }
    Set<String> keys = new LinkedHashSet<>(blue.entries().keySet());
    keys.addAll(green.entries().keySet());
    for (String key : keys) {
      compare(path + "[" + key + "]", blue.entries().get(key), green.entries().get(key));
    }
  }

  private static JsonNode keys(Keyed keyed) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    keyed.entries().keySet().forEach(out::add);
    return out;
  }

  private void add(String path, Tree blue, Tree green, String kind) {
    findings.add(new ConfigFinding(path, blue == null ? null : blue.json(), green == null ? null : green.json(), kind, false));
  }
}
