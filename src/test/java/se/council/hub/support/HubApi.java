package se.council.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The secretariat's REST calls, as JSON trees. */
public final class HubApi {

    private final TestRestTemplate rest;
    private final ObjectMapper json = new ObjectMapper();

    public HubApi(TestRestTemplate rest) {
        this.rest = rest.withBasicAuth("secretariat", TestHubConfiguration.SECRETARIAT_PASSWORD);
    }

    public ResponseEntity<String> call(HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    public JsonNode get(String path) {
        return tree(call(HttpMethod.GET, path, null));
    }

    public JsonNode post(String path, Object body) {
        return tree(call(HttpMethod.POST, path, body));
    }

    /** The meeting of the council NRP on that date, created (physical, 09–16) when not there yet. */
    public JsonNode meeting(String date) {
        for (JsonNode m : get("/api/meetings")) {
            if (m.path("reference").asText().equals("NRP-" + date)) {
                return m;
            }
        }
        ResponseEntity<String> created = call(HttpMethod.POST, "/api/meetings", Map.of(
                "council", "NRP", "date", date, "start", "09:00", "end", "16:00", "format", "HYBRID",
                "location", "Socialstyrelsen, Rålambsvägen 3, Stockholm", "joinUrl", "https://meet.council.example/nrp",
                "submissionDeadline", java.time.LocalDate.parse(date).minusDays(7) + "T12:00"));
        if (created.getStatusCode().value() != 201) {
            throw new IllegalStateException("meeting not created: " + created);
        }
        return tree(created);
    }

    /** The submissions entry of one agency for a meeting. */
    public JsonNode submissionsOf(long meetingId, String agency) {
        for (JsonNode a : get("/api/meetings/" + meetingId + "/submissions")) {
            if (a.path("agency").asText().equals(agency)) {
                return a;
            }
        }
        throw new IllegalStateException("no agency " + agency);
    }

    public JsonNode tree(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + response, e);
        }
    }
}
