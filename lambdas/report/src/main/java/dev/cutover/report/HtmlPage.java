package dev.cutover.report;

import dev.cutover.plan.Plan;
import dev.cutover.plan.Side;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page a person reads before approving: one self-contained file (inline style sheet, inline
 * SVG charts, no script, no link, image or font from anywhere, and a Content-Security-Policy that
 * would block them if one slipped in), readable on a phone and on paper. Verdict and reasons
 * first, then the cost estimate, preflight findings, backfill, verify by category with examples,
 * the hot keys, the checks the report has no typed view of yet, and what could not be read.
 *
 * <p>Every value comes from {@link Evidence} through {@link Html}, which escapes it.
 */
final class HtmlPage {


  private static final String CSS =
      """
      :root{color-scheme:light}
      *{box-sizing:border-box}
      body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1f24;background:#fff}
      main{max-width:1040px;margin:0 auto;padding:16px}
      h1{font-size:1.5rem;margin:0 0 .25rem}
      h2{font-size:1.2rem;margin:1.6rem 0 .5rem;padding-top:.6rem;border-top:2px solid #d0d7de}
      h3{font-size:1rem;margin:1rem 0 .4rem}
      p{margin:.4rem 0}
      dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
      dl.facts dt{font-weight:600;color:#57606a}
      dl.facts dd{margin:0;overflow-wrap:anywhere}
      .verdict{border:3px solid;border-radius:8px;padding:12px 16px;margin:1rem 0}
      .verdict.ready{border-color:#1a7f37;background:#dafbe1}
      .verdict.not-ready{border-color:#cf222e;background:#ffebe9}
      .verdict .word{font-size:1.7rem;font-weight:700;margin:0}
      .verdict ul{margin:.4rem 0;padding-left:1.2em}
      .badge{display:inline-block;padding:0 .55em;border-radius:1em;font-size:.85em;font-weight:600;border:1px solid;white-space:nowrap}
      .badge.PASSED{color:#1a7f37;border-color:#1a7f37;background:#dafbe1}
      .badge.NOT_PASSED,.badge.FAILED{color:#a40e26;border-color:#cf222e;background:#ffebe9}
      .badge.UNKNOWN{color:#7d4e00;border-color:#bf8700;background:#fff8c5}
      .badge.NOT_RUN{color:#57606a;border-color:#8c959f;background:#f6f8fa}
      .scroll{overflow-x:auto}
      table{border-collapse:collapse;width:100%;margin:.5rem 0}
      th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f6f8fa}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      tr.total td{font-weight:700}
      .key,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;overflow-wrap:anywhere;word-break:break-all}
      .muted{color:#57606a}
      .message{white-space:pre-wrap;overflow-wrap:anywhere}
      ul.examples{margin:0;padding-left:1.1em}
      .big{font-size:1.5rem;font-weight:700}
      svg.chart{width:100%;max-width:600px;height:auto;display:block;margin:.5rem 0}
      svg .label,svg .value{font-size:13px;fill:#1b1f24}
      svg .track{fill:#f6f8fa}
      .bar-ok{fill:#2da44e}
      .bar-bad{fill:#cf222e}
      .bar-warn{fill:#bf8700}
      .bar-info{fill:#0969da}
      .bar-neutral{fill:#8c959f}
      nav ul{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.4rem 1rem}
      @media (max-width:640px){body{font-size:14px}main{padding:10px}dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.3rem}th,td{padding:3px 5px}}
      @media print{body{font-size:10.5pt}main{max-width:none;padding:0}.scroll{overflow:visible}h2{break-after:avoid}tr,svg{break-inside:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
      """;

  /**
   * Nothing may be fetched, and the only style allowed is this page's own style sheet, named by
   * its hash: even if markup slipped past the escaping, it could load, run and restyle nothing.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src '" + sha256(CSS) + "'; base-uri 'none'; form-action 'none'";

  private static final Map<String, String> COST_LINES =
      Map.of(
          "batchJobs", "Batch Operations jobs",
          "batchObjects", "Batch Operations objects",
          "replicationPuts", "Replication PUT requests",
          "kmsRequests", "KMS requests",
          "dataTransfer", "Inter-region transfer");

  private static final Map<String, String> PRICES =
      Map.of(
          "batchJobUsd", "per Batch Operations job",
          "batchPerMillionObjectsUsd", "per million objects processed by Batch Operations",
          "putPer1000Usd", "per 1,000 PUT requests",
          "kmsPer10000Usd", "per 10,000 KMS requests",
          "interRegionPerGbUsd", "per GB moved between regions");

  private static final Map<String, String> CATEGORIES =
      Map.of(
          "missingOnTarget", "On blue, not on green.",
          "extraOnTarget", "On green, not on blue: green would serve something blue does not.",
          "sizeDiffers", "On both, different sizes.",
          "checksumDiffers", "Same size, but a full-object checksum differs: different bytes.",
          "metadataDiffers", "A compared header, user metadata, tag or storage class differs.",
          "contentUnverified", "Nothing proves the bytes equal (no checksum both sides share). Not counted as a mismatch.");

  private static final List<String> SEVERITY_ORDER =
      List.of(PreflightEvidence.BLOCKER, PreflightEvidence.WARNING, PreflightEvidence.INFO);

  private final Evidence evidence;
  private final Assessment assessment;
  private final ReportDocument document;
  private final String jsonUri;
  private final Html h = new Html();

  private HtmlPage(Evidence evidence, Assessment assessment, ReportDocument document, String jsonUri) {
    this.evidence = evidence;
    this.assessment = assessment;
    this.document = document;
    this.jsonUri = jsonUri;
  }

  /** The page, as a string to be written as UTF-8. */
  static String render(Evidence evidence, Assessment assessment, ReportDocument document, String jsonUri) {
    return new HtmlPage(evidence, assessment, document, jsonUri).page();
  }

  private String page() {
    boolean ready = assessment.verdict() == Verdict.READY;
    h.doctype().open("html", "lang", "en").newline();
    h.open("head").newline();
    h.empty("meta", "charset", "utf-8").newline();
    h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").newline();
    h.empty("meta", "http-equiv", "Content-Security-Policy", "content", CONTENT_SECURITY_POLICY).newline();
    h.empty("meta", "name", "referrer", "content", "no-referrer").newline();
    h.element("title", "cutover " + evidence.plan().migrationId() + ": " + (ready ? "READY" : "NOT READY")).newline();
    h.style(CSS).newline();
    h.close().newline();
    h.open("body").open("main").newline();
    header();
    verdict(ready);
    cost();
    preflight();
    backfill();
    verify(evidence.verify(), "verify");
    verify(evidence.verifyKeys(), "hot-keys");
    evidence.generic().forEach(this::generic);
    problems();
    footer();
    h.close().close().newline().close().newline();
    return h.render();
  }

  // ---- top of the page ----

  private void header() {
    Plan plan = evidence.plan();
    h.open("header");
    h.element("h1", "Cutover report: " + plan.migrationId());
    h.open("dl", "class", "facts");
    fact("Execution", evidence.executionId(), true);
    fact("Mode", plan.mode().name(), false);
    fact("Blue (source)", side(plan.source(), plan.source().prefixOrEmpty()), true);
    fact("Green (target)", side(plan.target(), plan.effectiveTargetPrefix()), true);
    fact("Hostname", plan.dns().hostname(), false);
    fact("Generated", document.generatedAt(), false);
    h.close().close().newline();
  }

  private static String side(Side side, String prefix) {
    return "s3://" + side.bucket() + "/" + prefix + " (account " + side.accountId() + ", " + side.region()
        + ", distribution " + side.distributionId() + ")";
  }

  private void verdict(boolean ready) {
    h.open("section", "id", "verdict", "class", ready ? "verdict ready" : "verdict not-ready");
    h.element("p", ready ? "READY" : "NOT READY", "class", "word");
    if (ready) {
      h.element("p", "Every check passed. Read the cost estimate and any notes below, then approve or reject.");
    } else {
      h.element("p", "Do not approve until each of these is resolved or understood:");
      list(assessment.reasons());
    }
    if (!assessment.notes().isEmpty()) {
      h.element("h3", "Also note");
      list(assessment.notes());
    }
    h.close().newline();
    h.open("nav", "aria-label", "Sections").open("ul");
    for (Assessment.Check check : assessment.checks()) {
      h.open("li").open("a", "href", "#" + anchor(check.section())).text(check.title()).close().text(" ");
      badge(check.status());
      h.close();
    }
    if (!evidence.problems().isEmpty()) {
      h.open("li").open("a", "href", "#problems").text("Problems").close().close();
    }
    h.close().close().newline();
  }

  private void list(List<String> items) {
    h.open("ul");
    items.forEach(item -> h.element("li", item));
    h.close();
  }

  // ---- cost ----

  private void cost() {
    h.open("section", "id", "cost");
    h.element("h2", "Cost estimate");
    Section<PreflightEvidence> preflight = evidence.preflight();
    if (!preflight.present()) {
      h.element("p", "No estimate: preflight " + stateText(preflight) + ".", "class", "muted");
    } else if (preflight.value().estimate() == null) {
      h.element("p", "Preflight gave no estimate.", "class", "muted");
    } else {
      PreflightEvidence.Estimate e = preflight.value().estimate();
      h.open("p").text("Estimated total: ").open("span", "class", "big").text(Text.usd(e.total())).close().close();
      List<Charts.Bar> bars = new ArrayList<>();
      e.costUsd().forEach((name, usd) -> bars.add(new Charts.Bar(COST_LINES.getOrDefault(name, name),
          usd == null ? 0 : usd.doubleValue(), Text.usd(usd), "info")));
      Charts.bars(h, "Estimated cost by item, US dollars", bars);
      table(List.of("Item", "Cost (USD)"), List.of(false, true));
      e.costUsd().forEach((name, usd) -> {
        h.open("tr");
        h.element("td", COST_LINES.getOrDefault(name, name));
        h.element("td", Text.usd(usd), "class", "num");
        h.close();
      });
      h.open("tr", "class", "total").element("td", "Total").element("td", Text.usd(e.total()), "class", "num").close();
      endTable();
      h.open("dl", "class", "facts");
      fact("Basis", e.basis(), false);
      fact("Objects", Text.count(e.objects()), false);
      fact("Size", Text.bytes(e.bytes()), false);
      fact("Archived objects", Text.count(e.archivedObjects()), false);
      fact("Objects sampled for encryption", Text.count(e.sampledForEncryption()), false);
      h.close();
      if (!e.prices().isEmpty() || e.pricesSource() != null) {
        h.element("h3", "Prices used");
        table(List.of("Price", "USD"), List.of(false, true));
        e.prices().forEach((name, usd) -> {
          h.open("tr");
          h.element("td", PRICES.getOrDefault(name, name));
          h.element("td", Text.price(usd), "class", "num");
          h.close();
        });
        endTable();
        h.element("p", "Source: " + Text.or(e.pricesSource()), "class", "muted");
      }
    }
    h.close().newline();
  }

  // ---- preflight ----

  private void preflight() {
    Section<PreflightEvidence> section = evidence.preflight();
    open(section, "preflight");
    if (section.present()) {
      PreflightEvidence p = section.value();
      h.open("dl", "class", "facts");
      fact("Passed", Text.yesNo(p.passed()), false);
      fact("Migration", p.migrationId(), false);
      h.close();
      List<Charts.Bar> bars = new ArrayList<>();
      severityCounts(p).forEach((severity, n) -> bars.add(new Charts.Bar(severity, n == null ? 0 : n, Text.count(n), tone(severity))));
      Charts.bars(h, "Preflight findings by severity", bars);
      if (p.findings().isEmpty()) {
        h.element("p", "No findings.", "class", "muted");
      } else {
        List<PreflightEvidence.Finding> findings = new ArrayList<>(p.findings());
        findings.sort(Comparator.comparingInt(f -> severityRank(f.severity())));
        table(List.of("Severity", "Check", "Side", "Subject", "What and how to fix", "Count", "Examples"),
            List.of(false, false, false, false, false, true, false));
        for (PreflightEvidence.Finding f : findings) {
          h.open("tr");
          h.element("td", Text.or(f.severity()));
          h.element("td", Text.or(f.check()));
          h.element("td", Text.or(f.side()));
          h.open("td", "class", "key").name(Text.or(f.subject())).close();
          h.open("td");
          h.element("p", Text.or(f.message()), "class", "message");
          if (f.fix() != null) {
            h.open("p", "class", "message").open("strong").text("Fix: ").close().text(f.fix()).close();
          }
          h.close();
          h.element("td", Text.count(f.count()), "class", "num");
          h.open("td");
          keys(f.examples(), f.examplesTotal());
          h.close();
          h.close();
        }
        endTable();
        shown(p.findings().size(), p.findingsTotal(), "findings", "report.json");
      }
    }
    h.close().newline();
  }

  /** The counts by severity the step gives, or counted from its findings when it gives none. */
  private static Map<String, Long> severityCounts(PreflightEvidence p) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (!p.counts().isEmpty()) {
      SEVERITY_ORDER.forEach(s -> {
        if (p.counts().containsKey(s)) {
          counts.put(s, p.counts().get(s));
        }
      });
      p.counts().forEach(counts::putIfAbsent);
    } else {
      p.findings().forEach(f -> counts.merge(Text.or(f.severity()), 1L, Long::sum));
    }
    return counts;
  }

  private static int severityRank(String severity) {
    int i = SEVERITY_ORDER.indexOf(severity);
    return i < 0 ? SEVERITY_ORDER.size() : i;
  }

  private static String tone(String severity) {
    return switch (severity) {
      case PreflightEvidence.BLOCKER -> "bad";
      case PreflightEvidence.WARNING -> "warn";
      case PreflightEvidence.INFO -> "info";
      default -> "neutral";
    };
  }

  // ---- backfill ----

  private void backfill() {
    Section<BackfillEvidence> section = evidence.backfill();
    open(section, "backfill");
    if (section.present()) {
      BackfillEvidence b = section.value();
      BackfillEvidence.Progress p = b.progress();
      if (p == null) {
        h.element("p", "No job progress in the evidence.", "class", "muted");
      } else {
        h.open("dl", "class", "facts");
        fact("Job", p.jobId(), true);
        fact("S3 status", p.jobStatus(), false);
        fact("Outcome", p.outcome(), false);
        fact("Objects in the job", Text.count(p.totalTasks()), false);
        fact("Replicated", Text.count(p.succeededTasks()), false);
        fact("Failed", Text.count(p.failedTasks()), false);
        if (p.statusUpdateReason() != null) {
          fact("Status reason", p.statusUpdateReason(), false);
        }
        h.close();
        List<Charts.Bar> bars = new ArrayList<>();
        long succeeded = p.succeededTasks() == null ? 0 : p.succeededTasks();
        long failed = p.failedTasks() == null ? 0 : p.failedTasks();
        bars.add(new Charts.Bar("Replicated", succeeded, Text.count(p.succeededTasks()), "ok"));
        bars.add(new Charts.Bar("Failed", failed, Text.count(p.failedTasks()), "bad"));
        if (p.totalTasks() != null && p.totalTasks() > succeeded + failed) {
          long left = p.totalTasks() - succeeded - failed;
          bars.add(new Charts.Bar("Not done yet", left, Text.count(left), "neutral"));
        }
        Charts.bars(h, "Backfill objects by result", bars);
        if (!p.failureReasons().isEmpty()) {
          h.element("h3", "Why the job failed");
          table(List.of("Code", "Reason"), List.of(false, false));
          p.failureReasons().forEach(r -> h.open("tr").element("td", Text.or(r.code())).element("td", Text.or(r.reason())).close());
          endTable();
        }
      }
      BackfillEvidence.FailureReport r = b.report();
      if (r != null) {
        h.element("h3", "Completion report");
        h.open("dl", "class", "facts");
        fact("Failed objects", Text.count(r.failedTasks()), false);
        fact("Every failed object", r.failedKeys(), true);
        fact("Report manifest", r.reportManifest(), true);
        h.close();
        if (!r.failedTasksByErrorCode().isEmpty()) {
          List<Charts.Bar> bars = new ArrayList<>();
          r.failedTasksByErrorCode().forEach((code, n) -> bars.add(new Charts.Bar(code, n == null ? 0 : n, Text.count(n), "bad")));
          Charts.bars(h, "Failed objects by error code", bars);
          table(List.of("Error code", "Objects"), List.of(false, true));
          r.failedTasksByErrorCode().forEach((code, n) -> h.open("tr").element("td", code).element("td", Text.count(n), "class", "num").close());
          endTable();
        }
        if (!r.failedExamples().isEmpty()) {
          table(List.of("Key", "Version", "Error", "HTTP", "Message"), List.of(false, false, false, true, false));
          for (BackfillEvidence.FailedTask t : r.failedExamples()) {
            h.open("tr");
            h.open("td", "class", "key").name(Text.or(t.key())).close();
            h.open("td", "class", "key").name(Text.or(t.versionId())).close();
            h.element("td", Text.or(t.errorCode()));
            h.element("td", Text.or(t.httpStatus()), "class", "num");
            h.element("td", Text.or(t.message()), "class", "message");
            h.close();
          }
          endTable();
          shown(r.failedExamples().size(), r.failedExamplesTotal(), "failed objects", "the failed-objects list");
          if (Boolean.TRUE.equals(r.examplesTruncated())) {
            h.element("p", "More objects failed than the step listed; every one is in " + Text.or(r.failedKeys()) + ".", "class", "muted");
          }
        }
      }
    }
    h.close().newline();
  }

  // ---- verify ----

  private void verify(Section<VerifyEvidence> section, String anchor) {
    open(section, anchor);
    if (section.present()) {
      VerifyEvidence v = section.value();
      h.open("dl", "class", "facts");
      fact("Passed", Text.yesNo(v.passed()), false);
      fact("Complete", Text.yesNo(v.complete()), false);
      fact("Scope", v.scope(), false);
      fact("Objects compared", Text.count(v.objectsCompared()), false);
      fact("On blue", Text.count(v.sourceObjects()), false);
      fact("On green", Text.count(v.targetObjects()), false);
      fact("Objects that differ", Text.count(v.mismatchedObjects()), false);
      fact("Tolerance", Text.count(v.mismatchTolerance()), false);
      fact("Retried calls", Text.count(v.retries()), false);
      fact("Invocations", Text.count(v.segments()), false);
      fact(v.segments() != null && v.segments() > 1 ? "Last invocation's findings" : "Every finding", v.reportUri(), true);
      h.close();
      List<Charts.Bar> bars = new ArrayList<>();
      v.categories().forEach(c -> bars.add(new Charts.Bar(c.name(), c.count() == null ? 0 : c.count(), Text.count(c.count()),
          VerifyEvidence.NOT_MISMATCHES.contains(c.name()) ? "warn" : "bad")));
      Charts.bars(h, "Objects by mismatch category", bars);
      if (!v.categories().isEmpty()) {
        table(List.of("Category", "Objects", "Examples (key: differing fields)"), List.of(false, true, false));
        for (VerifyEvidence.CategoryRow c : v.categories()) {
          h.open("tr");
          h.open("td").open("code").text(c.name()).close();
          String meaning = CATEGORIES.get(c.name());
          if (meaning != null) {
            h.element("p", meaning, "class", "muted");
          }
          h.close();
          h.element("td", Text.count(c.count()), "class", "num");
          h.open("td");
          if (c.examples().isEmpty()) {
            h.text(Text.NONE);
          } else {
            h.open("ul", "class", "examples");
            for (VerifyEvidence.Example e : c.examples()) {
              h.open("li").open("span", "class", "key").name(Text.or(e.key())).close();
              if (!e.fields().isEmpty()) {
                h.open("span", "class", "muted").text(": " + String.join(", ", e.fields())).close();
              }
              h.close();
            }
            h.close();
            if (c.examplesTotal() > c.examples().size()) {
              h.element("p", "First " + c.examples().size() + " of " + Text.count((long) c.examplesTotal()) + " examples in the result.", "class", "muted");
            }
          }
          h.close();
          h.close();
        }
        endTable();
      }
    }
    h.close().newline();
  }

  // ---- checks without a typed view ----

  private void generic(Section<GenericEvidence> section) {
    open(section, anchor(section.name()));
    if (section.present()) {
      GenericEvidence g = section.value();
      h.open("dl", "class", "facts");
      fact("Passed", Text.yesNo(g.passed()), false);
      h.close();
      if (g.rows().isEmpty()) {
        h.element("p", "No values.", "class", "muted");
      } else {
        table(List.of("Field", "Value"), List.of(false, false));
        g.rows().forEach(r -> {
          h.open("tr");
          h.open("td", "class", "key").name(r.path()).close();
          h.open("td", "class", "message").name(r.value()).close();
          h.close();
        });
        endTable();
        shown(g.rows().size(), g.rowsTotal(), "values", "report.json");
      }
    }
    h.close().newline();
  }

  // ---- problems and footer ----

  private void problems() {
    if (evidence.problems().isEmpty()) {
      return;
    }
    h.open("section", "id", "problems");
    h.element("h2", "Problems reading the evidence");
    h.element("p", "These fields are not what their step's contract says; the page shows them as " + Text.NONE
        + " and the verdict does not count on them.");
    table(List.of("Field", "Problem"), List.of(false, false));
    evidence.problems().forEach(p -> {
      h.open("tr");
      h.open("td", "class", "key").name(p.field()).close();
      h.element("td", p.message());
      h.close();
    });
    endTable();
    if (evidence.problemsTotal() > evidence.problems().size()) {
      h.element("p", evidence.problemsTotal() + " problems in all.", "class", "muted");
    }
    h.close().newline();
  }

  private void footer() {
    h.open("footer", "id", "files");
    h.open("dl", "class", "facts");
    fact("This page", document.html(), true);
    fact("Evidence as JSON", jsonUri, true);
    fact("Run", document.runName(), true);
    h.close();
    h.close().newline();
  }

  // ---- pieces ----

  /** A section's heading with its status, and what stands in for it when it did not run. */
  private void open(Section<?> section, String anchor) {
    h.open("section", "id", anchor);
    h.open("h2").text(section.title() + " ");
    badge(status(section.name()));
    h.close();
    switch (section.state()) {
      case NOT_RUN -> h.element("p", "Not run.", "class", "muted");
      case FAILED -> {
        h.open("p").open("strong").text("Failed: ").close().open("code").text(section.error().error()).close().close();
        if (section.error().cause() != null) {
          h.element("p", section.error().cause(), "class", "message");
        }
      }
      case UNREADABLE -> h.element("p", "Unreadable: found " + section.found() + " where an object was expected.", "class", "muted");
      case PRESENT -> {}
    }
  }

  private Status status(String section) {
    return assessment.checks().stream().filter(c -> c.section().equals(section)).map(Assessment.Check::status).findFirst().orElse(Status.UNKNOWN);
  }

  private static String stateText(Section<?> section) {
    return switch (section.state()) {
      case NOT_RUN -> "did not run";
      case FAILED -> "failed";
      case UNREADABLE -> "left no readable result";
      case PRESENT -> "ran";
    };
  }

  private void badge(Status status) {
    String text = switch (status) {
      case PASSED -> "passed";
      case NOT_PASSED -> "not passed";
      case UNKNOWN -> "cannot tell";
      case NOT_RUN -> "not run";
      case FAILED -> "failed";
    };
    h.element("span", text, "class", "badge " + status.name());
  }

  private void fact(String label, String value, boolean code) {
    h.element("dt", label);
    if (code && value != null) {
      h.open("dd").open("span", "class", "key").name(value).close().close();
    } else {
      h.element("dd", Text.or(value));
    }
  }

  private void table(List<String> headings, List<Boolean> numeric) {
    h.open("div", "class", "scroll").open("table").open("thead").open("tr");
    for (int i = 0; i < headings.size(); i++) {
      if (numeric.get(i)) {
        h.element("th", headings.get(i), "scope", "col", "class", "num");
      } else {
        h.element("th", headings.get(i), "scope", "col");
      }
    }
    h.close().close().open("tbody");
  }

  private void endTable() {
    h.close().close().close().newline();
  }

  private void keys(List<String> keys, int total) {
    if (keys.isEmpty()) {
      h.text(Text.NONE);
      return;
    }
    h.open("ul", "class", "examples");
    keys.forEach(k -> h.open("li", "class", "key").name(k).close());
    h.close();
    if (total > keys.size()) {
      h.element("p", "First " + keys.size() + " of " + Text.count((long) total) + ".", "class", "muted");
    }
  }

  private void shown(int shown, int total, String what, String where) {
    if (total > shown) {
      h.element("p", "Showing " + shown + " of " + Text.count((long) total) + " " + what + "; all are in " + where + ".", "class", "muted");
    }
  }

  /** A CSP source for {@code text}: {@code sha256-<base64 of its UTF-8 SHA-256>}. */
  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String anchor(String section) {
    return switch (section) {
      case "verifyKeys" -> "hot-keys";
      default -> section;
    };
  }
}
