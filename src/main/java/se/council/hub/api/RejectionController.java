package se.council.hub.api;

import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import se.council.hub.intake.IntakeStore;

/** Every refused input, any channel, newest first. */
@RestController
class RejectionController {

    record RejectionView(long id, String channel, Instant receivedAt, String sender, String agency, String meeting,
                         String code, String reason) { }

    private final IntakeStore intake;

    RejectionController(IntakeStore intake) {
        this.intake = intake;
    }

    @GetMapping("/api/rejections")
    List<RejectionView> rejections() {
        return intake.rejections().stream().map(r -> new RejectionView(r.id(), r.channel().name(), r.receivedAt(),
                r.sender(), r.agency(), r.meeting(), r.code().name(), r.reason())).toList();
    }
}
