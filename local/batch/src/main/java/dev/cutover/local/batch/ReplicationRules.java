package dev.cutover.local.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The rules of a bucket's replication configuration (the {@code PutBucketReplication} XML), as far
 * as copying objects needs them: which keys (and tags) a rule selects, where it copies them, and
 * whether deletes follow. Every rule of the configuration is read, cutover's own ({@code
 * cutover-<migrationId>}) and other teams' alike: S3 honours them all.
 *
 * <p>Selection follows the Amazon S3 User Guide, "Replication configuration file elements": a V2
 * rule selects by {@code Filter} ({@code Prefix}, {@code Tag}, or {@code And} of a prefix and
 * tags); a V1 rule by a bare {@code Prefix} and always replicates delete markers; a V2 rule
 * replicates delete markers only with {@code DeleteMarkerReplication} {@code Enabled} and no tag
 * filter. When several enabled rules select an object for the same destination, the one with the
 * highest {@code Priority} applies.
 */
public final class ReplicationRules {

  /**
   * One rule.
   *
   * @param id the rule's {@code ID}
   * @param priority its {@code Priority}; 0 when absent (V1)
   * @param enabled {@code Status} is {@code Enabled}
   * @param prefix the key prefix it selects; empty for every key
   * @param tags tags an object must all carry; empty for none
   * @param destinationBucket the destination bucket's name (from its ARN)
   * @param destinationAccount the destination account, or {@code null}
   * @param storageClass the replicas' storage class, or {@code null} for the source's
   * @param replicaKmsKeyId the key replicas are encrypted with, or {@code null}
   * @param sseKmsObjects whether SSE-KMS encrypted objects are replicated
   * @param deleteMarkers whether a delete on the source adds a delete marker on the destination
   */
  public record Rule(
      String id,
      int priority,
      boolean enabled,
      String prefix,
      Map<String, String> tags,
      String destinationBucket,
      String destinationAccount,
      String storageClass,
      String replicaKmsKeyId,
      boolean sseKmsObjects,
      boolean deleteMarkers) {

    public Rule {
      tags = Map.copyOf(tags);
    }

    /** Whether the rule selects an object with this key and these tags. */
    public boolean selects(String key, Map<String, String> objectTags) {
      if (!key.startsWith(prefix)) {
        return false;
      }
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        if (!tag.getValue().equals(objectTags.get(tag.getKey()))) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Rule> rules;

  private ReplicationRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** No configuration: nothing replicates. */
  public static final ReplicationRules NONE = new ReplicationRules(List.of());

  /** The bucket's rules from {@code source}; {@link #NONE} when it has no configuration. */
  public static ReplicationRules of(ReplicationConfigSource source, String bucket) {
    return source.configuration(bucket).map(ReplicationRules::parse).orElse(NONE);
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a replication configuration
   */
  public static ReplicationRules parse(byte[] xml) {
    Document document;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException("not a replication configuration: " + e.getMessage(), e);
    }
    Element root = document.getDocumentElement();
    if (!"ReplicationConfiguration".equals(root.getLocalName())) {
      throw new IllegalArgumentException(
          "not a replication configuration: the root element is <" + root.getLocalName() + ">");
    }
    List<Rule> rules = new ArrayList<>();
    for (Element rule : children(root, "Rule")) {
      rules.add(rule(rule));
    }
    return new ReplicationRules(rules);
  }

  public List<Rule> rules() {
    return rules;
  }

  /** Whether any enabled rule exists. */
  public boolean anyEnabled() {
    return rules.stream().anyMatch(Rule::enabled);
  }

  /**
   * The enabled rules that apply to an object: per destination bucket, the highest-priority rule
   * that selects it.
   */
  public Collection<Rule> applying(String key, Map<String, String> tags) {
    Map<String, Rule> byDestination = new LinkedHashMap<>();
    rules.stream()
        .filter(Rule::enabled)
        .filter(r -> r.selects(key, tags))
        .sorted(Comparator.comparingInt(Rule::priority).reversed())
        .forEach(r -> byDestination.putIfAbsent(r.destinationBucket(), r));
    return byDestination.values();
  }

  /** Whether some enabled rule selects the key by prefix alone (tags not known yet). */
  public boolean mayApply(String key) {
    return rules.stream().anyMatch(r -> r.enabled() && key.startsWith(r.prefix()));
  }

  private static Rule rule(Element rule) {
    String id = text(rule, "ID").orElse("");
    int priority = text(rule, "Priority").map(String::strip).map(Integer::parseInt).orElse(0);
    boolean enabled = text(rule, "Status").map(s -> s.strip().equals("Enabled")).orElse(false);
    Optional<Element> filter = child(rule, "Filter");
    String prefix;
    Map<String, String> tags = new LinkedHashMap<>();
    boolean deleteMarkers;
    if (filter.isPresent()) {
      Element selection = child(filter.get(), "And").orElse(filter.get());
      prefix = text(selection, "Prefix").orElse("");
      for (Element tag : children(selection, "Tag")) {
        tags.put(text(tag, "Key").orElse(""), text(tag, "Value").orElse(""));
      }
      deleteMarkers =
          tags.isEmpty()
              && child(rule, "DeleteMarkerReplication")
                  .flatMap(d -> text(d, "Status"))
                  .map(s -> s.strip().equals("Enabled"))
                  .orElse(false);
    } else {
      prefix = text(rule, "Prefix").orElse("");
      deleteMarkers = true;
    }
    Element destination = child(rule, "Destination").orElseThrow(() -> new IllegalArgumentException("rule " + id + " has no <Destination>"));
    String bucketArn = text(destination, "Bucket").orElse("").strip();
    String bucket = bucketArn.contains(":::") ? bucketArn.substring(bucketArn.indexOf(":::") + 3) : bucketArn;
    boolean sseKms =
        child(rule, "SourceSelectionCriteria")
            .flatMap(c -> child(c, "SseKmsEncryptedObjects"))
            .flatMap(s -> text(s, "Status"))
            .map(s -> s.strip().equals("Enabled"))
            .orElse(false);
    return new Rule(
        id,
        priority,
        enabled,
        prefix,
        tags,
        bucket,
        text(destination, "Account").orElse(null),
        text(destination, "StorageClass").orElse(null),
        child(destination, "EncryptionConfiguration").flatMap(e -> text(e, "ReplicaKmsKeyID")).orElse(null),
        sseKms,
        deleteMarkers);
  }

  private static Optional<String> text(Element parent, String name) {
    return child(parent, name).map(Node::getTextContent);
  }

  private static Optional<Element> child(Element parent, String name) {
    return children(parent, name).stream().findFirst();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }
}
