package se.council.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import se.council.hub.meeting.Meeting;
import se.council.hub.meeting.MeetingRepository;
import se.council.hub.support.HubApi;
import se.council.hub.support.HubIntegrationTest;

/**
 * Status updates taken in side by side (two queue consumers, several mail threads) may be stored in
 * another order than the agency sent them: the later sent is the current one all the same.
 */
@HubIntegrationTest
class SupersedingOrderIT {

    @Autowired
    Intake intake;
    @Autowired
    IntakeStore store;
    @Autowired
    MeetingRepository meetings;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate rest;

    @Test
    void theLaterSentUpdateIsCurrentEvenWhenItIsStoredFirst() {
        long id = new HubApi(rest).meeting("2027-04-14").path("id").asLong();
        Meeting meeting = meetings.find(id).orElseThrow();
        Instant now = Instant.parse("2026-11-20T09:00:00Z");

        long newer = store(meeting, "Andra versionen.", now.plusSeconds(60), now);
        long older = store(meeting, "Första versionen.", now, now.plusSeconds(1));
        long newest = store(meeting, "Tredje versionen.", now.plusSeconds(120), now.plusSeconds(2));

        assertThat(state(older)).isEqualTo("SUPERSEDED");
        assertThat(supersededBy(older)).isEqualTo(newer);
        assertThat(state(newer)).isEqualTo("SUPERSEDED");
        assertThat(supersededBy(newer)).isEqualTo(newest);
        assertThat(state(newest)).isEqualTo("ACCEPTED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM submission WHERE meeting_id = ? AND state = 'ACCEPTED'").param(id)
                .query(Integer.class).single()).isEqualTo(1);
    }

    private long store(Meeting meeting, String text, Instant sentAt, Instant receivedAt) {
        return tx.execute(s -> {
            IntakeStore.Inbound inbound = store.recordInbound(Channel.QUEUE, UUID.randomUUID().toString(), "ID:" + text,
                    null, text, text.length(), "sbu", "STATUS_UPDATE", receivedAt);
            return intake.accept(new Contribution(Channel.QUEUE, inbound.id(), "ID:" + text, receivedAt, sentAt, "sbu",
                    "broker user sbu", "sbu", meeting, SubmissionKind.STATUS_UPDATE, null, null, text, List.of()));
        });
    }

    private String state(long submission) {
        return jdbc.sql("SELECT state FROM submission WHERE id = ?").param(submission).query(String.class).single();
    }

    private Long supersededBy(long submission) {
        return jdbc.sql("SELECT superseded_by FROM submission WHERE id = ?").param(submission).query(Long.class).single();
    }
}
