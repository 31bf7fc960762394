package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cutover.report.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** What the approver reads, rendered from realistic step results. */
class HtmlPageTest {

  @Test
  void the_verdict_and_its_reasons_come_first_then_each_section_in_order() throws Exception {
    Reports.Run run = Reports.run(Fixtures.mostFailed());
    Page page = Page.parse(run.html());

    List<String> ids = Page.elements(page.document.getDocumentElement(), e -> e.getTagName().equals("section"))
        .stream().map(e -> e.getAttribute("id")).toList();
    assertThat(ids).containsExactly("verdict", "cost", "preflight", "backfill", "verify", "hot-keys", "checksum", "parity", "logscan");
    Element verdict = page.byId("verdict");
    assertThat(verdict.getAttribute("class")).isEqualTo("verdict not-ready");
    assertThat(Page.elements(verdict, e -> e.getTagName().equals("p")).getFirst().getTextContent()).isEqualTo("NOT READY");
    List<String> reasons = page.under("verdict", "li").stream().map(Element::getTextContent).toList();
    assertThat(reasons).isEqualTo(run.result().reasons()).hasSize(4);
    assertThat(page.document.getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("cutover assets-to-platform-account: NOT READY");
  }

  @Test
  void a_ready_report_says_so_and_links_each_section_with_its_status() throws Exception {
    Page page = Page.parse(Reports.run(Fixtures.allPassed()).html());

    assertThat(page.byId("verdict").getAttribute("class")).isEqualTo("verdict ready");
    assertThat(page.text("verdict")).startsWith("READY").contains("Every check passed").contains("Preflight has 1 warning");
    List<String> nav = Page.elements(page.document.getDocumentElement(), e -> e.getTagName().equals("a"))
        .stream().map(a -> a.getAttribute("href") + " " + a.getParentNode().getTextContent()).toList();
    assertThat(nav).containsExactly(
        "#preflight Preflight passed", "#backfill Backfill passed", "#verify Verify objects passed",
        "#hot-keys Hot-key verify passed", "#checksum Checksum comparison not run", "#parity Edge parity passed",
        "#logscan Log scan passed");
  }

  @Test
  void the_cost_estimate_shows_the_total_each_item_the_prices_and_a_chart() throws Exception {
    Page page = Page.parse(Reports.run(Fixtures.allPassed()).html());

    assertThat(page.text("cost"))
        .contains("Estimated total: $0.26")
        .contains("Batch Operations jobs$0.25")
        .contains("Batch Operations objects$0.0012")
        .contains("KMS requests$0.0036")
        .contains("Inter-region transfer$0.00")
        .contains("3.0 GiB (3,221,225,472 bytes)")
        .contains("Objects1,200")
        .contains("per 1,000 PUT requests$0.005")
        .contains("Source: AWS public pricing, us-east-1, 2026-11");
    List<Element> bars = Page.elements(page.byId("cost"), e -> e.getTagName().equals("rect") && e.getAttribute("class").equals("bar-info"));
    assertThat(bars).hasSize(5);
    // The longest bar is the largest item (batchJobs, $0.25); data transfer ($0) has none.
    assertThat(bars).extracting(b -> Double.parseDouble(b.getAttribute("width"))).containsExactly(220.0, 2.0, 5.3, 3.2, 0.0);
  }

  @Test
  void preflight_findings_are_listed_blockers_first_with_a_bounded_number_of_examples() throws Exception {
    ObjectNode payload = Fixtures.allPassed();
    ObjectNode blocked = (ObjectNode) Fixtures.section("preflight-blocked");
    ArrayNode findings = (ArrayNode) blocked.get("findings");
    findings.insert(0, findings.remove(2)); // the INFO finding first, as a step might list them
    payload.set("preflight", blocked);
    Page page = Page.parse(Reports.run(payload).html());

    List<Element> rows = Page.elements(page.under("preflight", "tbody").getFirst(), e -> e.getTagName().equals("tr"));
    assertThat(rows).extracting(r -> ((Element) r.getElementsByTagName("td").item(0)).getTextContent())
        .containsExactly("BLOCKER", "BLOCKER", "INFO");
    Element examples = (Element) rows.getFirst().getElementsByTagName("td").item(6);
    assertThat(examples.getElementsByTagName("li").getLength()).isEqualTo(PreflightEvidence.MAX_EXAMPLES);
    assertThat(examples.getTextContent()).endsWith("First 10 of 12.");
    assertThat(page.text("preflight")).contains("Fix: Re-encrypt them in place");
    List<String> severities = Page.elements(page.byId("preflight"), e -> e.getTagName().equals("text") && e.getAttribute("class").equals("label"))
        .stream().map(Element::getTextContent).toList();
    assertThat(severities).containsExactly("BLOCKER", "WARNING", "INFO");
    assertThat(page.text("cost")).contains("Preflight gave no estimate.");
  }

  @Test
  void verify_shows_counts_by_category_with_at_most_ten_examples_each() throws Exception {
    Page page = Page.parse(Reports.run(Fixtures.mostFailed()).html());

    List<Element> rows = Page.elements(page.under("verify", "tbody").getFirst(), e -> e.getTagName().equals("tr"));
    assertThat(rows).extracting(r -> r.getElementsByTagName("code").item(0).getTextContent())
        .containsExactly("missingOnTarget", "extraOnTarget", "sizeDiffers", "checksumDiffers", "metadataDiffers", "contentUnverified");
    Element missing = rows.getFirst();
    assertThat(missing.getElementsByTagName("li").getLength()).isEqualTo(VerifyEvidence.MAX_EXAMPLES);
    assertThat(missing.getTextContent()).contains("On blue, not on green.").contains("20").contains("First 10 of 20 examples");
    assertThat(rows.get(4).getTextContent())
        .contains("static/index.html: Content-Type, Cache-Control, x-amz-meta-owner, tags, storage-class, … 2 more in the report");
    assertThat(page.text("verify"))
        .contains("Objects that differ26")
        .contains("Every findings3://platform-cutover-reports/cutover/assets-to-platform-account/verify/nightly-2026-11-24/findings.jsonl");
    List<Element> bars = Page.elements(page.byId("verify"), e -> e.getTagName().equals("rect") && e.getAttribute("class").startsWith("bar-"));
    assertThat(bars).extracting(b -> b.getAttribute("class")).containsExactly("bar-bad", "bar-bad", "bar-bad", "bar-bad", "bar-bad", "bar-warn");
  }

  @Test
  void backfill_shows_progress_the_error_codes_and_the_failed_objects() throws Exception {
    Page page = Page.parse(Reports.run(Fixtures.mostFailed()).html());

    assertThat(page.text("backfill"))
        .contains("Jobjob-three-failed")
        .contains("OutcomeFAILED")
        .contains("Replicated7")
        .contains("AccessDenied2")
        .contains("static/c++/café menü.js")
        .contains("KMS key not usable, check its key policy")
        .contains("s3://platform-cutover-reports/cutover/assets-to-platform-account/backfill/job-job-three-failed/failed-keys.jsonl");
    List<String> charts = Page.elements(page.byId("backfill"), e -> e.getTagName().equals("title")).stream().map(Element::getTextContent).toList();
    assertThat(charts).containsExactly("Backfill objects by result", "Failed objects by error code");
  }

  @Test
  void a_step_without_a_typed_view_is_a_table_of_its_values_by_path() throws Exception {
    Page page = Page.parse(Reports.run(Fixtures.allPassed()).html());

    List<String> rows = Page.elements(page.under("parity", "tbody").getFirst(), e -> e.getTagName().equals("tr"))
        .stream().map(r -> r.getElementsByTagName("td").item(0).getTextContent() + " = " + r.getElementsByTagName("td").item(1).getTextContent())
        .toList();
    assertThat(rows).contains("passed = true", "config.differences = []", "config.compared[6] = customErrorResponses",
        "probes[0].blue.status = 200", "probes[1].key = " + Fixtures.IMG_KEY);
  }

  @Test
  void a_large_generic_section_is_cut_to_a_bound() throws Exception {
    ObjectNode payload = Fixtures.allPassed();
    ArrayNode keys = ((ObjectNode) payload.get("parity")).putArray("hotKeys");
    for (int i = 0; i < 500; i++) {
      keys.add("static/k" + i + ".js");
    }
    Page page = Page.parse(Reports.run(payload).html());

    assertThat(Page.elements(page.under("parity", "tbody").getFirst(), e -> e.getTagName().equals("tr"))).hasSize(GenericEvidence.MAX_ROWS);
    assertThat(page.text("parity")).contains("Showing 200 of 518 values; all are in report.json.");
  }

  @Test
  void sections_that_did_not_run_failed_or_are_unreadable_say_so_and_the_page_still_renders() throws Exception {
    ObjectNode payload = Fixtures.payload(Fixtures.plan());
    payload.set("verify", new TextNode("done"));
    payload.set("logscan", Fixtures.section("error-output"));
    payload.putArray("backfill");
    Page page = Page.parse(Reports.run(payload).html());

    assertThat(page.text("preflight")).contains("not run").contains("Not run.");
    assertThat(page.text("cost")).contains("No estimate: preflight did not run.");
    assertThat(page.text("verify")).contains("Unreadable: found the string \"done\" where an object was expected.");
    assertThat(page.text("backfill")).contains("Unreadable: found an array");
    assertThat(page.text("logscan"))
        .contains("Failed: dev.cutover.errors.TransientException")
        .contains("Please reduce your request rate.")
        .doesNotContain("stackTrace");
    assertThat(page.text("problems")).contains("verify").contains("expected an object, found the string \"done\".");
  }

  @Test
  void wrong_types_show_as_a_dash_and_are_listed_as_problems() throws Exception {
    ObjectNode payload = Fixtures.allPassed();
    ((ObjectNode) payload.get("verify")).put("objectsCompared", "lots");
    Page page = Page.parse(Reports.run(payload).html());

    assertThat(page.text("verify")).contains("Objects compared—");
    assertThat(page.text("problems")).contains("verify.objectsCompared").contains("expected a whole number, found the string \"lots\".");
  }

  @Test
  void the_page_reads_on_a_phone_and_on_paper() throws Exception {
    Page page = Page.parse(Reports.run(Fixtures.mostFailed()).html());

    Element viewport = Page.elements(page.document.getDocumentElement(), e -> "viewport".equals(e.getAttribute("name"))).getFirst();
    assertThat(viewport.getAttribute("content")).isEqualTo("width=device-width, initial-scale=1");
    String css = page.document.getElementsByTagName("style").item(0).getTextContent();
    assertThat(css).contains("@media print{").contains("@media (max-width:640px){");
    // Wide tables scroll sideways on a small screen instead of widening the page.
    assertThat(Page.elements(page.document.getDocumentElement(), e -> e.getTagName().equals("table")))
        .isNotEmpty()
        .allSatisfy(t -> assertThat(((Element) t.getParentNode()).getAttribute("class")).isEqualTo("scroll"));
  }
}
