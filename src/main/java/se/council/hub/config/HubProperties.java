package se.council.hub.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Every hub.* setting, bound and validated at start-up; config/application.yml documents each key. */
@Validated
@ConfigurationProperties(prefix = "hub")
public record HubProperties(
        @NotNull @Pattern(regexp = "sv|en") @DefaultValue("sv") String language,
        @Valid @NotNull @DefaultValue Registry registry,
        @Valid @NotNull @DefaultValue Storage storage,
        @Valid @NotNull @DefaultValue Security security,
        @Valid @NotNull @DefaultValue Mail mail,
        @Valid @NotNull @DefaultValue Broker broker,
        @Valid @NotNull @DefaultValue Intake intake,
        @Valid @NotNull @DefaultValue Cycle cycle,
        @Valid @NotNull @DefaultValue Outbox outbox,
        @Valid @NotNull @DefaultValue Agenda agenda,
        @Valid @NotNull @DefaultValue Pack pack,
        @Valid @NotNull @DefaultValue Protocol protocol,
        @Valid @NotNull @DefaultValue Invitations invitations) {

    public record Registry(@NotNull @DefaultValue("config/council.yml") Path file) { }

    public record Storage(@NotNull @DefaultValue("./data/store") Path dir) { }

    public record Security(String secretariatPassword) { }

    public record Mail(
            @NotBlank @DefaultValue("hub@council.example") String address,
            @DefaultValue("Rådssekretariatet") String displayName,
            @DefaultValue("localhost") String imapHost,
            @DefaultValue("3143") int imapPort,
            @DefaultValue("localhost") String smtpHost,
            @DefaultValue("3025") int smtpPort,
            @NotBlank @DefaultValue("hub@council.example") String username,
            @NotBlank @DefaultValue("hub@council.example") String password,
            @Min(1) @DefaultValue("5000") long pollDelay,
            @Min(1) @DefaultValue("20") int maxMessagesPerPoll,
            @Min(1) @DefaultValue("33554432") long maxBytesPerPoll,
            @Min(1) @DefaultValue("2") int intakeThreads,
            String moveTo,
            @NotNull @DefaultValue Set<String> trustedAuthservIds,
            @DefaultValue("false") boolean requireAuthenticatedSender,
            @Min(0) @DefaultValue("20") int maxRepliesPerHour,
            @Valid @NotNull @DefaultValue EmbeddedMail embedded) {
    }

    public record EmbeddedMail(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("3025") int smtpPort,
            @DefaultValue("3143") int imapPort) { }

    public record Broker(
            @NotBlank @DefaultValue("tcp://localhost:61616") String url,
            @NotBlank @DefaultValue("hub") String user,
            String password,
            @Min(1) @DefaultValue("5") int maxDeliveryAttempts,
            @Min(1) @DefaultValue("2") int concurrentConsumers,
            @NotNull @DefaultValue Map<String, String> agencyPasswords,
            @Valid @NotNull @DefaultValue EmbeddedBroker embedded) { }

    public record EmbeddedBroker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("61616") int port,
            @NotNull @DefaultValue("./data/artemis") Path dataDir) { }

    public record Intake(
            @Min(1) @DefaultValue("26214400") long maxAttachmentBytes,
            @Min(1) @DefaultValue("52428800") long maxMessageBytes,
            @NotNull @DefaultValue("30s") Duration parseTimeout,
            @NotNull @DefaultValue("config/schemas") Path schemaDir) { }

    public record Cycle(
            @Min(0) @DefaultValue("21") int callDaysBefore,
            @NotNull @DefaultValue({"7", "2"}) List<Integer> reminderDaysBefore,
            @Min(1) @DefaultValue("60000") long tick,
            @Min(0) @DefaultValue("28") int inviteDaysBefore) { }

    public record Outbox(
            @Min(1) @DefaultValue("1000") long delay,
            @Min(1) @DefaultValue("10") int maxAttempts,
            @Min(1) @DefaultValue("2") int senders) { }

    public record Agenda(@NotNull @DefaultValue("config/standard-agenda.yml") Path standardFile) { }

    public record Pack(
            List<String> recipients,
            @Min(1) @DefaultValue("15728640") long maxAttachmentBytes,
            @NotNull @DefaultValue("60s") Duration fileTimeout,
            @Min(1) @DefaultValue("60000") long check,
            @DefaultValue("http://localhost:8080") String baseUrl,
            @DefaultValue("true") boolean warmUp) { }

    /**
     * The protocol's adjustment round (issue 5).
     *
     * @param adjusters                   who adjusts; empty means every present participant
     * @param adjustmentDays              days from sending to the deadline (end of that day, Stockholm)
     * @param reminderDaysBeforeDeadline  days before the deadline a reminder goes to pending adjusters
     * @param tick                        ms between checks for reminders, digests and completion
     * @param baseUrl                     the hub's public address for the adjusters' links; unset: hub.pack.base-url
     * @param linkKey                     HMAC key of the adjusters' links; unset: generated per start and logged
     * @param linkValidDays               days an adjuster's link works after it was sent
     * @param preparedBy                  "Upprättad av"; unset: the council secretariat's first secretariat person
     */
    public record Protocol(
            @NotNull @DefaultValue List<String> adjusters,
            @Min(1) @DefaultValue("7") int adjustmentDays,
            @Min(0) @DefaultValue("2") int reminderDaysBeforeDeadline,
            @Min(1) @DefaultValue("60000") long tick,
            String baseUrl,
            String linkKey,
            @Min(1) @DefaultValue("14") int linkValidDays,
            String preparedBy) { }

    /**
     * Calendar invitations: besides every person of the council's member agencies and the secretariat,
     * these guests (outside the registry) are invited too.
     */
    public record Invitations(@Valid @NotNull @DefaultValue List<Guest> extra) { }

    /** A guest on every invitation: name, address, and the organisation as it should be written. */
    public record Guest(
            @NotBlank String name,
            @NotBlank @jakarta.validation.constraints.Email String email,
            String organisation) { }

    public boolean english() {
        return "en".equals(language);
    }
}
