package dev.cutover.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * The report page parsed by the JDK's XML parser, which refuses anything that is not well formed:
 * an unescaped {@code <} or {@code &} from the evidence would fail here, and an injected element
 * or attribute would show up in {@link #elements()}.
 */
final class Page {

  final String source;
  final Document document;

  private Page(String source, Document document) {
    this.source = source;
    this.document = document;
  }

  static Page parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    factory.setValidating(false);
    factory.setExpandEntityReferences(false);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    Document document = builder.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    return new Page(html, document);
  }

  /** Every element in document order. */
  List<Element> elements() {
    return elements(document.getDocumentElement(), e -> true);
  }

  static List<Element> elements(Element root, Predicate<Element> filter) {
    List<Element> out = new ArrayList<>();
    if (filter.test(root)) {
      out.add(root);
    }
    NodeList all = root.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (filter.test(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Every attribute of {@code element}. */
  static List<Attr> attributes(Element element) {
    List<Attr> out = new ArrayList<>();
    NamedNodeMap map = element.getAttributes();
    for (int i = 0; i < map.getLength(); i++) {
      out.add((Attr) map.item(i));
    }
    return out;
  }

  /** The element with this id. */
  Element byId(String id) {
    return elements(document.getDocumentElement(), e -> id.equals(e.getAttribute("id"))).stream()
        .findFirst()
        .orElseThrow(() -> new AssertionError("no element with id " + id));
  }

  /** The text of the section with this id, as a reader sees it (entities decoded). */
  String text(String id) {
    return byId(id).getTextContent();
  }

  /** Elements named {@code tag} under the element with this id. */
  List<Element> under(String id, String tag) {
    return elements(byId(id), e -> e.getTagName().equals(tag));
  }
}
