package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.report.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;

/**
 * Object keys, messages and field names are user data: on the page they can only be text. And the
 * page is one file that fetches nothing: no script, no link, image or font from anywhere.
 */
class HtmlEscapingTest {

  /** Every element the page is made of. */
  private static final Set<String> ELEMENTS =
      Set.of("html", "head", "meta", "title", "style", "body", "main", "header", "footer", "nav", "section",
          "h1", "h2", "h3", "p", "dl", "dt", "dd", "ul", "li", "a", "span", "strong", "code", "div",
          "table", "thead", "tbody", "tr", "th", "td", "svg", "rect", "text");

  /** Every attribute the page uses. */
  private static final Set<String> ATTRIBUTES =
      Set.of("lang", "charset", "name", "content", "http-equiv", "class", "id", "href", "aria-label", "scope",
          "xmlns", "viewBox", "role", "x", "y", "width", "height");

  /** Attributes through which a page loads or sends something. */
  private static final Set<String> FETCHING =
      Set.of("src", "href", "xlink:href", "srcset", "action", "formaction", "poster", "background", "data", "codebase", "ping");

  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern FETCH_ATTRIBUTE =
      Pattern.compile("\\b(src|href|xlink:href|srcset|action|formaction|poster|background|data|ping)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]*)", Pattern.CASE_INSENSITIVE);

  static Stream<ObjectNode> payloads() {
    ObjectNode nothingRan = Fixtures.payload(Fixtures.plan());
    ObjectNode hostileGeneric = Fixtures.allPassed();
    hostileGeneric.putObject("logscan").put("passed", true).putArray("<a href=\"https://evil.example/\">keys</a>")
        .add("url(https://evil.example/x.png)").add("<link rel=stylesheet href=//evil.example/s.css>");
    return Stream.of(Fixtures.mostFailed(), Fixtures.allPassed(), nothingRan, hostileGeneric);
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void every_element_and_attribute_on_the_page_is_the_reports_own(ObjectNode payload) throws Exception {
    Page page = Page.parse(Reports.run(payload).html());

    for (Element element : page.elements()) {
      assertThat(element.getTagName()).as("element").isIn(ELEMENTS);
      for (Attr attribute : Page.attributes(element)) {
        assertThat(attribute.getName()).as("attribute of <%s>", element.getTagName()).isIn(ATTRIBUTES);
        assertThat(attribute.getValue()).as("value of %s", attribute.getName()).doesNotContain("alert", "onerror", "evil");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void the_page_fetches_nothing_from_anywhere(ObjectNode payload) throws Exception {
    String html = Reports.run(payload).html();
    Page page = Page.parse(html);

    for (Element element : page.elements()) {
      for (Attr attribute : Page.attributes(element)) {
        if (FETCHING.contains(attribute.getName())) {
          assertThat(attribute.getValue()).as("%s of <%s>", attribute.getName(), element.getTagName()).matches("#.*|data:.*");
        }
      }
    }
    // The same over the markup as written: every attribute inside every tag (escaped text has no '<').
    Matcher tags = TAG.matcher(html);
    while (tags.find()) {
      Matcher fetch = FETCH_ATTRIBUTE.matcher(tags.group());
      while (fetch.find()) {
        assertThat(fetch.group(2)).as(tags.group()).matches("#.*|data:.*");
      }
    }
    List<Element> styles = Page.elements(page.document.getDocumentElement(), e -> e.getTagName().equals("style"));
    assertThat(styles).hasSize(1);
    String css = styles.getFirst().getTextContent();
    Matcher urls = URL.matcher(css);
    while (urls.find()) {
      assertThat(urls.group(1)).matches("#.*|data:.*");
    }
    assertThat(css).doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("@font-face");
    assertThat(page.elements()).noneMatch(e -> e.hasAttribute("style"));
    Element csp = Page.elements(page.document.getDocumentElement(), e -> "Content-Security-Policy".equals(e.getAttribute("http-equiv"))).getFirst();
    assertThat(csp.getAttribute("content")).startsWith("default-src 'none';");
  }

  @Test
  void the_content_security_policy_allows_exactly_the_pages_own_style_sheet() throws Exception {
    Page page = Page.parse(Reports.run(Fixtures.mostFailed()).html());
    Element csp = Page.elements(page.document.getDocumentElement(), e -> "Content-Security-Policy".equals(e.getAttribute("http-equiv"))).getFirst();
    String css = page.document.getElementsByTagName("style").item(0).getTextContent();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));

    // A browser hashes the style element's text; a hash that differs would drop every style.
    assertThat(csp.getAttribute("content"))
        .isEqualTo("default-src 'none'; style-src 'sha256-" + Base64.getEncoder().encodeToString(digest) + "'; base-uri 'none'; form-action 'none'");
  }

  @Test
  void hostile_keys_and_messages_read_as_the_text_they_are() throws Exception {
    Page page = Page.parse(Reports.run(Fixtures.mostFailed()).html());

    assertThat(page.text("preflight"))
        .contains(Fixtures.IMG_KEY)
        .contains("static/a&amp;b \"quoted\" 'single'.css")
        .contains("static/</style></script>]]>.css")
        .contains("<script>alert('message')</script>");
    assertThat(page.text("verify")).contains(Fixtures.IMG_KEY).contains("static/a&amp;b \"q\".js");
    assertThat(page.text("backfill")).contains("static/fonts/<b>€</b>.woff2");
    assertThat(page.text("parity"))
        .contains("probes[1].key")
        .contains("[\"headers <script>\"][\"x-evil\\\"><script>alert(1)</script>\"]");
    assertThat(page.source).doesNotContain("<img", "<script", "<b>", "<link");
  }

  @Test
  void control_characters_and_bidi_overrides_in_keys_show_as_visible_stand_ins() throws Exception {
    Page page = Page.parse(Reports.run(Fixtures.mostFailed()).html());

    assertThat(page.text("preflight")).contains("static/ctl\u2401bell\u2407.js").contains("static/rtl-<U+202E>gnp.js");
    assertThat(page.source).doesNotContain("\u0001", "\u0007", "\u202E");
  }
}
