package se.council.hub.intake;

/**
 * Why an input was turned away. Each reason has a Swedish and an English explanation of what was
 * wrong and what to do, used in the notice to the sender and in the rejected record.
 */
public enum RejectionReason {
    UNKNOWN_SENDER(
            "Avsändaren hör inte till någon av rådets organisationer.",
            "Skicka från en adress som är registrerad hos sekretariatet, eller be sekretariatet registrera adressen.",
            "The sender does not belong to any of the council's organisations.",
            "Send from an address registered with the secretariat, or ask the secretariat to register it."),
    SENDER_NOT_VERIFIED(
            "Vi kunde inte verifiera att brevet kom från den angivna avsändaren.",
            "Skicka brevet direkt från din organisations e-post (inte via ett vidarebefordringskonto). Kvarstår problemet, kontakta er IT-avdelning.",
            "We could not verify that the mail came from the sender it names.",
            "Send the mail directly from your organisation's mail system (not through a forwarding account). If it persists, contact your IT department."),
    UNKNOWN_MEETING(
            "Mötesreferensen motsvarar inget möte.",
            "Använd referensen från inbjudan att lämna bidrag, till exempel NRP-2026-12-10: i e-post som [NRP-2026-12-10] i ämnesraden (eller svara på inbjudan), i kömeddelanden i fältet \"meeting\".",
            "The meeting reference matches no meeting.",
            "Use the reference from the call for contributions, for example NRP-2026-12-10: in mail as [NRP-2026-12-10] in the subject (or reply to the call), in queue messages in the field \"meeting\"."),
    NO_MEETING(
            "Vi kunde inte avgöra vilket möte bidraget gäller.",
            "Svara på inbjudan att lämna bidrag, eller skriv mötets referens i ämnesraden, till exempel [NRP-2026-12-10].",
            "We could not tell which meeting the contribution is for.",
            "Reply to the call for contributions, or put the meeting's reference in the subject, for example [NRP-2026-12-10]."),
    NOT_MEMBER(
            "Er organisation är inte medlem i rådet som mötet gäller.",
            "Kontrollera mötesreferensen, eller kontakta sekretariatet.",
            "Your organisation is not a member of the council this meeting belongs to.",
            "Check the meeting reference, or contact the secretariat."),
    MEETING_CLOSED(
            "Mötet är inställt eller redan genomfört och tar inte emot bidrag.",
            "Kontakta sekretariatet om bidraget ändå ska med.",
            "The meeting is cancelled or over and takes no contributions.",
            "Contact the secretariat if the contribution should still be included."),
    ATTACHMENT_REFUSED(
            "En eller flera bilagor kunde inte tas emot (se nedan). Inget i brevet har sparats.",
            "Rätta filerna och skicka hela bidraget igen. Vi tar emot pptx, pdf, docx, xlsx, png och jpeg utan makron och utan lösenord.",
            "One or more attachments could not be accepted (see below). Nothing from the mail was stored.",
            "Fix the files and send the whole contribution again. We accept pptx, pdf, docx, xlsx, png and jpeg without macros and without passwords."),
    MESSAGE_TOO_LARGE(
            "Meddelandet är för stort.",
            "Dela upp bidraget eller minska filerna (till exempel komprimera bilder) och skicka igen.",
            "The message is too large.",
            "Split the contribution or make the files smaller (for example compress pictures) and send again."),
    EMPTY(
            "Meddelandet innehöll varken text eller bilagor.",
            "Skriv er lägesrapport i brevet och/eller bifoga presentationen, och skicka igen.",
            "The message held neither text nor attachments.",
            "Write your status update in the message and/or attach the presentation, and send again."),
    INVALID_MESSAGE(
            "Meddelandet följer inte det avtalade formatet.",
            "Rätta meddelandet enligt beskrivningen nedan och skicka igen.",
            "The message does not follow the agreed format.",
            "Correct the message as described below and send again."),
    UNKNOWN_AGENCY(
            "Köanvändaren hör inte till någon av rådets organisationer.",
            "Använd er organisations egen användare hos meddelandeköerna.",
            "The broker user does not belong to any of the council's organisations.",
            "Use your organisation's own broker user."),
    // Replies to the hub's calendar invitations (issue 4)
    UNKNOWN_INVITATION(
            "Svaret gäller ingen inbjudan som sekretariatet har skickat.",
            "Svara direkt på inbjudan i din kalender. Har du fått inbjudan vidarebefordrad, be sekretariatet att bjuda in dig.",
            "The reply does not answer any invitation the secretariat has sent.",
            "Answer the invitation directly from your calendar. If the invitation was forwarded to you, ask the secretariat to invite you."),
    RSVP_NOT_FOR_SENDER(
            "Svaret gäller en annan person än avsändaren, eller en person som inte är inbjuden till mötet.",
            "Svara från din egen adress på den inbjudan som skickades till dig. Ska någon annan delta i ditt ställe, använd kalenderns funktion för att delegera eller kontakta sekretariatet.",
            "The reply is for someone other than its sender, or for someone not invited to the meeting.",
            "Reply from your own address to the invitation sent to you. If someone else is to attend in your place, use your calendar's delegate function or contact the secretariat."),
    RSVP_SEVERAL_ATTENDEES(
            "Svaret innehåller svar för flera personer; ett svar får bara gälla avsändaren.",
            "Låt var och en svara på sin egen inbjudan.",
            "The reply holds answers for several people; a reply may only speak for its sender.",
            "Let each person answer their own invitation."),
    RSVP_OUTDATED(
            "Svaret är äldre än ett svar som redan är registrerat och ändrar därför ingenting.",
            "Har du ändrat dig, svara på nytt från kalendern.",
            "The reply is older than one already recorded, so it changes nothing.",
            "If you have changed your mind, answer again from your calendar."),
    INVALID_CALENDAR(
            "Kalenderdelen i svaret kunde inte läsas (se nedan).",
            "Svara på nytt med kalenderns knappar Acceptera, Kanske eller Avböj. Kvarstår felet, meddela sekretariatet per e-post om du kommer.",
            "The calendar part of the reply could not be read (see below).",
            "Answer again with your calendar's Accept, Tentative or Decline buttons. If it persists, tell the secretariat by mail whether you will attend."),
    PROCESSING_FAILED(
            "Ett tekniskt fel hindrade oss från att ta emot bidraget. Sekretariatet kan se felet.",
            "Skicka bidraget igen senare, eller kontakta sekretariatet.",
            "A technical fault kept us from accepting the contribution. The secretariat can see the fault.",
            "Send the contribution again later, or contact the secretariat."),
    PROTOCOL_STALE_VERSION(
            "Svaret gäller en äldre version av protokollet; en nyare version har skickats ut för justering.",
            "Läs den senaste versionen (senaste brevet från sekretariatet) och svara på det brevet: \"Godkänd\" eller era ändringar.",
            "The reply is for an earlier version of the minutes; a newer version has been sent out for adjustment.",
            "Read the latest version (the secretariat's latest mail) and reply to that mail: \"Approved\" or your corrections."),
    PROTOCOL_NOT_ADJUSTER(
            "Avsändaren är inte justerare av protokollet.",
            "Svara från den adress som protokollet skickades till, eller kontakta sekretariatet.",
            "The sender is not one of the adjusters of the minutes.",
            "Reply from the address the minutes were sent to, or contact the secretariat."),
    PROTOCOL_CLOSED(
            "Protokollet är redan justerat och kan inte längre ändras.",
            "Kontakta sekretariatet om något i det justerade protokollet behöver rättas.",
            "The minutes are already adjusted and can no longer be changed.",
            "Contact the secretariat if something in the adjusted minutes needs correcting.");

    private final String problemSv;
    private final String actionSv;
    private final String problemEn;
    private final String actionEn;

    RejectionReason(String problemSv, String actionSv, String problemEn, String actionEn) {
        this.problemSv = problemSv;
        this.actionSv = actionSv;
        this.problemEn = problemEn;
        this.actionEn = actionEn;
    }

    public String problem(boolean english) {
        return english ? problemEn : problemSv;
    }

    public String action(boolean english) {
        return english ? actionEn : actionSv;
    }
}
