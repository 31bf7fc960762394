package dev.cutover.parity.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * An SDK model object as the {@linkplain dev.cutover.parity.port.EdgeConfigs API shape}: field
 * names are the members' wire names (the XML element names of the CloudFront API reference),
 * absent members are left out, {@code Quantity} is dropped beside {@code Items}, and a wrapper of
 * only {@code Quantity} and {@code Items} becomes the array. Walking the model generically, rather
 * than naming each field, means a field CloudFront adds later is compared without a change here.
 */
public final class ApiTrees {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ApiTrees() {}

  public static JsonNode of(SdkPojo pojo) {
    List<SdkField<?>> fields = pojo.sdkFields();
    boolean hasItems = fields.stream().anyMatch(f -> f.locationName().equals("Items"));
    boolean onlyItems = hasItems && fields.stream().allMatch(f -> f.locationName().equals("Items") || f.locationName().equals("Quantity"));
    ObjectNode node = NODES.objectNode();
    for (SdkField<?> field : fields) {
      String name = field.locationName();
      Object value = field.getValueOrDefault(pojo);
      if (hasItems && name.equals("Quantity")) {
        continue;
      }
      if (hasItems && name.equals("Items")) {
        JsonNode items = value == null ? NODES.arrayNode() : value(value);
        if (onlyItems) {
          return items;
        }
        node.set(name, items);
        continue;
      }
      if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
        continue;
      }
      node.set(name, value(value));
    }
    return node;
  }

  private static JsonNode value(Object value) {
    return switch (value) {
      case SdkPojo pojo -> of(pojo);
      case List<?> list -> {
        ArrayNode array = NODES.arrayNode();
        list.forEach(item -> array.add(item == null ? NODES.nullNode() : value(item)));
        yield array;
      }
      case Map<?, ?> map -> {
        ObjectNode object = NODES.objectNode();
        map.forEach((k, v) -> object.set(String.valueOf(k), v == null ? NODES.nullNode() : value(v)));
        yield object;
      }
      case String s -> NODES.textNode(s);
      case Integer i -> NODES.numberNode(i);
      case Long l -> NODES.numberNode(l);
      case Double d -> NODES.numberNode(d);
      case Float f -> NODES.numberNode(f);
      case Boolean b -> NODES.booleanNode(b);
      case Instant instant -> NODES.textNode(instant.toString());
      case SdkBytes bytes -> NODES.textNode(java.util.Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
      default -> NODES.textNode(value.toString());
    };
  }
}
