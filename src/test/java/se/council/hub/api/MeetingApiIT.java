package se.council.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import se.council.hub.support.HubApi;
import se.council.hub.support.HubIntegrationTest;

/**
 * The secretariat registers meetings over REST: a valid request becomes a numbered meeting with its
 * reference, ordinal and Stockholm times; every invalid one is answered 400/409/404 with an "error"
 * saying what is wrong. Uses dates in 2027 so as not to meet the other tests' meetings.
 */
@HubIntegrationTest
class MeetingApiIT {

    /** Swedish ordinals as the council writes them, from the registry's first number on. */
    private static final List<String> ORDINALS_FROM_19 = List.of("nittonde", "tjugonde", "tjugoförsta", "tjugoandra",
            "tjugotredje", "tjugofjärde", "tjugofemte", "tjugosjätte", "tjugosjunde", "tjugoåttonde", "tjugonionde",
            "trettionde");

    @Autowired
    TestRestTemplate rest;

    HubApi api;

    @BeforeEach
    void setUp() {
        api = new HubApi(rest);
    }

    @Test
    void createsAMeetingWithItsReferenceNumberOrdinalAndStockholmTimes() {
        int expectedNumber = highestNrpNumber() + 1;

        ResponseEntity<String> response = api.call(HttpMethod.POST, "/api/meetings", request("2027-03-11", Map.of(
                "start", "09:30", "end", "15:45", "format", "PHYSICAL", "location", "Socialstyrelsen, Stockholm",
                "submissionDeadline", "2027-03-04T12:00")));

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        JsonNode meeting = api.tree(response);
        long id = meeting.path("id").asLong();
        assertThat(response.getHeaders().getLocation()).hasToString("/api/meetings/" + id);
        assertThat(meeting.path("reference").asText()).isEqualTo("NRP-2027-03-11");
        assertThat(meeting.path("council").asText()).isEqualTo("NRP");
        assertThat(meeting.path("councilName").asText()).isEqualTo("Nationellt råd för patientsäkerhet");
        assertThat(meeting.path("sequenceNumber").asInt()).isEqualTo(expectedNumber);
        assertThat(meeting.path("ordinal").asText()).isEqualTo(ORDINALS_FROM_19.get(expectedNumber - 19));
        assertThat(meeting.path("date").asText()).isEqualTo("2027-03-11");
        assertThat(meeting.path("start").asText()).isEqualTo("09:30");
        assertThat(meeting.path("end").asText()).isEqualTo("15:45");
        assertThat(meeting.path("timeZone").asText()).isEqualTo("Europe/Stockholm");
        assertThat(meeting.path("format").asText()).isEqualTo("PHYSICAL");
        assertThat(meeting.path("location").asText()).isEqualTo("Socialstyrelsen, Stockholm");
        assertThat(meeting.has("joinUrl")).isFalse();
        // Winter time in Stockholm: UTC+1.
        assertThat(meeting.path("submissionDeadline").asText()).isEqualTo("2027-03-04T12:00:00+01:00");
        assertThat(meeting.path("state").asText()).isEqualTo("SCHEDULED");
        // A new meeting starts with the council's standard agenda (config/standard-agenda.yml).
        assertThat(meeting.path("agenda").findValuesAsText("title"))
                .containsExactly("Mötet öppnas", "Aktuellt per aktör", "Nästa möte", "Avslutning");
        assertThat(meeting.path("agenda").findValuesAsText("number")).containsExactly("1", "2", "3", "4");
        assertThat(meeting.path("agenda").findValuesAsText("state")).containsOnly("ACCEPTED");
        assertThat(meeting.path("agenda").get(1).path("kind").asText()).isEqualTo("STATUS_ROUND");

        JsonNode one = api.get("/api/meetings/" + id);
        assertThat(one.path("reference").asText()).isEqualTo("NRP-2027-03-11");
        assertThat(one.path("sequenceNumber").asInt()).isEqualTo(expectedNumber);
        assertThat(StreamSupport.stream(api.get("/api/meetings").spliterator(), false)
                .filter(m -> m.path("id").asLong() == id)).singleElement()
                .satisfies(m -> assertThat(m.path("reference").asText()).isEqualTo("NRP-2027-03-11"));
    }

    @Test
    void theNextMeetingTakesTheNextNumberAndSummerTimeIsShownAsUtcPlusTwo() {
        int expectedNumber = highestNrpNumber() + 1;

        JsonNode digital = created(api.call(HttpMethod.POST, "/api/meetings", request("2027-06-10", Map.of(
                "start", "13:00", "end", "14:30", "format", "DIGITAL", "joinUrl", "https://meet.council.example/nrp-juni",
                "submissionDeadline", "2027-06-03T12:00"))));
        JsonNode hybrid = created(api.call(HttpMethod.POST, "/api/meetings", request("2027-09-16", Map.of(
                "start", "09:00", "end", "16:00", "format", "HYBRID", "location", "Rålambsvägen 3, Stockholm",
                "joinUrl", "https://meet.council.example/nrp-sept"))));

        assertThat(digital.path("sequenceNumber").asInt()).isEqualTo(expectedNumber);
        assertThat(hybrid.path("sequenceNumber").asInt()).isEqualTo(expectedNumber + 1);
        assertThat(hybrid.path("ordinal").asText()).isEqualTo(ORDINALS_FROM_19.get(expectedNumber + 1 - 19));
        assertThat(digital.path("format").asText()).isEqualTo("DIGITAL");
        assertThat(digital.path("joinUrl").asText()).isEqualTo("https://meet.council.example/nrp-juni");
        assertThat(digital.has("location")).isFalse();
        assertThat(digital.path("submissionDeadline").asText()).isEqualTo("2027-06-03T12:00:00+02:00");
        // Without a deadline: a week before, at noon.
        assertThat(hybrid.path("submissionDeadline").asText()).isEqualTo("2027-09-09T12:00:00+02:00");
        assertThat(hybrid.path("location").asText()).isEqualTo("Rålambsvägen 3, Stockholm");
        assertThat(hybrid.path("joinUrl").asText()).isEqualTo("https://meet.council.example/nrp-sept");
    }

    @Test
    void invalidRequestsAreRefusedWithAClearError() {
        assertBadRequest(request("2027-04-08", Map.of("council", "XYZ", "start", "09:00", "end", "16:00",
                "format", "PHYSICAL", "location", "Stockholm")), "unknown council 'XYZ'");
        assertBadRequest(request("2027-04-08", Map.of("start", "16:00", "end", "09:00", "format", "PHYSICAL",
                "location", "Stockholm")), "end must be after start");
        assertBadRequest(request("2027-04-08", Map.of("start", "09:00", "end", "16:00", "format", "PHYSICAL")),
                "location is required for a PHYSICAL meeting");
        assertBadRequest(request("2027-04-08", Map.of("start", "09:00", "end", "16:00", "format", "HYBRID",
                "joinUrl", "https://meet.council.example/x")), "location is required for a HYBRID meeting");
        assertBadRequest(request("2027-04-08", Map.of("start", "09:00", "end", "16:00", "format", "DIGITAL")),
                "joinUrl is required for a DIGITAL meeting");
        assertBadRequest(request("2027-04-08", Map.of("start", "09:00", "end", "16:00", "format", "DIGITAL",
                "joinUrl", "meet.council.example/nrp")), "joinUrl must be an http(s) link");
        assertBadRequest(request("2027-04-08", Map.of("start", "09:00", "end", "16:00", "format", "DIGITAL",
                "joinUrl", "javascript:alert(1)")), "joinUrl must be an http(s) link");
        assertBadRequest(request("2027-04-08", Map.of("start", "09:00", "end", "16:00", "format", "PHYSICAL",
                "location", "Stockholm", "submissionDeadline", "2027-04-08T10:00")),
                "submissionDeadline must be before the meeting starts");
        assertBadRequest(request("2027-04-08", Map.of("start", "09:00", "end", "16:00", "format", "ONLINE",
                "location", "Stockholm")), "the request body is not valid");

        assertThat(StreamSupport.stream(api.get("/api/meetings").spliterator(), false)
                .map(m -> m.path("reference").asText())).doesNotContain("NRP-2027-04-08", "XYZ-2027-04-08");
    }

    @Test
    void aSecondMeetingOfTheSameCouncilOnTheSameDateIsAConflict() {
        Map<String, Object> body = request("2027-05-20", Map.of("start", "09:00", "end", "12:00", "format", "PHYSICAL",
                "location", "Stockholm"));
        created(api.call(HttpMethod.POST, "/api/meetings", body));

        Map<String, Object> later = new HashMap<>(body);
        later.put("start", "13:00");
        later.put("end", "16:00");
        ResponseEntity<String> again = api.call(HttpMethod.POST, "/api/meetings", later);

        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(api.tree(again).path("error").asText()).contains("NRP-2027-05-20").contains("already has a meeting");
        assertThat(StreamSupport.stream(api.get("/api/meetings").spliterator(), false)
                .filter(m -> m.path("reference").asText().equals("NRP-2027-05-20"))).hasSize(1);
    }

    @Test
    void aSequenceNumberTheCouncilAlreadyUsedIsAConflict() {
        JsonNode first = created(api.call(HttpMethod.POST, "/api/meetings", request("2027-10-14", Map.of(
                "start", "09:00", "end", "12:00", "format", "PHYSICAL", "location", "Stockholm"))));
        int taken = first.path("sequenceNumber").asInt();

        ResponseEntity<String> again = api.call(HttpMethod.POST, "/api/meetings", request("2027-10-21", Map.of(
                "start", "09:00", "end", "12:00", "format", "PHYSICAL", "location", "Stockholm", "sequenceNumber", taken)));

        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(api.tree(again).path("error").asText()).isEqualTo("council NRP already has a meeting with sequence number " + taken);
    }

    @Test
    void anUnknownMeetingIsNotFound() {
        ResponseEntity<String> response = api.call(HttpMethod.GET, "/api/meetings/987654321", null);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(api.tree(response).path("error").asText()).isEqualTo("no meeting with id 987654321");
    }

    private void assertBadRequest(Map<String, Object> body, String error) {
        ResponseEntity<String> response = api.call(HttpMethod.POST, "/api/meetings", body);
        assertThat(response.getStatusCode().value()).as("status for %s", body).isEqualTo(400);
        assertThat(api.tree(response).path("error").asText()).as("error for %s", body).contains(error);
    }

    private JsonNode created(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        return api.tree(response);
    }

    private int highestNrpNumber() {
        int highest = 18; // the registry's next-sequence-number is 19
        for (JsonNode m : api.get("/api/meetings")) {
            if (m.path("council").asText().equals("NRP")) {
                highest = Math.max(highest, m.path("sequenceNumber").asInt());
            }
        }
        return highest;
    }

    private static Map<String, Object> request(String date, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>();
        body.put("council", "NRP");
        body.put("date", date);
        body.putAll(fields);
        return body;
    }
}
