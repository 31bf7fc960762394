package dev.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code cutover report EXECUTION [--out DIR]}: the report step's result as the run recorded it
 * (the {@code WriteReport} task's output in the history: verdict, reasons, summary and where
 * report.json / report.html are), and with {@code --out} both files downloaded from S3.
 */
@Command(name = "report", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Prints the run's report as the report step returned it: the verdict (READY or NOT_READY), its reasons,"
        + " the summary, and where report.html and report.json are in S3. With --out, downloads both.",
        "Exit status: 0 READY; 1 NOT_READY, or the run wrote no report; 2 no such execution; 3 AWS or endpoint error."})
final class ReportCommand extends CutoverCommand {

  static final String REPORT_STATE = "WriteReport";
  private static final Pattern S3_URI = Pattern.compile("s3://([^/]+)/(.+)");

  @Mixin
  ExecutionRef execution;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Download report.html and report.json into DIR (created if needed). S3 endpoint: --endpoint-url-s3 /"
          + " AWS_ENDPOINT_URL_S3 for local runs.")
  Path out;

  @Override
  int run(AwsSession aws, Target target) throws Exception {
    Target.ExecutionArn arn = target.execution(execution.value());
    Region region = aws.region(Optional.of(arn.region()));
    Run run = Run.read(aws.sfn(region), arn.arn());
    Optional<JsonNode> found = run.lastResult(REPORT_STATE);
    if (found.isEmpty()) {
      String where = run.running()
          ? "it is at " + String.join(", ", run.activeStates()) + "; the report is written once validation is done. Follow it: cutover watch "
              + arn.arn() + " --follow"
          : "it ended " + run.execution.statusAsString() + " before writing one (a ROLLBACK run writes none). See why: cutover watch " + arn.arn();
      throw new CliException(ExitCodes.RUN_FAILED, "NO_REPORT", "This run has no report yet: " + where);
    }
    JsonNode report = found.get();
    String verdict = report.path("verdict").asText("UNKNOWN");
    List<Path> saved = new ArrayList<>();
    if (out != null) {
      Files.createDirectories(out);
      S3Client s3 = aws.s3(region);
      for (Map.Entry<String, String> file : Map.of("html", "report.html", "json", "report.json").entrySet()) {
        String uri = report.path(file.getKey()).asText(null);
        if (uri != null) {
          saved.add(download(s3, uri, out.resolve(file.getValue())));
        }
      }
      saved.sort(null);
    }
    int exit = verdict.equals("READY") ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    if (json()) {
      ObjectNode node = ((ObjectNode) report).deepCopy();
      node.put("executionArn", arn.arn());
      var files = node.putArray("saved");
      saved.forEach(p -> files.add(p.toString()));
      printJson(node);
      return exit;
    }
    var o = out();
    o.println(label("Verdict") + bold(verdict));
    List<String> reasons = new ArrayList<>();
    report.path("reasons").forEach(r -> reasons.add(r.asText()));
    for (int i = 0; i < reasons.size(); i++) {
      o.println(label(i == 0 ? "Reasons" : "") + "- " + reasons.get(i));
    }
    List<String> summary = new ArrayList<>();
    flatten("", report.path("summary"), summary);
    for (int i = 0; i < summary.size(); i++) {
      o.println(label(i == 0 ? "Summary" : "") + summary.get(i));
    }
    o.println(label("Report") + report.path("html").asText("(no html)"));
    o.println(label("") + report.path("json").asText("(no json)"));
    for (Path p : saved) {
      o.println(label("Saved") + p);
    }
    o.flush();
    return exit;
  }

  private static Path download(S3Client s3, String uri, Path to) throws IOException {
    Matcher m = S3_URI.matcher(uri);
    if (!m.matches()) {
      throw new CliException(ExitCodes.AWS, "BAD_REPORT_LOCATION", "The report step gave a location that is not an s3:// URI: " + uri);
    }
    Path partial = to.resolveSibling(to.getFileName() + ".part");
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(m.group(1)).key(m.group(2)))) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING);
    return to;
  }

  /** "key: value" lines of a summary object, nested keys joined with dots. */
  private static void flatten(String prefix, JsonNode node, List<String> lines) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), lines);
      }
    } else if (!node.isMissingNode() && !prefix.isEmpty()) {
      lines.add(prefix + ": " + (node.isTextual() ? node.asText() : node.toString()));
    }
  }
}
