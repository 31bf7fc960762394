package dev.cutover.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestCsvTest {

  @Test
  void keys_are_encoded_as_the_user_guide_example_shows() {
    assertThat(ManifestCsv.row("Examplebucket", "object key with spaces"))
        .isEqualTo("Examplebucket,object%20key%20with%20spaces\n");
    assertThat(ManifestCsv.row("Examplebucket", "photos/jpgs/newjersey/objectkey5"))
        .isEqualTo("Examplebucket,photos/jpgs/newjersey/objectkey5\n");
  }

  @Test
  void every_key_reads_back_exactly_through_the_report_decoder() {
    for (String key :
        List.of(
            "static/c++/café menü.js",
            "static/a+b.css",
            "static/100%.css",
            "static/€/🚀.svg",
            "static/comma,and\"quote\".txt",
            "static/line\nbreak\ttab.txt",
            "static/~tilde_under-dash.min.js")) {
      assertThat(CompletionReport.decodeKey(ManifestCsv.encodeKey(key))).as(key).isEqualTo(key);
    }
  }

  @Test
  void a_row_is_one_csv_record_of_two_fields_whatever_the_key_holds() throws IOException {
    String row = ManifestCsv.row("assets", "static/comma,and\"quote\"\nnext.txt");

    CsvRecords records = new CsvRecords(new StringReader(row));

    assertThat(records.next()).containsExactly("assets", "static/comma%2Cand%22quote%22%0Anext.txt");
    assertThat(records.next()).isNull();
  }
}
