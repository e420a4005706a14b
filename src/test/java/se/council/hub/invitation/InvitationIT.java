package se.council.hub.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import biweekly.Biweekly;
import biweekly.component.VEvent;
import biweekly.property.Attendee;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import se.council.hub.agenda.AgendaService;
import se.council.hub.attendance.AttendanceStore;
import se.council.hub.meeting.Meeting;
import se.council.hub.meeting.MeetingRepository;
import se.council.hub.meeting.MeetingService;
import se.council.hub.outbox.Outbox;
import se.council.hub.registry.CouncilRegistry;
import se.council.hub.registry.RegistryLoader;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestMail;

/**
 * Invitations over real SMTP (GreenMail): what each participant receives, as a calendar client reads
 * it; new versions on a change, CANCEL on removal and cancellation, nothing sent twice.
 */
@HubIntegrationTest
class InvitationIT extends InvitationTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    CouncilRegistry registry;
    @Autowired
    Invitations invitations;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MeetingRepository meetingRepository;
    @Autowired
    MeetingService meetingService;
    @Autowired
    AttendanceStore attendance;
    @Autowired
    InvitationStore invitationStore;
    @Autowired
    AgendaService agenda;
    @Autowired
    Outbox outbox;

    private Set<String> everyone() {
        Set<String> people = new TreeSet<>();
        registry.members("NRP").forEach(a -> a.people().forEach(p -> people.add(p.email())));
        registry.agency("socialstyrelsen").orElseThrow().people().forEach(p -> people.add(p.email()));
        return people;
    }

    @Test
    void everyParticipantGetsOneInvitationThatCalendarClientsRead() throws Exception {
        JsonNode meeting = api.meeting("2027-02-10");
        long id = meeting.path("id").asLong();
        assertThat(count(id)).as("not yet: the meeting is more than 28 days away").isZero();

        JsonNode sent = api.post("/api/meetings/" + id + "/invitations", Map.of());
        assertThat(sent.path("sequence").asInt()).isZero();
        Set<String> requested = new TreeSet<>();
        sent.path("requested").forEach(n -> requested.add(n.asText()));
        assertThat(requested).isEqualTo(everyone());
        String uid = jdbc.sql("SELECT uid FROM invitation WHERE meeting_id = ?").param(id).query(String.class).single();
        assertThat(sent.path("uid").asText()).isEqualTo(uid);

        MimeMessage received = mail.awaitMail("per.oberg@ivo.example", "[NRP-2027-02-10] Inbjudan: ");
        assertThat(TestMail.subjectOf(received)).isEqualTo("[NRP-2027-02-10] Inbjudan: Nationellt råd för patientsäkerhet, rådets "
                + meeting.path("ordinal").asText() + " möte, onsdag 10 februari 2027 kl. 09.00–16.00");
        assertThat(TestMail.header(received, "X-Council-Hub-Kind")).isEqualTo("INVITATION");
        assertThat(TestMail.header(received, "Content-Language")).isEqualTo("sv");
        assertThat(received.getFrom()[0].toString()).contains(properties.mail().address());
        InvitationMails.Imip imip = InvitationMails.read(received);
        assertThat(imip.method()).isEqualTo("REQUEST");
        assertThat(imip.text()).startsWith("Hej Per Öberg!").contains("Varmt välkommen till Nationellt råd för patientsäkerhet")
                .contains("Dagordning").contains("https://meet.council.example/nrp").contains("Med vänliga hälsningar");
        assertThat(imip.html()).contains("<a href=\"https://meet.council.example/nrp\">").contains("Hej Per Öberg!");

        assertThat(InvitationCalendar.validate(InvitationMails.ical4j(imip.calendar())).hasErrors()).isFalse();
        VEvent event = Biweekly.parse(imip.calendar()).first().getEvents().get(0);
        assertThat(Biweekly.parse(imip.calendar()).first().getMethod().getValue()).isEqualTo("REQUEST");
        assertThat(event.getUid().getValue()).isEqualTo(uid);
        assertThat(event.getSequence().getValue()).isZero();
        assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2027-02-10T08:00:00Z"));
        assertThat(event.getOrganizer().getEmail()).isEqualTo(properties.mail().address());
        assertThat(event.getAttendees()).extracting(Attendee::getEmail).containsExactlyInAnyOrderElementsOf(everyone());
        assertThat(event.getAttendees()).filteredOn(a -> a.getEmail().equals("per.oberg@ivo.example"))
                .singleElement().satisfies(a -> assertThat(a.getCommonName()).isEqualTo("Per Öberg"));

        // Everyone's copy is the same object; the Message-ID is the one stored in the outbox.
        String storedId = jdbc.sql("SELECT message_id FROM outbound_mail WHERE dedup_key = ?")
                .param(Invitations.key(meetingService.get(id), "per.oberg@ivo.example", 0, InvitationCalendar.ItipMethod.REQUEST))
                .query(String.class).single();
        assertThat(received.getMessageID()).isEqualTo(storedId);
        MimeMessage anna = mail.awaitMail("anna.lind@ivo.example", "[NRP-2027-02-10] Inbjudan: ");
        assertThat(InvitationMails.read(anna).calendar()).isEqualTo(imip.calendar());

        JsonNode again = api.post("/api/meetings/" + id + "/invitations", Map.of());
        assertThat(again.path("requested")).isEmpty();
        assertThat(again.path("alreadyInvited").asInt()).isEqualTo(everyone().size());
        assertThat(count(id)).as("never twice").isEqualTo(everyone().size());

        JsonNode attendanceView = api.get("/api/meetings/" + id + "/attendance");
        assertThat(attendanceView.path("people")).hasSize(everyone().size());
        assertThat(attendanceView.path("totals").path("NEEDS-ACTION").asInt()).isEqualTo(everyone().size());
        assertThat(attendanceView.path("totals").path("ACCEPTED").asInt()).isZero();
        assertThat(attendanceView.path("totals").has("TENTATIVE")).isTrue();
        assertThat(attendanceView.path("totals").has("DECLINED")).isTrue();
        assertThat(attendanceView.path("totals").has("DELEGATED")).isTrue();
        JsonNode per = find(attendanceView.path("people"), "per.oberg@ivo.example");
        assertThat(per.path("name").asText()).isEqualTo("Per Öberg");
        assertThat(per.path("agency").asText()).isEqualTo("ivo");
        assertThat(per.path("partstat").asText()).isEqualTo("NEEDS-ACTION");
        await().atMost(WAIT).until(() -> mail.receivedBy("maria.ekholm@socialstyrelsen.example").stream()
                .anyMatch(m -> TestMail.subjectOf(m).startsWith("[NRP-2027-02-10] Inbjudan: ")));
    }

    @Test
    void aChangeOfTimeOrPlaceSendsTheSameUidWithTheNextSequenceAndCancellingSendsCancel() throws Exception {
        long id = api.meeting("2027-02-24").path("id").asLong();
        api.post("/api/meetings/" + id + "/invitations", Map.of());
        String uid = jdbc.sql("SELECT uid FROM invitation WHERE meeting_id = ?").param(id).query(String.class).single();

        assertThat(api.call(HttpMethod.PATCH, "/api/meetings/" + id, Map.of("start", "17:00")).getStatusCode().value()).isEqualTo(400);
        assertThat(api.call(HttpMethod.PATCH, "/api/meetings/" + id, Map.of()).getBody()).contains("nothing to change");
        assertThat(api.call(HttpMethod.PATCH, "/api/meetings/" + id, Map.of("joinUrl", "ftp://x.example")).getBody())
                .contains("joinUrl must be an http(s) link");
        assertThat(api.call(HttpMethod.PATCH, "/api/meetings/999999", Map.of("start", "10:00")).getStatusCode().value()).isEqualTo(404);
        assertThat(sequence(id)).as("a refused change sends nothing").isZero();

        ResponseEntity<String> patched = api.call(HttpMethod.PATCH, "/api/meetings/" + id,
                Map.of("start", "10:00", "location", "Socialstyrelsen, sal Ängen, Stockholm"));
        assertThat(patched.getStatusCode().value()).isEqualTo(200);
        assertThat(api.tree(patched).path("start").asText()).isEqualTo("10:00");
        assertThat(sequence(id)).isEqualTo(1);
        MimeMessage update = mail.awaitMail("anna.lind@ivo.example", "[NRP-2027-02-24] Ändrad inbjudan: ");
        InvitationMails.Imip imip = InvitationMails.read(update);
        assertThat(imip.method()).isEqualTo("REQUEST");
        VEvent event = Biweekly.parse(imip.calendar()).first().getEvents().get(0);
        assertThat(event.getUid().getValue()).isEqualTo(uid);
        assertThat(event.getSequence().getValue()).isEqualTo(1);
        assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2027-02-24T09:00:00Z"));
        assertThat(event.getLocation().getValue()).startsWith("Socialstyrelsen, sal Ängen, Stockholm");
        assertThat(imip.text()).contains("har ändrats").contains("10.00–16.00");
        assertThat(outboundOf(id, "REQUEST", 1)).isEqualTo(everyone().size());

        ResponseEntity<String> cancelled = api.call(HttpMethod.DELETE, "/api/meetings/" + id, null);
        assertThat(cancelled.getStatusCode().value()).isEqualTo(200);
        assertThat(api.tree(cancelled).path("state").asText()).isEqualTo("CANCELLED");
        MimeMessage cancel = mail.awaitMail("anna.lind@ivo.example", "[NRP-2027-02-24] Inställt: ");
        InvitationMails.Imip c = InvitationMails.read(cancel);
        assertThat(c.method()).isEqualTo("CANCEL");
        assertThat(InvitationCalendar.validate(InvitationMails.ical4j(c.calendar())).hasErrors()).isFalse();
        var parsed = Biweekly.parse(c.calendar()).first();
        assertThat(parsed.getMethod().getValue()).isEqualTo("CANCEL");
        VEvent cancelledEvent = parsed.getEvents().get(0);
        assertThat(cancelledEvent.getUid().getValue()).isEqualTo(uid);
        assertThat(cancelledEvent.getSequence().getValue()).isEqualTo(2);
        assertThat(cancelledEvent.getStatus().getValue()).isEqualTo("CANCELLED");
        assertThat(outboundOf(id, "CANCEL", 2)).isEqualTo(everyone().size());

        assertThat(api.call(HttpMethod.DELETE, "/api/meetings/" + id, null).getStatusCode().value()).isEqualTo(409);
        assertThat(api.call(HttpMethod.PATCH, "/api/meetings/" + id, Map.of("start", "11:00")).getStatusCode().value()).isEqualTo(409);
        assertThat(api.call(HttpMethod.POST, "/api/meetings/" + id + "/invitations", Map.of()).getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void aMeetingWithinTheInvitationWindowIsInvitedAtOnceAndAFarOneOnItsDay() {
        long near = api.meeting("2026-12-16").path("id").asLong();
        assertThat(count(near)).as("registered 26 days ahead: invited at once").isEqualTo(everyone().size());

        long far = api.meeting("2027-03-17").path("id").asLong();
        assertThat(count(far)).isZero();
        clock.set(Instant.parse("2027-02-16T09:00:00Z"));
        tx.executeWithoutResult(s -> invitations.dispatchDue());
        assertThat(count(far)).as("29 days ahead: not yet").isZero();
        clock.set(Instant.parse("2027-02-17T09:00:00Z"));
        invitations.dispatchDue();
        assertThat(count(far)).as("28 days ahead").isEqualTo(everyone().size());
        invitations.dispatchDue();
        assertThat(count(far)).isEqualTo(everyone().size());
    }

    /**
     * The registry as edited and reloaded: IVO has a new person and Per Öberg has left. The next send
     * gives the newcomer the current version and Per a CANCEL, and no one else anything.
     */
    @Test
    void aPersonAddedGetsTheRequestAndAPersonRemovedGetsCancel() throws Exception {
        long id = api.meeting("2027-03-03").path("id").asLong();
        api.post("/api/meetings/" + id + "/invitations", Map.of());
        int before = count(id);

        String yaml = Files.readString(Path.of("config/council.yml"), StandardCharsets.UTF_8)
                .replace("      - {name: Per Öberg, email: per.oberg@ivo.example, role: deputy}\n",
                        "      - {name: Ylva Åström, email: ylva.astrom@ivo.example, role: deputy}\n");
        CouncilRegistry edited = RegistryLoader.load(new StringReader(yaml), "edited council.yml");
        Invitations afterEdit = new Invitations(meetingRepository, meetingService, attendance, invitationStore, agenda, edited,
                outbox, properties, clock);
        jdbc.sql("INSERT INTO person (email, agency_id, name, role, active) VALUES ('ylva.astrom@ivo.example', 'ivo', 'Ylva Åström', 'deputy', TRUE)")
                .update();

        Invitations.Outcome outcome = tx.execute(s -> afterEdit.send(id));
        assertThat(outcome.requested()).containsExactly("ylva.astrom@ivo.example");
        assertThat(outcome.cancelled()).containsExactly("per.oberg@ivo.example");
        assertThat(count(id)).isEqualTo(before + 2);
        assertThat(tx.execute(s -> afterEdit.send(id)).requested()).isEmpty();

        MimeMessage welcome = mail.awaitMail("ylva.astrom@ivo.example", "[NRP-2027-03-03] Inbjudan: ");
        VEvent event = Biweekly.parse(InvitationMails.read(welcome).calendar()).first().getEvents().get(0);
        assertThat(event.getAttendees()).extracting(Attendee::getEmail).contains("ylva.astrom@ivo.example")
                .doesNotContain("per.oberg@ivo.example");

        MimeMessage gone = mail.awaitMail("per.oberg@ivo.example", "[NRP-2027-03-03] Inbjudan återkallad: ");
        InvitationMails.Imip imip = InvitationMails.read(gone);
        assertThat(imip.method()).isEqualTo("CANCEL");
        assertThat(InvitationCalendar.validate(InvitationMails.ical4j(imip.calendar())).hasErrors()).isFalse();
        VEvent cancel = Biweekly.parse(imip.calendar()).first().getEvents().get(0);
        assertThat(cancel.getAttendees()).extracting(Attendee::getEmail).containsExactly("per.oberg@ivo.example");
        assertThat(cancel.getStatus().getValue()).isEqualTo("CONFIRMED");

        JsonNode view = api.get("/api/meetings/" + id + "/attendance");
        assertThat(view.path("people").toString()).contains("ylva.astrom@ivo.example").doesNotContain("per.oberg@ivo.example");
        assertThat(jdbc.sql("SELECT invited FROM attendee WHERE meeting_id = ? AND email = 'per.oberg@ivo.example'")
                .param(id).query(Boolean.class).single()).isFalse();
    }

    /**
     * Per Öberg taken off the invitation (CANCEL) and put back within the same SEQUENCE: the second
     * REQUEST is a new outbox step (his invite round is in its key), so he gets it, and so is a
     * second removal's CANCEL; a send with nothing changed still sends nothing.
     */
    @Test
    void aPersonRemovedAndAddedAgainWithinOneSequenceIsInvitedAgain() throws Exception {
        long id = api.meeting("2027-06-16").path("id").asLong();
        String per = "per.oberg@ivo.example";
        api.post("/api/meetings/" + id + "/invitations", Map.of());
        String yaml = Files.readString(Path.of("config/council.yml"), StandardCharsets.UTF_8);
        String perLine = "      - {name: Per Öberg, email: per.oberg@ivo.example, role: deputy}\n";
        assertThat(yaml).contains(perLine);
        Invitations withoutPer = new Invitations(meetingRepository, meetingService, attendance, invitationStore, agenda,
                RegistryLoader.load(new StringReader(yaml.replace(perLine, "")), "council.yml without Per"), outbox,
                properties, clock);

        for (int round = 1; round <= 2; round++) {
            Invitations.Outcome removed = tx.execute(s -> withoutPer.send(id));
            assertThat(removed.cancelled()).containsExactly(per);
            assertThat(removed.requested()).isEmpty();
            Invitations.Outcome back = tx.execute(s -> invitations.send(id));
            assertThat(back.sequence()).isZero();
            assertThat(back.requested()).as("round " + round).containsExactly(per);
            assertThat(back.cancelled()).isEmpty();
        }
        assertThat(tx.execute(s -> invitations.send(id)).requested()).isEmpty();

        await().atMost(WAIT).until(() -> received(per, "[NRP-2027-06-16] Inbjudan: ").size() == 3);
        await().atMost(WAIT).until(() -> received(per, "[NRP-2027-06-16] Inbjudan återkallad: ").size() == 2);
        for (MimeMessage invitation : received(per, "[NRP-2027-06-16] Inbjudan: ")) {
            InvitationMails.Imip imip = InvitationMails.read(invitation);
            assertThat(imip.method()).isEqualTo("REQUEST");
            VEvent event = Biweekly.parse(imip.calendar()).first().getEvents().get(0);
            assertThat(event.getSequence().getValue()).isZero();
            assertThat(event.getAttendees()).extracting(Attendee::getEmail).contains(per);
        }
        Meeting meeting = meetingService.get(id);
        String first = Invitations.key(meeting, per, 0, InvitationCalendar.ItipMethod.REQUEST);
        assertThat(jdbc.sql("SELECT dedup_key FROM outbound_mail WHERE meeting_id = ? AND recipient = ? ORDER BY id")
                .params(id, per).query(String.class).list())
                .containsExactly(first, first.replace("REQUEST", "CANCEL"), first + ":r1", first.replace("REQUEST", "CANCEL") + ":r1",
                        first + ":r2");
        assertThat(jdbc.sql("SELECT invited FROM attendee WHERE meeting_id = ? AND email = ?").params(id, per)
                .query(Boolean.class).single()).isTrue();
        await().atMost(WAIT).until(() -> received("anna.lind@ivo.example", "[NRP-2027-06-16] Inbjudan: ").size() == 1);
    }

    private List<MimeMessage> received(String address, String subjectPrefix) {
        return mail.receivedBy(address).stream().filter(m -> TestMail.subjectOf(m).startsWith(subjectPrefix)).toList();
    }

    private static JsonNode find(JsonNode people, String email) {
        for (JsonNode p : people) {
            if (p.path("email").asText().equals(email)) {
                return p;
            }
        }
        throw new AssertionError("no " + email + " in " + people);
    }

    private int count(long meetingId) {
        return jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE meeting_id = ? AND kind = 'INVITATION'").param(meetingId)
                .query(Integer.class).single();
    }

    private int outboundOf(long meetingId, String method, int sequence) {
        return jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE meeting_id = ? AND dedup_key LIKE ?")
                .params(meetingId, "invitation:" + meetingId + ":%:" + sequence + ":" + method).query(Integer.class).single();
    }

    private int sequence(long meetingId) {
        return jdbc.sql("SELECT sequence FROM invitation WHERE meeting_id = ?").param(meetingId).query(Integer.class).single();
    }
}
