package dev.cutover.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionConfigXmlTest {

  private static final String NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";

  @Test
  void a_configuration_without_aliases_gets_them_right_after_the_caller_reference() {
    byte[] config = ("<DistributionConfig xmlns=\"" + NS + "\"><CallerReference>r</CallerReference><Comment>c</Comment></DistributionConfig>")
        .getBytes(StandardCharsets.UTF_8);

    byte[] edited = DistributionConfigXml.withAliases(config, List.of("assets.example.com"));

    String xml = new String(edited, StandardCharsets.UTF_8);
    assertThat(xml).contains("<CallerReference>r</CallerReference><Aliases><Quantity>1</Quantity><Items><CNAME>assets.example.com</CNAME></Items></Aliases><Comment>c</Comment>");
    assertThat(DistributionConfigXml.aliases(edited)).containsExactly("assets.example.com");
    assertThat(DistributionConfigXml.aliases(config)).isEmpty();
  }

  @Test
  void a_document_with_a_doctype_is_refused() {
    byte[] hostile = ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<DistributionConfig xmlns=\"" + NS + "\"><Comment>&x;</Comment></DistributionConfig>")
        .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> DistributionConfigXml.aliases(hostile)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void another_document_is_refused() {
    assertThatThrownBy(() -> DistributionConfigXml.aliases("<Distribution/>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a DistributionConfig document");
  }
}
