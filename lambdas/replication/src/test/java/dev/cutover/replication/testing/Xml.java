package dev.cutover.replication.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reading the XML bodies the tests receive, independently of the code under test. */
public final class Xml {

  private Xml() {}

  public static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new AssertionError("not XML: " + new String(xml, java.nio.charset.StandardCharsets.UTF_8), e);
    }
  }

  /** Child elements by local name along a path, e.g. {@code "Destination/Bucket"}. */
  public static Optional<Element> at(Element from, String path) {
    Element current = from;
    for (String step : path.split("/")) {
      List<Element> next = children(current, step);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      current = next.getFirst();
    }
    return Optional.of(current);
  }

  public static String text(Element from, String path) {
    return at(from, path).map(Element::getTextContent).orElseThrow(() -> new AssertionError("no " + path));
  }

  public static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  public static List<Element> rules(Document configuration) {
    return children(configuration.getDocumentElement(), "Rule");
  }

  public static Element rule(Document configuration, String id) {
    return rules(configuration).stream()
        .filter(r -> text(r, "ID").equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no rule " + id));
  }

  /**
   * The same configuration as S3 might render it back: every element's children in reverse order,
   * indented differently, without an XML declaration's trailing newline.
   */
  public static byte[] rerendered(byte[] xml) {
    Document doc = parse(xml);
    reverse(doc.getDocumentElement());
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "4");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out.toByteArray();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void reverse(Element element) {
    List<Node> kids = new ArrayList<>();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      kids.add(n);
    }
    boolean container = kids.stream().anyMatch(Element.class::isInstance);
    if (!container) {
      return;
    }
    kids.forEach(element::removeChild);
    List<Element> elements = new ArrayList<>(kids.stream().filter(Element.class::isInstance).map(Element.class::cast).toList());
    Collections.reverse(elements);
    for (Element e : elements) {
      reverse(e);
      element.appendChild(e);
    }
  }

  /** A rule someone else adds to a configuration. */
  public static byte[] withExtraRule(byte[] xml, String id) {
    Document doc = parse(xml);
    Element root = doc.getDocumentElement();
    String ns = root.getNamespaceURI();
    Element rule = doc.createElementNS(ns, "Rule");
    for (String[] leaf : new String[][] {{"ID", id}, {"Priority", "42"}, {"Status", "Enabled"}}) {
      Element e = doc.createElementNS(ns, leaf[0]);
      e.setTextContent(leaf[1]);
      rule.appendChild(e);
    }
    Element filter = doc.createElementNS(ns, "Filter");
    Element prefix = doc.createElementNS(ns, "Prefix");
    prefix.setTextContent("reports/");
    filter.appendChild(prefix);
    rule.appendChild(filter);
    Element dmr = doc.createElementNS(ns, "DeleteMarkerReplication");
    Element status = doc.createElementNS(ns, "Status");
    status.setTextContent("Disabled");
    dmr.appendChild(status);
    rule.appendChild(dmr);
    Element destination = doc.createElementNS(ns, "Destination");
    Element bucket = doc.createElementNS(ns, "Bucket");
    bucket.setTextContent("arn:aws:s3:::finance-reports");
    destination.appendChild(bucket);
    rule.appendChild(destination);
    root.appendChild(rule);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
      return out.toByteArray();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
