package dev.cutover.local.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc64NvmeTest {

  @Test
  void computes_the_catalogued_check_value_of_123456789() {
    Crc64Nvme crc = new Crc64Nvme();
    byte[] bytes = "123456789".getBytes(StandardCharsets.US_ASCII);
    crc.update(bytes, 0, bytes.length);

    // CRC-64/NVME in the CRC RevEng catalogue: check=0xae8b14860a799888.
    assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    assertThat(crc.bytes()).containsExactly(0xAE, 0x8B, 0x14, 0x86, 0x0A, 0x79, 0x98, 0x88);
  }

  @Test
  void byte_at_a_time_equals_one_block_and_reset_starts_over() {
    byte[] bytes = "static/app.3f9c2b.js".getBytes(StandardCharsets.UTF_8);
    Crc64Nvme block = new Crc64Nvme();
    block.update(bytes, 0, bytes.length);
    Crc64Nvme single = new Crc64Nvme();
    single.update(new byte[] {1, 2, 3}, 0, 3);
    single.reset();
    for (byte b : bytes) {
      single.update(b);
    }

    assertThat(single.getValue()).isEqualTo(block.getValue());
    assertThat(new Crc64Nvme().getValue()).as("the empty input").isZero();
  }
}
