package dev.cutover.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.cutover.parity.Tree.Keyed;
import dev.cutover.parity.Tree.Leaf;
import dev.cutover.parity.Tree.Struct;
import dev.cutover.parity.Tree.Values;
import dev.cutover.parity.port.EdgeConfigs;
import dev.cutover.parity.port.EdgeFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns one side's distribution configuration (API shape, see {@link EdgeConfigs}) into the {@link
 * Tree} that is compared with the other side's, so that what differs between two accounts by
 * design does not show as a difference and what users see does.
 *
 * <ul>
 *   <li>Never compared: {@code CallerReference}, {@code Aliases} and the certificate (the cutover
 *       moves them), {@code Comment}, the logging {@code Bucket} and {@code Prefix}.
 *   <li>Origins are matched by role, not by their account-chosen {@code Id}: the origin whose
 *       domain is the side's own bucket ({@code <bucket>.s3….amazonaws.com}) is {@code
 *       Origins[bucket]}, with its domain replaced by its endpoint kind ({@code rest} or {@code
 *       website}); any other origin is keyed by its domain name. A behaviour's {@code
 *       TargetOriginId} becomes {@code TargetOrigin}, the role of the origin (or origin group) it
 *       names. An origin group is keyed by its members' roles, {@code OriginGroups[group(api.example.com,
 *       bucket)]}, and compares its members in order (the first is the primary). An origin access control is compared by its settings (signing behaviour and
 *       protocol, origin type), an origin access identity and a VPC origin by whether one is set.
 *   <li>Cache behaviours are matched by {@code PathPattern}, in order (CloudFront takes the first
 *       match, so a reordering is a difference); error responses by {@code ErrorCode}; function
 *       associations by {@code EventType}; custom headers by name. The values of the headers
 *       CloudFront adds to origin requests are compared by a SHA-256 prefix: they are often a
 *       secret the origin checks, and findings travel through the workflow and into the report.
 *   <li>Cache, origin request and response headers policies replace their ids: an AWS managed
 *       policy by its name and global id, a custom one by its settings without {@code Name} and
 *       {@code Comment} (a name is a label; the settings are the behaviour).
 *   <li>CloudFront Functions by the SHA-256 of their LIVE code, their runtime and the number of
 *       key value stores; Lambda@Edge functions by function name, without the account, region
 *       and version in the ARN (versions are numbered per account, so equal code has unrelated
 *       numbers).
 *   <li>Ids that only exist in one account ({@code WebACLId}, continuous deployment policy,
 *       Anycast IP list, field-level encryption, real-time log config, trust store, connection
 *       function) become {@code attached} or {@code none}. Trusted signers and key groups become
 *       whether they are enabled and how many there are.
 *   <li>Everything else is compared as CloudFront returns it, lists of values as sets; fields
 *       CloudFront adds after this was written are compared too.
 * </ul>
 *
 * <p>Policies, access controls and functions are read through {@link EdgeConfigs} once per id.
 */
final class Normalizer {

  static final String BUCKET_ROLE = "bucket";
  static final String ATTACHED = "attached";
  static final String NONE = "none";

  private static final Set<String> NEVER_COMPARED = Set.of("CallerReference", "Aliases", "Comment");
  private static final List<String> ACCOUNT_SCOPED_IDS =
      List.of("WebACLId", "ContinuousDeploymentPolicyId", "AnycastIpListId");

  /** The field that identifies an item in a list of objects, by the list's element name. */
  private static final Map<String, String> LIST_KEYS =
      Map.of(
          "CustomErrorResponses", "ErrorCode",
          "CustomHeaders", "HeaderName",
          "CustomHeadersConfig", "Header",
          "RemoveHeadersConfig", "Header",
          "ParameterDefinitions", "Name",
          "LambdaFunctionAssociations", "EventType",
          "FunctionAssociations", "EventType");

  private enum PolicyKind {
    CACHE("CachePolicy", ManagedPolicies.CACHE),
    ORIGIN_REQUEST("OriginRequestPolicy", ManagedPolicies.ORIGIN_REQUEST),
    RESPONSE_HEADERS("ResponseHeadersPolicy", ManagedPolicies.RESPONSE_HEADERS);

    final String element;
    final Map<String, String> managed;

    PolicyKind(String element, Map<String, String> managed) {
      this.element = element;
      this.managed = managed;
    }
  }

  private final String bucket;
  private final EdgeConfigs edge;
  private final Map<String, Tree> fetched = new HashMap<>();
  private final Map<String, String> targetRoles = new HashMap<>();

  /**
   * @param bucket this side's bucket, whose origin is the {@code bucket} role
   * @param edge this side's CloudFront, for policies, access controls and functions
   */
  Normalizer(String bucket, EdgeConfigs edge) {
    this.bucket = bucket.toLowerCase(Locale.ROOT);
    this.edge = edge;
  }

  /** The origin of {@code config} that serves {@code bucket}, or {@code null}. */
  static JsonNode bucketOrigin(JsonNode config, String bucket) {
    for (JsonNode origin : config.path("Origins")) {
      if (isBucketDomain(origin.path("DomainName").asText(""), bucket.toLowerCase(Locale.ROOT))) {
        return origin;
      }
    }
    return null;
  }

  Struct normalize(JsonNode config) {
    Map<String, String> originRoles = roles(config.path("Origins"), "Id", this::originRole);
    targetRoles.putAll(originRoles);
    Map<String, String> groupRoles =
        // Keyed by its members whatever their order, so a swapped primary shows as the group's Members.
        roles(config.path("OriginGroups"), "Id", group -> "group(" + String.join(", ", memberRoles(group, originRoles).stream().sorted().toList()) + ")");
    targetRoles.putAll(groupRoles);

    Map<String, Tree> out = new LinkedHashMap<>();
    config.properties().forEach(field -> {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (NEVER_COMPARED.contains(name)) {
        return;
      }
      switch (name) {
        case "Origins" -> out.put(name, keyedByRole(value, originRoles, this::origin));
        case "OriginGroups" -> out.put(name, keyedByRole(value, groupRoles, g -> group(g, originRoles)));
        case "DefaultCacheBehavior" -> out.put(name, behavior(value));
        case "CacheBehaviors" -> out.put(name, cacheBehaviors(value));
        case "Logging" -> out.put(name, ((Struct) generic(name, value)).without("Bucket").without("Prefix"));
        case "ViewerCertificate" -> out.put(name, viewerCertificate(value));
        case "ViewerMtlsConfig" -> out.put(name, viewerMtls(value));
        case "ConnectionFunctionAssociation" -> out.put(name, new Struct(Map.of("Id", attachment(value.path("Id")))));
        default -> out.put(name, ACCOUNT_SCOPED_IDS.contains(name) ? attachment(value) : generic(name, value));
      }
    });
    for (String id : ACCOUNT_SCOPED_IDS) {
      out.putIfAbsent(id, Leaf.of(NONE));
    }
    return new Struct(out);
  }

  // ---------------------------------------------------------------- origins

  private String originRole(JsonNode origin) {
    String domain = origin.path("DomainName").asText("").toLowerCase(Locale.ROOT);
    return isBucketDomain(domain, bucket) ? BUCKET_ROLE : domain;
  }

  private static boolean isBucketDomain(String domain, String bucket) {
    String d = domain.toLowerCase(Locale.ROOT);
    return d.startsWith(bucket + ".s3") && (d.endsWith(".amazonaws.com") || d.endsWith(".amazonaws.com.cn"));
  }

  private Struct origin(JsonNode origin) {
    boolean isBucket = BUCKET_ROLE.equals(originRole(origin));
    Map<String, Tree> out = new LinkedHashMap<>();
    origin.properties().forEach(field -> {
      String name = field.getKey();
      JsonNode value = field.getValue();
      switch (name) {
        case "Id" -> {}
        case "DomainName" -> {
          if (isBucket) {
            out.put("Endpoint", Leaf.of(value.asText("").toLowerCase(Locale.ROOT).contains(".s3-website") ? "website" : "rest"));
          }
        }
        case "OriginAccessControlId" -> {
          if (!value.asText("").isEmpty()) {
            out.put("OriginAccessControl", fetch("oac:" + value.asText(), () -> withoutLabels(generic("OriginAccessControlConfig", edge.originAccessControl(value.asText())), "Name", "Description")));
          }
        }
        case "S3OriginConfig" -> {
          Struct s3 = (Struct) generic(name, value);
          out.put(name, s3.fields().containsKey("OriginAccessIdentity") ? s3.with("OriginAccessIdentity", attachment(value.path("OriginAccessIdentity"))) : s3);
        }
        case "CustomHeaders" -> {
          Tree headers = generic(name, value);
          out.put(name, headers instanceof Keyed keyed ? secretValues(keyed) : headers);
        }
        case "VpcOriginConfig" -> {
          Struct vpc = ((Struct) generic(name, value)).without("OwnerAccountId");
          out.put(name, vpc.with("VpcOriginId", attachment(value.path("VpcOriginId"))));
        }
        default -> out.put(name, generic(name, value));
      }
    });
    return new Struct(out);
  }

  /**
   * Headers CloudFront adds to origin requests are often a secret the origin checks (a WAF rule on
   * {@code X-Origin-Verify}); the step's result and report must not carry them. They are compared
   * by a SHA-256 prefix instead.
   */
  private static Keyed secretValues(Keyed headers) {
    Map<String, Tree> out = new LinkedHashMap<>();
    headers.entries().forEach((name, header) -> {
      if (header instanceof Struct s && s.get("HeaderValue") instanceof Leaf value && value.value().isTextual()) {
        out.put(name, s.with("HeaderValue", Leaf.of("sha256:" + digest(value.value().textValue()).substring(0, 16))));
      } else {
        out.put(name, header);
      }
    });
    return new Keyed(out, headers.ordered());
  }

  private static String digest(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static List<String> memberRoles(JsonNode group, Map<String, String> originRoles) {
    List<String> roles = new ArrayList<>();
    for (JsonNode member : group.path("Members")) {
      String id = member.path("OriginId").asText();
      roles.add(originRoles.getOrDefault(id, unknownOrigin(id)));
    }
    return roles;
  }

  private Struct group(JsonNode group, Map<String, String> originRoles) {
    Map<String, Tree> out = new LinkedHashMap<>();
    group.properties().forEach(field -> {
      switch (field.getKey()) {
        case "Id" -> {}
        // The first member is the primary: order is behaviour.
        case "Members" -> out.put("Members", new Values(memberRoles(group, originRoles).stream().map(r -> (JsonNode) Leaf.of(r).value()).toList(), true));
        default -> out.put(field.getKey(), generic(field.getKey(), field.getValue()));
      }
    });
    return new Struct(out);
  }

  private static String unknownOrigin(String id) {
    return "unknown origin id " + id;
  }

  // ---------------------------------------------------------------- behaviours

  private Keyed cacheBehaviors(JsonNode behaviors) {
    Map<String, Tree> out = new LinkedHashMap<>();
    for (JsonNode behavior : behaviors) {
      out.put(unique(out, behavior.path("PathPattern").asText()), behavior(behavior));
    }
    return new Keyed(out, true);
  }

  private Struct behavior(JsonNode behavior) {
    Map<String, Tree> out = new LinkedHashMap<>();
    behavior.properties().forEach(field -> {
      String name = field.getKey();
      JsonNode value = field.getValue();
      switch (name) {
        case "PathPattern" -> {}
        case "TargetOriginId" -> out.put("TargetOrigin", Leaf.of(targetRoles.getOrDefault(value.asText(), unknownOrigin(value.asText()))));
        case "TrustedSigners", "TrustedKeyGroups" ->
            out.put(name, new Struct(Map.of("Enabled", generic("Enabled", value.path("Enabled")), "Count", new Leaf(IntNode.valueOf(value.path("Items").size())))));
        case "CachePolicyId" -> putPolicy(out, PolicyKind.CACHE, value);
        case "OriginRequestPolicyId" -> putPolicy(out, PolicyKind.ORIGIN_REQUEST, value);
        case "ResponseHeadersPolicyId" -> putPolicy(out, PolicyKind.RESPONSE_HEADERS, value);
        case "FieldLevelEncryptionId", "RealtimeLogConfigArn" -> out.put(name, attachment(value));
        case "LambdaFunctionAssociations" -> out.put(name, keyed(value, "EventType", this::lambdaAtEdge));
        case "FunctionAssociations" -> out.put(name, keyed(value, "EventType", this::cloudFrontFunction));
        default -> out.put(name, generic(name, value));
      }
    });
    return new Struct(out);
  }

  private Tree lambdaAtEdge(JsonNode association) {
    Map<String, Tree> out = new LinkedHashMap<>();
    association.properties().forEach(field -> {
      switch (field.getKey()) {
        case "EventType" -> {}
        case "LambdaFunctionARN" -> out.put("FunctionName", Leaf.of(lambdaFunctionName(field.getValue().asText())));
        default -> out.put(field.getKey(), generic(field.getKey(), field.getValue()));
      }
    });
    return new Struct(out);
  }

  /** {@code arn:aws:lambda:us-east-1:111122223333:function:name:7} → {@code name}. */
  static String lambdaFunctionName(String arn) {
    String[] parts = arn.split(":");
    return parts.length >= 7 && parts[5].equals("function") ? parts[6] : arn;
  }

  private Tree cloudFrontFunction(JsonNode association) {
    String arn = association.path("FunctionARN").asText();
    String name = arn.substring(arn.lastIndexOf('/') + 1);
    return fetch("function:" + name, () -> {
      EdgeFunction function = edge.function(name);
      Map<String, Tree> out = new LinkedHashMap<>();
      out.put("Runtime", Leaf.of(function.runtime()));
      out.put("CodeSha256", Leaf.of(function.codeSha256()));
      out.put("KeyValueStoreAssociations", new Leaf(IntNode.valueOf(function.keyValueStores())));
      return new Struct(out);
    });
  }

  private void putPolicy(Map<String, Tree> out, PolicyKind kind, JsonNode id) {
    String policyId = id.asText("");
    if (policyId.isEmpty()) {
      return;
    }
    out.put(kind.element, fetch(kind + ":" + policyId, () -> policy(kind, policyId)));
  }

  private Tree policy(PolicyKind kind, String id) {
    var known = ManagedPolicies.name(kind.managed, id);
    if (known.isPresent()) {
      return Leaf.of(ManagedPolicies.describe(known.get(), id));
    }
    JsonNode config =
        switch (kind) {
          case CACHE -> edge.cachePolicy(id);
          case ORIGIN_REQUEST -> edge.originRequestPolicy(id);
          case RESPONSE_HEADERS -> edge.responseHeadersPolicy(id);
        };
    String name = config.path("Name").asText("");
    if (name.startsWith(ManagedPolicies.NAME_PREFIX)) {
      return Leaf.of(ManagedPolicies.describe(name, id));
    }
    return withoutLabels(generic(kind.element + "Config", config), "Name", "Comment");
  }

  // ---------------------------------------------------------------- the rest

  private Struct viewerCertificate(JsonNode certificate) {
    Map<String, Tree> out = new LinkedHashMap<>();
    for (String name : List.of("CloudFrontDefaultCertificate", "MinimumProtocolVersion", "SSLSupportMethod")) {
      if (certificate.has(name)) {
        out.put(name, generic(name, certificate.get(name)));
      }
    }
    return new Struct(out);
  }

  private Tree viewerMtls(JsonNode mtls) {
    Struct out = (Struct) generic("ViewerMtlsConfig", mtls);
    if (out.get("TrustStoreConfig") instanceof Struct trustStore) {
      out = out.with("TrustStoreConfig", trustStore.with("TrustStoreId", attachment(mtls.path("TrustStoreConfig").path("TrustStoreId"))));
    }
    return out;
  }

  private static Leaf attachment(JsonNode id) {
    return Leaf.of(id == null || id.isMissingNode() || id.isNull() || id.asText("").isEmpty() ? NONE : ATTACHED);
  }

  private static Tree withoutLabels(Tree tree, String... labels) {
    Struct struct = (Struct) tree;
    for (String label : labels) {
      struct = struct.without(label);
    }
    return struct;
  }

  /** Anything compared as CloudFront returns it. */
  static Tree generic(String name, JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return new Leaf(NullNode.instance);
    }
    if (node.isObject()) {
      Map<String, Tree> out = new LinkedHashMap<>();
      node.properties().forEach(field -> out.put(field.getKey(), generic(field.getKey(), field.getValue())));
      return new Struct(out);
    }
    if (node.isArray()) {
      boolean objects = false;
      for (JsonNode item : node) {
        objects |= item.isObject();
      }
      if (!objects) {
        List<JsonNode> values = new ArrayList<>();
        node.forEach(values::add);
        return new Values(values, false);
      }
      String key = LIST_KEYS.get(name);
      Map<String, Tree> out = new LinkedHashMap<>();
      int index = 0;
      for (JsonNode item : node) {
        String itemKey = key != null && item.hasNonNull(key) ? item.get(key).asText() : String.valueOf(index);
        Tree value = generic(name, item);
        out.put(unique(out, itemKey), key != null && value instanceof Struct s ? s.without(key) : value);
        index++;
      }
      return new Keyed(out, false);
    }
    return new Leaf(node);
  }

  private Keyed keyed(JsonNode items, String key, Function<JsonNode, Tree> normalize) {
    Map<String, Tree> out = new LinkedHashMap<>();
    for (JsonNode item : items) {
      out.put(unique(out, item.path(key).asText()), normalize.apply(item));
    }
    return new Keyed(out, false);
  }

  private static Keyed keyedByRole(JsonNode items, Map<String, String> roles, Function<JsonNode, Tree> normalize) {
    Map<String, Tree> out = new LinkedHashMap<>();
    for (JsonNode item : items) {
      out.put(roles.get(item.path("Id").asText()), normalize.apply(item));
    }
    return new Keyed(out, false);
  }

  /** Id → role, the second origin with the same role being {@code role (2)}, and so on. */
  private static Map<String, String> roles(JsonNode items, String idField, Function<JsonNode, String> role) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (JsonNode item : items) {
      String r = role.apply(item);
      int n = seen.merge(r, 1, Integer::sum);
      out.put(item.path(idField).asText(), n == 1 ? r : r + " (" + n + ")");
    }
    return out;
  }

  private static String unique(Map<String, ?> taken, String key) {
    String candidate = key;
    for (int n = 2; taken.containsKey(candidate); n++) {
      candidate = key + " (" + n + ")";
    }
    return candidate;
  }

  private Tree fetch(String key, java.util.function.Supplier<Tree> read) {
    Tree cached = fetched.get(key);
    if (cached == null) {
      cached = read.get();
      fetched.put(key, cached);
    }
    return cached;
  }
}
