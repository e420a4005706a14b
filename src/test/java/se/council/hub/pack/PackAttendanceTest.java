package se.council.hub.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

/** The pack's manifest and agenda header show the expected attendance from the invitation's answers. */
class PackAttendanceTest {

    static final PackModel.Header HEADER = new PackModel.Header("Nationellt råd för patientsäkerhet", "rådets nittonde möte",
            LocalDate.of(2026, 12, 10), "09.00–16.00", "Socialstyrelsen, Stockholm", "Fysiskt möte", "NRP-2026-12-10", false);
    static final List<PackModel.Item> AGENDA = List.of(new PackModel.Item(1, "Mötet öppnas", null, null, List.of(), List.of()));

    @Test
    void agendaHeaderAndManifestCountTheAnswersAndNameWhoIsExpected() throws Exception {
        PackModel.Pack pack = new PackModel.Pack(HEADER, AGENDA, new PackModel.Attendance(2, 1, 1, 3,
                List.of("Anna Lind (IVO)", "Åsa Berg (SBU)", "Per Öberg (IVO), preliminärt")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AgendaDocument.write(pack, out);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(out.toByteArray()))) {
            XWPFTable head = doc.getTables().get(0);
            assertThat(head.getRows()).hasSize(7);
            assertThat(head.getRow(5).getCell(0).getText()).isEqualTo("Svar");
            assertThat(head.getRow(5).getCell(1).getText())
                    .isEqualTo("2 kommer, 1 har lämnat återbud, 1 preliminärt, 3 har inte svarat");
            assertThat(head.getRow(6).getCell(0).getText()).isEqualTo("Väntas delta");
            assertThat(head.getRow(6).getCell(1).getText()).isEqualTo("Anna Lind (IVO), Åsa Berg (SBU), Per Öberg (IVO), preliminärt");
            assertThat(doc.getTables().get(1).getText()).contains("Mötet öppnas");
        }
        ObjectNode manifest = Manifest.build(pack, 1, Instant.parse("2026-12-03T11:00:00Z"), "deadline", Map.of(), Map.of(),
                List.of(), null, List.of());
        assertThat(manifest.path("attendance").toString()).isEqualTo(
                "{\"accepted\":2,\"declined\":1,\"tentative\":1,\"noAnswer\":3,"
                + "\"expected\":[\"Anna Lind (IVO)\",\"Åsa Berg (SBU)\",\"Per Öberg (IVO), preliminärt\"]}");
    }

    @Test
    void beforeAnyInvitationTheAgendaHeaderIsAsBefore() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AgendaDocument.write(new PackModel.Pack(HEADER, AGENDA), out);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(doc.getTables().get(0).getRows()).hasSize(5);
        }
    }
}
