package dev.cutover.cutover.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
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

/**
 * Reads and edits the {@code Aliases} of a CloudFront {@code DistributionConfig} document and
 * nothing else: every other element, known to this build or not, goes back as CloudFront sent it.
 *
 * <pre>{@code
 * <DistributionConfig xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
 *   <CallerReference>...</CallerReference>
 *   <Aliases><Quantity>2</Quantity><Items><CNAME>a.example.com</CNAME><CNAME>*.example.com</CNAME></Items></Aliases>
 *   ...
 * }</pre>
 */
final class DistributionConfigXml {

  private DistributionConfigXml() {}

  /** The aliases in the document, in order. */
  static List<String> aliases(byte[] xml) {
    Element aliases = child(parse(xml).getDocumentElement(), "Aliases");
    List<String> out = new ArrayList<>();
    if (aliases == null) {
      return out;
    }
    Element items = child(aliases, "Items");
    if (items == null) {
      return out;
    }
    for (Node n = items.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && "CNAME".equals(e.getLocalName())) {
        out.add(e.getTextContent().strip());
      }
    }
    return out;
  }

  /** The document with its aliases replaced by {@code aliases} and everything else unchanged. */
  static byte[] withAliases(byte[] xml, List<String> aliases) {
    Document doc = parse(xml);
    Element root = doc.getDocumentElement();
    String ns = root.getNamespaceURI();
    Element element = child(root, "Aliases");
    if (element == null) {
      // The schema is a sequence: Aliases comes right after CallerReference.
      element = doc.createElementNS(ns, "Aliases");
      Element caller = child(root, "CallerReference");
      root.insertBefore(element, caller == null ? root.getFirstChild() : caller.getNextSibling());
    }
    while (element.getFirstChild() != null) {
      element.removeChild(element.getFirstChild());
    }
    Element quantity = doc.createElementNS(ns, "Quantity");
    quantity.setTextContent(Integer.toString(aliases.size()));
    element.appendChild(quantity);
    if (!aliases.isEmpty()) {
      Element items = doc.createElementNS(ns, "Items");
      for (String alias : aliases) {
        Element cname = doc.createElementNS(ns, "CNAME");
        cname.setTextContent(alias);
        items.appendChild(cname);
      }
      element.appendChild(items);
    }
    return write(doc);
  }

  private static Element child(Element parent, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  private static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
      if (!"DistributionConfig".equals(doc.getDocumentElement().getLocalName())) {
        throw new IllegalArgumentException("expected a DistributionConfig document, got <" + doc.getDocumentElement().getLocalName() + ">");
      }
      return doc;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException("not a readable DistributionConfig document: " + e.getMessage(), e);
    }
  }

  private static byte[] write(Document doc) {
    doc.setXmlStandalone(true);
    try {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("writing a DOM document back out failed", e);
    }
  }
}
