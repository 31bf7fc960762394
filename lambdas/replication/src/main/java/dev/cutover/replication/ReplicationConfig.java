package dev.cutover.replication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A bucket replication configuration kept as the XML S3 speaks rather than the SDK's model, so
 * other teams' rules are carried over element for element, including elements this SDK version
 * does not know, and configurations are compared by content, not by formatting: S3 returns its
 * own rendering of what was put.
 */
final class ReplicationConfig {

  static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  /** Elements that hold elements, never a value: whitespace in them is formatting. */
  private static final Set<String> CONTAINERS =
      Set.of(
          "ReplicationConfiguration", "Rule", "Filter", "And", "Tag", "Destination",
          "AccessControlTranslation", "EncryptionConfiguration", "Metrics", "EventThreshold",
          "ReplicationTime", "Time", "SourceSelectionCriteria", "SseKmsEncryptedObjects",
          "ReplicaModifications", "DeleteMarkerReplication", "ExistingObjectReplication");

  private final Document document;

  private ReplicationConfig(Document document) {
    this.document = document;
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a replication configuration
   */
  static ReplicationConfig parse(byte[] xml) {
    Document parsed;
    try {
      parsed = newBuilder().parse(new ByteArrayInputStream(xml));
    } catch (SAXException | IOException e) {
      throw new IllegalArgumentException("it is not well-formed XML (" + e.getMessage() + ")", e);
    }
    String root = parsed.getDocumentElement().getLocalName();
    if (!"ReplicationConfiguration".equals(root)) {
      throw new IllegalArgumentException(
          "its root element is <" + root + ">, not <ReplicationConfiguration>");
    }
    return new ReplicationConfig(parsed);
  }

  /** A configuration with a role and no rules yet, for a bucket that has none. */
  static ReplicationConfig withRole(String roleArn) {
    Document created = newBuilder().newDocument();
    Element root = created.createElementNS(S3_NAMESPACE, "ReplicationConfiguration");
    created.appendChild(root);
    root.appendChild(leaf(created, S3_NAMESPACE, "Role", roleArn));
    return new ReplicationConfig(created);
  }

  Optional<String> role() {
    return child(document.getDocumentElement(), "Role").map(Node::getTextContent);
  }

  List<Rule> rules() {
    return children(document.getDocumentElement(), "Rule").stream().map(Rule::new).toList();
  }

  Optional<Rule> rule(String id) {
    return rules().stream().filter(r -> id.equals(r.id())).findFirst();
  }

  /** A copy with {@code rule} in place of any rule with the same id, or added after the others. */
  ReplicationConfig withRule(CutoverRule rule) {
    ReplicationConfig copy = withoutRule(rule.id());
    Element root = copy.document.getDocumentElement();
    root.appendChild(copy.element(rule));
    return copy;
  }

  /** A copy without the rule {@code id}; unchanged if there is none. */
  ReplicationConfig withoutRule(String id) {
    Document copy = (Document) document.cloneNode(true);
    Element root = copy.getDocumentElement();
    for (Element rule : children(root, "Rule")) {
      if (child(rule, "ID").map(Node::getTextContent).filter(id::equals).isPresent()) {
        root.removeChild(rule);
      }
    }
    return new ReplicationConfig(copy);
  }

  /**
   * Whether two configurations replicate the same way: the same rules, compared by content in any
   * order, and the same role. A configuration without rules is the same as none at all.
   */
  static boolean sameRules(Optional<ReplicationConfig> a, Optional<ReplicationConfig> b) {
    List<String> rulesA = a.map(ReplicationConfig::canonicalRules).orElse(List.of());
    List<String> rulesB = b.map(ReplicationConfig::canonicalRules).orElse(List.of());
    if (rulesA.isEmpty() || rulesB.isEmpty()) {
      return rulesA.isEmpty() && rulesB.isEmpty();
    }
    return rulesA.equals(rulesB) && a.get().role().equals(b.get().role());
  }

  /** Whether the rule {@code id} in this configuration is exactly {@code wanted}, by content. */
  boolean hasRule(CutoverRule wanted) {
    return rule(wanted.id()).map(Rule::canonical).filter(canonical(element(wanted))::equals).isPresent();
  }

  byte[] toXml() {
    try {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "no");
      document.setXmlStandalone(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("a DOM built in memory could not be written", e);
    }
  }

  /** One {@code <Rule>} of the configuration. */
  record Rule(Element element) {

    /** The rule's id; S3 assigns one when a rule is put without. */
    String id() {
      return child(element, "ID").map(Node::getTextContent).orElse("");
    }

    OptionalInt priority() {
      return child(element, "Priority")
          .map(p -> OptionalInt.of(Integer.parseInt(p.getTextContent().strip())))
          .orElse(OptionalInt.empty());
    }

    /** V2 rules select objects with {@code <Filter>}; V1 rules have a bare {@code <Prefix>}. */
    boolean isV2() {
      return child(element, "Filter").isPresent();
    }

    String canonical() {
      return ReplicationConfig.canonical(element);
    }
  }

  private List<String> canonicalRules() {
    return rules().stream().map(Rule::canonical).sorted().toList();
  }

  private Element element(CutoverRule rule) {
    String ns = document.getDocumentElement().getNamespaceURI();
    Document d = document;
    Element filter = d.createElementNS(ns, "Filter");
    if (!rule.prefix().isEmpty()) {
      filter.appendChild(leaf(d, ns, "Prefix", rule.prefix()));
    }
    Element destination = d.createElementNS(ns, "Destination");
    destination.appendChild(leaf(d, ns, "Bucket", rule.destinationBucketArn()));
    destination.appendChild(leaf(d, ns, "Account", rule.destinationAccount()));
    destination.appendChild(
        wrap(d, ns, "AccessControlTranslation", leaf(d, ns, "Owner", "Destination")));
    Element result = d.createElementNS(ns, "Rule");
    result.appendChild(leaf(d, ns, "ID", rule.id()));
    result.appendChild(leaf(d, ns, "Priority", Integer.toString(rule.priority())));
    result.appendChild(leaf(d, ns, "Status", "Enabled"));
    result.appendChild(filter);
    if (rule.replicaKmsKeyId() != null) {
      destination.appendChild(
          wrap(d, ns, "EncryptionConfiguration", leaf(d, ns, "ReplicaKmsKeyID", rule.replicaKmsKeyId())));
      result.appendChild(
          wrap(d, ns, "SourceSelectionCriteria",
              wrap(d, ns, "SseKmsEncryptedObjects", leaf(d, ns, "Status", "Enabled"))));
    }
    result.appendChild(
        wrap(d, ns, "DeleteMarkerReplication",
            leaf(d, ns, "Status", rule.replicateDeleteMarkers() ? "Enabled" : "Disabled")));
    result.appendChild(destination);
    return result;
  }

  /**
   * A text form of an element that two renderings of the same content share: child order,
   * indentation and empty elements ({@code <Filter/>} vs {@code <Filter><Prefix/></Filter>}) do
   * not count; namespaces are S3's own and are left out. Text is length-prefixed so no value can
   * imitate structure.
   */
  static String canonical(Element element) {
    List<String> children = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        String c = canonical(child);
        if (!c.isEmpty()) {
          children.add(c);
        }
      } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(n.getNodeValue());
      }
    }
    boolean container = hasElementChildren(element) || CONTAINERS.contains(element.getLocalName());
    if (children.isEmpty() && (container || text.isEmpty())) {
      return "";
    }
    children.sort(null);
    String value = container ? "" : text.toString();
    return element.getLocalName() + "(" + value.length() + ":" + value + ")[" + String.join(",", children) + "]";
  }

  private static boolean hasElementChildren(Element element) {
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Element> child(Element parent, String localName) {
    return children(parent, localName).stream().findFirst();
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  private static Element leaf(Document d, String ns, String name, String text) {
    Element e = d.createElementNS(ns, name);
    e.setTextContent(text);
    return e;
  }

  private static Element wrap(Document d, String ns, String name, Element child) {
    Element e = d.createElementNS(ns, name);
    e.appendChild(child);
    return e;
  }

  private static DocumentBuilder newBuilder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      // The default handler prints to stderr before throwing; the exception alone is enough.
      builder.setErrorHandler(
          new DefaultHandler() {
            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
    }
  }
}
