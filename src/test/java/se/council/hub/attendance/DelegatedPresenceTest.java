package se.council.hub.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Presence as the protocol takes it (ProtocolService counts {@link Attendee#present()}): a person who
 * delegated (RFC 5546 PARTSTAT=DELEGATED) sent someone else and is not there; the delegate who accepted is.
 */
class DelegatedPresenceTest {

    private static final Instant ANSWERED = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void theDelegatorIsAbsentAndTheAcceptingDelegatePresent() {
        Attendee maria = attendee("maria.ekholm@socialstyrelsen.example", PartStat.DELEGATED,
                "johan.westerlund@socialstyrelsen.example", null, null);
        Attendee johan = attendee("johan.westerlund@socialstyrelsen.example", PartStat.ACCEPTED, null,
                "maria.ekholm@socialstyrelsen.example", null);
        assertThat(maria.present()).isFalse();
        assertThat(johan.present()).isTrue();
    }

    @Test
    void aDelegateWhoHasNotAnsweredOrDeclinedIsNotPresent() {
        assertThat(attendee("johan.westerlund@socialstyrelsen.example", PartStat.NEEDS_ACTION, null,
                "maria.ekholm@socialstyrelsen.example", null).present()).isFalse();
        assertThat(attendee("johan.westerlund@socialstyrelsen.example", PartStat.DECLINED, null,
                "maria.ekholm@socialstyrelsen.example", null).present()).isFalse();
    }

    @Test
    void whatTheSecretariatRecordsOverridesTheDelegation() {
        assertThat(attendee("maria.ekholm@socialstyrelsen.example", PartStat.DELEGATED,
                "johan.westerlund@socialstyrelsen.example", null, Presence.PRESENT).present()).isTrue();
        assertThat(attendee("johan.westerlund@socialstyrelsen.example", PartStat.ACCEPTED, null,
                "maria.ekholm@socialstyrelsen.example", Presence.ABSENT).present()).isFalse();
    }

    private static Attendee attendee(String email, PartStat partstat, String delegatedTo, String delegatedFrom,
                                     Presence presence) {
        return new Attendee(1L, email, email, "socialstyrelsen", null, "REQ-PARTICIPANT", true, partstat, null,
                delegatedTo, delegatedFrom, ANSWERED, 0, ANSWERED, presence, null, null);
    }
}
