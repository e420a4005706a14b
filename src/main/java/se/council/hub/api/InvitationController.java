package se.council.hub.api;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import se.council.hub.invitation.Invitations;

/** The secretariat sends a meeting's calendar invitations now, instead of waiting for their day. */
@RestController
@RequestMapping("/api/meetings")
class InvitationController {

    private final Invitations invitations;

    InvitationController(Invitations invitations) {
        this.invitations = invitations;
    }

    /** Sends the current version to everyone who has not had it yet; answers who got what. */
    @PostMapping("/{id}/invitations")
    Invitations.Outcome send(@PathVariable long id) {
        return invitations.send(id);
    }
}
