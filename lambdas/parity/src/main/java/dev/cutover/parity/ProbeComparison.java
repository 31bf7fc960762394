package dev.cutover.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.parity.port.ProbeResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What of two answers to the same request must be equal: the status, the headers a browser acts
 * on, and for a 2xx the body. Headers that differ per edge or per request by nature ({@code
 * Date}, {@code Age}, {@code X-Cache}, {@code Via}, {@code X-Amz-Cf-*}, {@code ETag}, which
 * SSE-KMS and multipart uploads change) are not compared; neither is the body of an error,
 * which carries a request id.
 */
final class ProbeComparison {

  /** The response headers compared, in the order findings list them. */
  static final List<String> HEADERS =
      List.of(
          "Content-Type",
          "Cache-Control",
          "Content-Encoding",
          "Access-Control-Allow-Origin",
          "Access-Control-Allow-Credentials",
          "Access-Control-Allow-Methods",
          "Access-Control-Allow-Headers",
          "Access-Control-Expose-Headers",
          "Access-Control-Max-Age",
          "Location");

  private ProbeComparison() {}

  /** How a side's own host name shows in a compared {@code Location}: redirects to itself are equal. */
  static final String OWN_HOST = "<this distribution>";

  static List<ProbeFinding> compare(String key, ProbeResponse blue, ProbeResponse green) {
    return compare(key, blue, green, List.of(), List.of());
  }

  /**
   * @param blueHosts the names blue was reached by (its {@code *.cloudfront.net} name and the
   *     probe URL's authority), which a {@code Location} pointing back at blue contains
   * @param greenHosts the same for green
   */
  static List<ProbeFinding> compare(String key, ProbeResponse blue, ProbeResponse green, List<String> blueHosts, List<String> greenHosts) {
    List<ProbeFinding> out = new ArrayList<>();
    if (blue.error() != null || green.error() != null) {
      out.add(new ProbeFinding(key, "fetch", outcome(blue), outcome(green)));
      return out;
    }
    if (blue.status() != green.status()) {
      out.add(new ProbeFinding(key, "status", String.valueOf(blue.status()), String.valueOf(green.status())));
    }
    for (String header : HEADERS) {
      String b = header.equals("Location") ? own(blue.header(header), blueHosts) : blue.header(header);
      String g = header.equals("Location") ? own(green.header(header), greenHosts) : green.header(header);
      if (!Objects.equals(b, g)) {
        out.add(new ProbeFinding(key, header, b, g));
      }
    }
    if (is2xx(blue) && is2xx(green) && !body(blue).equals(body(green))) {
      out.add(new ProbeFinding(key, "body", body(blue), body(green)));
    }
    return out;
  }

  /** One side's answer as the report shows it: what was compared. */
  static JsonNode summary(ProbeResponse response) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (response.error() != null) {
      node.put("error", response.error());
      return node;
    }
    node.put("status", response.status());
    ObjectNode headers = node.putObject("headers");
    for (String header : HEADERS) {
      if (response.header(header) != null) {
        headers.put(header, response.header(header));
      }
    }
    if (response.bodySha256() != null) {
      node.put("body", body(response));
    }
    return node;
  }

  private static String own(String location, List<String> hosts) {
    if (location == null) {
      return null;
    }
    String out = location;
    for (String host : hosts) {
      out = out.replace("//" + host, "//" + OWN_HOST);
    }
    return out;
  }

  private static boolean is2xx(ProbeResponse response) {
    return response.status() >= 200 && response.status() < 300;
  }

  private static String outcome(ProbeResponse response) {
    return response.error() != null ? "no answer: " + response.error() : "HTTP " + response.status();
  }

  static String body(ProbeResponse response) {
    if (response.bodySha256() == null) {
      return "none";
    }
    return "sha256:" + response.bodySha256() + " (" + (response.bodyTruncated() ? "first " : "") + response.bodyBytes() + " bytes)";
  }
}
