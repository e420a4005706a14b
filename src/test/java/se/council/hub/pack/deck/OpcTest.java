package se.council.hub.pack.deck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class OpcTest {

    @Test
    void resolvesRelativeAbsoluteAndEscapedTargets() {
        assertThat(Opc.resolve("/ppt/slides/slide1.xml", "../media/image1.png")).isEqualTo("/ppt/media/image1.png");
        assertThat(Opc.resolve("/ppt/slides/slide1.xml", "/ppt/media/image1.png")).isEqualTo("/ppt/media/image1.png");
        assertThat(Opc.resolve("/ppt/slides/slide1.xml", "../media/bild%20%C3%A5.png")).isEqualTo("/ppt/media/bild å.png");
        assertThat(Opc.resolve("/", "ppt/presentation.xml")).isEqualTo("/ppt/presentation.xml");
    }

    @Test
    void writesTargetsRelativeToTheSourcePartsFolder() {
        assertThat(Opc.relativize("/ppt/slides/slide3.xml", "/ppt/slideLayouts/slideLayout2.xml"))
                .isEqualTo("../slideLayouts/slideLayout2.xml");
        assertThat(Opc.relativize("/ppt/presentation.xml", "/ppt/slides/slide1.xml")).isEqualTo("slides/slide1.xml");
        assertThat(Opc.relativize("/ppt/charts/chart1.xml", "/ppt/charts/colors1.xml")).isEqualTo("colors1.xml");
    }

    @Test
    void roundTripsRelationshipsWithExternalTargetsEscaped() throws Exception {
        List<Opc.Rel> rels = List.of(
                new Opc.Rel("rId1", Opc.REL_SLIDE_LAYOUT, "../slideLayouts/slideLayout1.xml", false, null),
                new Opc.Rel("rId2", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                        "https://example.org/?a=1&b=\"ö\"", true, null));
        List<Opc.Rel> back = Opc.parseRels(new ByteArrayInputStream(Opc.writeRels(rels)), "/ppt/slides/slide1.xml");
        assertThat(back).containsExactly(
                new Opc.Rel("rId1", Opc.REL_SLIDE_LAYOUT, "../slideLayouts/slideLayout1.xml", false, "/ppt/slideLayouts/slideLayout1.xml"),
                new Opc.Rel("rId2", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                        "https://example.org/?a=1&b=\"ö\"", true, null));
    }

    @Test
    void refusesRelationshipsWithADoctype() {
        byte[] hostile = ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Relationships xmlns=\"" + Opc.NS_REL_PACKAGE + "\"><Relationship Id=\"a\" Type=\"t\" Target=\"&x;\"/></Relationships>")
                .getBytes(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Opc.parseRels(new ByteArrayInputStream(hostile), "/x.xml"))
                .isInstanceOf(javax.xml.stream.XMLStreamException.class);
    }
}
