package dev.cutover.local.rehearsal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code rehearsal.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched)
 * with the outcome, the numbers, a chart of requests per second served by blue and by green with
 * the run's moments marked, and every failed request. Every value is escaped.
 */
public final class RehearsalPage {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 260;
  private static final int PAD = 40;

  private RehearsalPage() {}

  public static String render(RehearsalSummary s) {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<title>cutover rehearsal: ").append(esc(s.outcome())).append("</title><style>")
        .append("body{font:14px system-ui,sans-serif;margin:2em;max-width:960px;color:#222}")
        .append("table{border-collapse:collapse}td,th{padding:.2em .8em;text-align:left;border-bottom:1px solid #ddd}")
        .append(".ok{color:#17692b}.bad{color:#a3111f}.blue{fill:none;stroke:#1f5fbf;stroke-width:2}.green{fill:none;stroke:#218a3a;stroke-width:2}")
        .append(".failed{fill:#a3111f}.mark{stroke:#777;stroke-dasharray:4 3}.axis{stroke:#999}text{font-size:11px}")
        .append("</style></head><body>");
    boolean clean = s.failures().isEmpty() && s.blueUntouched().isEmpty();
    h.append("<h1>Rehearsal: <span class=\"").append(clean ? "ok" : "bad").append("\">").append(esc(s.outcome())).append("</span></h1>");
    h.append("<table>");
    for (String line : s.lines()) {
      int colon = line.indexOf(':');
      h.append("<tr><th>").append(esc(line.substring(0, colon))).append("</th><td>").append(esc(line.substring(colon + 1).strip())).append("</td></tr>");
    }
    h.append("</table><h2>Requests per second</h2>").append(chart(s.traffic(), s.events()));
    h.append("<p><svg width=\"12\" height=\"12\"><line class=\"blue\" x1=\"0\" y1=\"6\" x2=\"12\" y2=\"6\"/></svg> blue ")
        .append("<svg width=\"12\" height=\"12\"><line class=\"green\" x1=\"0\" y1=\"6\" x2=\"12\" y2=\"6\"/></svg> green ")
        .append("<svg width=\"12\" height=\"12\"><rect class=\"failed\" width=\"12\" height=\"12\"/></svg> failed</p>");
    h.append("<h2>Failed requests (").append(s.failures().size()).append(")</h2>");
    if (s.failures().isEmpty()) {
      h.append("<p class=\"ok\">None.</p>");
    } else {
      h.append("<table><tr><th>at</th><th>key</th><th>why</th><th>served by</th></tr>");
      s.failures().stream().limit(200).forEach(f -> h.append("<tr><td>").append(esc(f.at().toString())).append("</td><td>").append(esc(f.key()))
          .append("</td><td>").append(esc(f.why())).append("</td><td>").append(esc(String.valueOf(f.servedBy()))).append("</td></tr>"));
      h.append("</table>");
    }
    if (!s.blueUntouched().isEmpty()) {
      h.append("<h2 class=\"bad\">Blue objects changed</h2><ul>");
      s.blueUntouched().forEach(c -> h.append("<li>").append(esc(c)).append("</li>"));
      h.append("</ul>");
    }
    return h.append("</body></html>\n").toString();
  }

  static String chart(List<TrafficGenerator.Second> traffic, Map<String, Instant> events) {
    StringBuilder svg = new StringBuilder("<svg width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" role=\"img\" aria-label=\"requests per second\">");
    if (traffic.isEmpty()) {
      return svg.append("<text x=\"" + PAD + "\" y=\"" + HEIGHT / 2 + "\">no traffic recorded</text></svg>").toString();
    }
    long first = traffic.getFirst().at().getEpochSecond();
    long last = Math.max(first + 1, traffic.getLast().at().getEpochSecond());
    long max = Math.max(1, traffic.stream().mapToLong(t -> Math.max(t.blue(), t.green())).max().orElse(1));
    double dx = (WIDTH - 2.0 * PAD) / (last - first);
    double dy = (HEIGHT - 2.0 * PAD) / max;
    svg.append(line(PAD, HEIGHT - PAD, WIDTH - PAD, HEIGHT - PAD, "axis")).append(line(PAD, PAD, PAD, HEIGHT - PAD, "axis"));
    svg.append(text(4, PAD + 4, Long.toString(max))).append(text(4, HEIGHT - PAD, "0"));
    svg.append(polyline(traffic, first, dx, dy, true, "blue")).append(polyline(traffic, first, dx, dy, false, "green"));
    for (TrafficGenerator.Second t : traffic) {
      if (t.failed() > 0) {
        double x = PAD + (t.at().getEpochSecond() - first) * dx;
        svg.append(String.format(Locale.ROOT, "<rect class=\"failed\" x=\"%.1f\" y=\"%d\" width=\"3\" height=\"%d\"/>", x, HEIGHT - PAD - 8, 8));
      }
    }
    events.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
      double x = PAD + Math.max(0, Math.min(last - first, e.getValue().getEpochSecond() - first)) * dx;
      svg.append(line(x, PAD, x, HEIGHT - PAD, "mark")).append(text(x + 3, PAD - 6, e.getKey()));
    });
    return svg.append("</svg>").toString();
  }

  private static String polyline(List<TrafficGenerator.Second> traffic, long first, double dx, double dy, boolean blue, String css) {
    StringBuilder points = new StringBuilder();
    for (TrafficGenerator.Second t : traffic) {
      double x = PAD + (t.at().getEpochSecond() - first) * dx;
      double y = HEIGHT - PAD - (blue ? t.blue() : t.green()) * dy;
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    return "<polyline class=\"" + css + "\" points=\"" + points.toString().strip() + "\"/>";
  }

  private static String line(double x1, double y1, double x2, double y2, String css) {
    return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", css, x1, y1, x2, y2);
  }

  private static String text(double x, double y, String text) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", x, y, esc(text));
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
            out.append(String.format(Locale.ROOT, "\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
