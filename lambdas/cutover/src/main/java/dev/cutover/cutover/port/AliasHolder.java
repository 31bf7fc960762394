package dev.cutover.cutover.port;

/**
 * A distribution holding an alias that overlaps the one asked about, as CloudFront reports it:
 * the ids of resources in other accounts are partly hidden, e.g. {@code ******APOMQZL}.
 *
 * @param alias the alias it holds, e.g. {@code assets.example.com} or {@code *.example.com}
 * @param resourceType {@code distribution} or {@code distribution-tenant}
 * @param resourceId its id, possibly masked with {@code *}
 * @param accountId its account, possibly masked with {@code *}
 */
public record AliasHolder(String alias, String resourceType, String resourceId, String accountId) {

  /** Whether this is {@code id} in {@code account}, comparing only the characters not masked. */
  public boolean couldBe(String id, String account) {
    return matches(resourceId, id) && matches(accountId, account);
  }

  @Override
  public String toString() {
    return alias + " on " + resourceType + " " + resourceId + " (account " + accountId + ")";
  }

  /**
   * CloudFront hides the start of the id with {@code *} and keeps its length; a masked id of another
   * length still matches when its visible end is the end of {@code value}.
   */
  private static boolean matches(String masked, String value) {
    if (masked == null || value == null) {
      return false;
    }
    if (masked.length() == value.length()) {
      for (int i = 0; i < masked.length(); i++) {
        if (masked.charAt(i) != '*' && masked.charAt(i) != value.charAt(i)) {
          return false;
        }
      }
      return true;
    }
    String visible = masked.replaceFirst("^\\*+", "");
    return !visible.isEmpty() && visible.indexOf('*') < 0 && visible.length() < value.length() && value.endsWith(visible);
  }
}
