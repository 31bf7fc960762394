package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.aws.S3KeyOrder;
import dev.cutover.verify.ChecksumJoin.Joined;
import dev.cutover.verify.TaskChecksum.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksumJoinTest {

  static TaskChecksum sum(String value) {
    return new TaskChecksum(Kind.CHECKSUM, value, null, null);
  }

  static final TaskChecksum DENIED = new TaskChecksum(Kind.FAILED, null, "AccessDenied", "Access Denied");

  @Test
  void every_listed_key_comes_out_once_with_both_sides_whatever_the_order_rows_arrive_in() throws IOException {
    List<Joined> joined = run(1);

    assertThat(joined)
        .containsExactly(
            new Joined("static/a.js", sum("AAAAAAAAAAE="), sum("AAAAAAAAAAE=")),
            new Joined("static/b.js", sum("AAAAAAAAAAI="), sum("AAAAAAAAAAM=")),
            new Joined("static/c.js", sum("AAAAAAAAAAQ="), TaskChecksum.NO_RESULT),
            new Joined("static/d.js", DENIED, sum("AAAAAAAAAAU=")),
            new Joined("static/\uE000.js", sum("AAAAAAAAAAY="), sum("AAAAAAAAAAY=")),
            new Joined("static/😀.js", sum("AAAAAAAAAAc="), sum("AAAAAAAAAAc=")));
  }

  @Test
  void spreading_the_join_over_partitions_changes_nothing_but_the_order() throws IOException {
    List<Joined> one = run(1);
    List<Joined> many = new ArrayList<>(run(4));
    many.sort(Comparator.comparing(Joined::key, S3KeyOrder.KEYS));

    assertThat(many).isEqualTo(one);
  }

  @Test
  void a_checksum_beats_an_earlier_failure_of_the_same_object_and_unlisted_keys_are_counted_not_joined()
      throws IOException {
    List<Joined> joined = new ArrayList<>();
    long unexpected;
    try (ChecksumJoin join = new ChecksumJoin(2)) {
      join.expect("static/retried.js");
      join.result(ChecksumSide.SOURCE, "static/retried.js", DENIED);
      join.result(ChecksumSide.SOURCE, "static/retried.js", sum("AAAAAAAAAAE="));
      join.result(ChecksumSide.SOURCE, "static/retried.js", DENIED);
      join.result(ChecksumSide.TARGET, "static/retried.js", sum("AAAAAAAAAAE="));
      join.result(ChecksumSide.TARGET, "static/not-listed.js", sum("AAAAAAAAAAE="));
      join.join(joined::add);
      unexpected = join.unexpectedRows();
    }

    assertThat(joined).containsExactly(new Joined("static/retried.js", sum("AAAAAAAAAAE="), sum("AAAAAAAAAAE=")));
    assertThat(unexpected).isEqualTo(1);
  }

  private static List<Joined> run(int partitions) throws IOException {
    List<Joined> joined = new ArrayList<>();
    try (ChecksumJoin join = new ChecksumJoin(partitions)) {
      join.result(ChecksumSide.TARGET, "static/b.js", sum("AAAAAAAAAAM="));
      join.expect("static/😀.js");
      join.expect("static/d.js");
      join.result(ChecksumSide.SOURCE, "static/a.js", sum("AAAAAAAAAAE="));
      join.expect("static/a.js");
      join.result(ChecksumSide.SOURCE, "static/d.js", DENIED);
      join.expect("static/c.js");
      join.result(ChecksumSide.SOURCE, "static/😀.js", sum("AAAAAAAAAAc="));
      join.result(ChecksumSide.TARGET, "static/d.js", sum("AAAAAAAAAAU="));
      join.expect("static/b.js");
      join.result(ChecksumSide.SOURCE, "static/b.js", sum("AAAAAAAAAAI="));
      join.result(ChecksumSide.TARGET, "static/a.js", sum("AAAAAAAAAAE="));
      join.result(ChecksumSide.SOURCE, "static/c.js", sum("AAAAAAAAAAQ="));
      join.expect("static/\uE000.js");
      join.result(ChecksumSide.SOURCE, "static/\uE000.js", sum("AAAAAAAAAAY="));
      join.result(ChecksumSide.TARGET, "static/\uE000.js", sum("AAAAAAAAAAY="));
      join.result(ChecksumSide.TARGET, "static/😀.js", sum("AAAAAAAAAAc="));
      join.join(joined::add);
    }
    return joined;
  }
}
