package dev.cutover.aws;

import java.util.Comparator;

/**
 * The order S3 lists keys in: UTF-8 binary order, which is Unicode code point order. Java's
 * {@link String#compareTo} compares UTF-16 code units instead and disagrees for supplementary
 * characters (emoji, U+10000 and up, stored as surrogates D800–DFFF) against BMP characters from
 * U+E000: S3 lists {@code "\uE000"} before {@code "😀"}, {@code compareTo} the other way round. A
 * merge of two listings that used {@code compareTo} would report such keys as missing and extra,
 * and an embedded S3 server that sorted with it would list them out of S3's order.
 */
public final class S3KeyOrder {

  /** S3's listing order of keys. */
  public static final Comparator<String> KEYS = S3KeyOrder::compare;

  private S3KeyOrder() {}

  /** Negative, zero or positive as S3 lists {@code a} before, with or after {@code b}. */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
