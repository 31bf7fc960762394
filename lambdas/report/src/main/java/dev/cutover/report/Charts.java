package dev.cutover.report;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bar charts drawn as inline SVG, so the page needs no script, image or font from
 * anywhere. Colours come from the page's style sheet by class ({@code bar-ok}, {@code bar-bad},
 * {@code bar-warn}, {@code bar-info}, {@code bar-neutral}); labels and values are text, escaped
 * like everything else.
 */
final class Charts {

  /** One bar: its label, its length, the value written beside it, and its colour class. */
  record Bar(String label, double value, String shown, String tone) {}

  private static final int WIDTH = 480;
  private static final int LABEL_WIDTH = 170;
  private static final int BAR_WIDTH = 220;
  private static final int ROW = 26;
  private static final int MAX_LABEL_CHARS = 24;

  private Charts() {}

  /** A chart of {@code bars}, titled for screen readers; nothing when there are no bars. */
  static void bars(Html h, String title, List<Bar> bars) {
    if (bars.isEmpty()) {
      return;
    }
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
    int height = bars.size() * ROW + 8;
    h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart", "viewBox", "0 0 " + WIDTH + " " + height,
        "role", "img", "aria-label", title);
    h.element("title", title);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      int y = 4 + i * ROW;
      double length = max <= 0 || bar.value() <= 0 ? 0 : Math.max(2, bar.value() / max * BAR_WIDTH);
      h.element("text", Text.shorten(bar.label(), MAX_LABEL_CHARS), "class", "label", "x", "0", "y", num(y + 17));
      h.empty("rect", "class", "track", "x", num(LABEL_WIDTH), "y", num(y + 3), "width", num(BAR_WIDTH), "height", num(ROW - 8));
      h.empty("rect", "class", "bar-" + bar.tone(), "x", num(LABEL_WIDTH), "y", num(y + 3), "width", num(length), "height", num(ROW - 8));
      h.element("text", bar.shown(), "class", "value", "x", num(LABEL_WIDTH + BAR_WIDTH + 8), "y", num(y + 17));
    }
    h.close().newline();
  }

  private static String num(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
