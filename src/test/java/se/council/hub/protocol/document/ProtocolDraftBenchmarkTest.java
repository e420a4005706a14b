package se.council.hub.protocol.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtocolDraftBenchmarkTest {

    @Test
    void theBenchmarkMeetingIsTheIssuesSize() {
        ProtocolDocument doc = ProtocolDraftBenchmark.meeting();
        int people = doc.participants().stream().mapToInt(g -> g.names().size()).sum() + doc.othersPresent().size();
        assertThat(people).isEqualTo(40);
        assertThat(doc.participants()).hasSize(15);
        assertThat(doc.items()).hasSize(10);
        assertThat(doc.items().get(3).statuses()).hasSize(15);

        ProtocolDraftBenchmark.Result result = ProtocolDraftBenchmark.draft(2);
        assertThat(result.drafts()).isEqualTo(2);
        assertThat(result.bytes()).isGreaterThan(2 * 20_000L);
        assertThat(result.perSecond()).isPositive();
    }
}
