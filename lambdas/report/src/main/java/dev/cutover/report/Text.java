package dev.cutover.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Text as the report shows it: values made visible (object keys are user data and may hold control
 * characters or bidirectional overrides that would disguise what a person reads), shortened to a
 * bound, and numbers formatted one way everywhere. Escaping for HTML is {@link Html}'s job; this
 * class only decides which characters a reader sees.
 */
final class Text {

  /** What every absent value shows as. */
  static final String NONE = "—";

  private Text() {}

  /**
   * {@code value} with every character a reader could not see, or that would reorder what they
   * see, replaced by a visible stand-in: C0 controls by their Control Pictures (U+2400…), DEL by
   * ␡, C1 controls and bidirectional controls by {@code <U+XXXX>}, unpaired surrogates and
   * non-characters by U+FFFD. Also keeps the page well-formed XML, which forbids most controls.
   *
   * @param keepLineBreaks whether tab, line feed and carriage return stay as they are (messages)
   *     or become pictures too (keys, where a line break is part of the name)
   */
  static String visible(String value, boolean keepLineBreaks) {
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String replacement = null;
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(value.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (c < 0x20) {
        if (!(keepLineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
          replacement = String.valueOf((char) (0x2400 + c));
        }
      } else if (c == 0x7F) {
        replacement = "\u2421";
      } else if ((c >= 0x80 && c <= 0x9F) || isBidiControl(c)) {
        replacement = String.format(Locale.ROOT, "<U+%04X>", (int) c);
      } else if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
        replacement = "\uFFFD";
      }
      if (replacement != null && out == null) {
        out = new StringBuilder(value.length() + 16).append(value, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? value : out.toString();
  }

  private static boolean isBidiControl(char c) {
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }

  /** At most {@code max} code points of {@code value}, ending in … when cut. */
  static String shorten(String value, int max) {
    if (value.codePointCount(0, value.length()) <= max) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, max - 1)) + "…";
  }

  /** {@code 1,234,567}, or {@link #NONE}. */
  static String count(Long n) {
    return n == null ? NONE : String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code $1,234.57}; amounts below a cent keep four decimals ({@code $0.0042}); or {@link #NONE}. */
  static String usd(BigDecimal amount) {
    if (amount == null) {
      return NONE;
    }
    int scale = amount.signum() != 0 && amount.abs().compareTo(new BigDecimal("0.01")) < 0 ? 4 : 2;
    BigDecimal rounded = amount.setScale(scale, RoundingMode.HALF_UP);
    String sign = rounded.signum() < 0 ? "-" : "";
    return sign + "$" + String.format(Locale.ROOT, "%,." + scale + "f", rounded.abs());
  }

  /** A unit price as given, without trailing zeros: {@code $0.000005}; or {@link #NONE}. */
  static String price(BigDecimal amount) {
    if (amount == null) {
      return NONE;
    }
    return "$" + amount.stripTrailingZeros().toPlainString();
  }

  /** {@code 1.5 GiB (1,610,612,736 bytes)}, or {@link #NONE}. */
  static String bytes(Long n) {
    if (n == null) {
      return NONE;
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (Math.abs(n) < 1024) {
      return count(n) + " bytes";
    }
    double value = n;
    int unit = -1;
    while (Math.abs(value) >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s (%s bytes)", value, units[unit], count(n));
  }

  /** {@code yes}, {@code no}, or {@link #NONE}. */
  static String yesNo(Boolean value) {
    return value == null ? NONE : value ? "yes" : "no";
  }

  /** {@code value}, or {@link #NONE} when absent. */
  static String or(String value) {
    return value == null ? NONE : value;
  }
}
