package dev.cutover.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Writes the report page as markup that is both HTML5 and well-formed XML, so a strict parser can
 * check it. Element and attribute names come only from this module's code (they are checked
 * against a name pattern, and no method takes markup); every value, text or attribute, is escaped
 * here, so a value from the evidence (an object key such as {@code <img src=x onerror=…>.js})
 * can only ever be text.
 */
final class Html {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]*");

  private final StringBuilder out = new StringBuilder(64 * 1024);
  private final Deque<String> open = new ArrayDeque<>();

  /** Starts the document: the HTML5 doctype, which XML parsers also accept. */
  Html doctype() {
    out.append("<!DOCTYPE html>\n");
    return this;
  }

  /** {@code <tag name="value" …>}; {@code attributes} alternate names and values. */
  Html open(String tag, String... attributes) {
    startTag(tag, attributes);
    out.append('>');
    open.push(tag);
    return this;
  }

  /** Closes the innermost open element. */
  Html close() {
    if (open.isEmpty()) {
      throw new IllegalStateException("nothing to close");
    }
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** {@code <tag …/>}: a void element ({@code meta}) or an empty SVG shape. */
  Html empty(String tag, String... attributes) {
    startTag(tag, attributes);
    out.append("/>");
    return this;
  }

  /** {@code <tag …>text</tag>}. */
  Html element(String tag, String text, String... attributes) {
    return open(tag, attributes).text(text).close();
  }

  /** Text for a reader: characters made visible (line breaks kept), then escaped. */
  Html text(String text) {
    escape(Text.visible(text == null ? Text.NONE : text, true), out);
    return this;
  }

  /** An object key or other name in which a line break is part of the value: every control shown. */
  Html name(String text) {
    escape(Text.visible(text == null ? Text.NONE : text, false), out);
    return this;
  }

  /**
   * {@code <style>css</style>}. The style sheet is this module's constant, never evidence; it may
   * not hold {@code <} or {@code &}, which would need escaping in XML and cannot be escaped in an
   * HTML style element.
   */
  Html style(String css) {
    if (css.indexOf('<') >= 0 || css.indexOf('&') >= 0) {
      throw new IllegalArgumentException("a style sheet here may not contain < or &");
    }
    out.append("<style>").append(css).append("</style>");
    return this;
  }

  /** A new line in the markup, for whoever reads the source. */
  Html newline() {
    out.append('\n');
    return this;
  }

  /** The page. Every element must be closed. */
  String render() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("unclosed elements: " + open);
    }
    return out.toString();
  }

  private void startTag(String tag, String... attributes) {
    if (!NAME.matcher(tag).matches()) {
      throw new IllegalArgumentException("not an element name: " + tag);
    }
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    out.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      if (!NAME.matcher(attributes[i]).matches()) {
        throw new IllegalArgumentException("not an attribute name: " + attributes[i]);
      }
      out.append(' ').append(attributes[i]).append("=\"");
      escape(Text.visible(attributes[i + 1], false), out);
      out.append('"');
    }
  }

  /** Escapes the five characters that could end text or an attribute value, in HTML and XML alike. */
  private static void escape(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
  }
}
