package dev.cutover.queries.sql;

/** Lexical help for SQL text as Trino and DuckDB read it. */
final class Sql {

  private Sql() {}

  /**
   * The text with comments ({@code --} to the end of the line, {@code /* *}{@code /}), string
   * literals ({@code '...'}, {@code ''} inside) and quoted names ({@code "..."}) blanked out, so
   * what is left is code: where a {@code ?} is a placeholder and {@code {{x}}} a blank.
   */
  static String withoutCommentsAndLiterals(String text) {
    StringBuilder code = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end;
      } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 2;
        code.append(' ');
      } else if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < text.length()) {
          if (text.charAt(j) == c) {
            if (j + 1 < text.length() && text.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        i = Math.min(j + 1, text.length());
        code.append(' ');
      } else {
        code.append(c);
        i++;
      }
    }
    return code.toString();
  }
}
