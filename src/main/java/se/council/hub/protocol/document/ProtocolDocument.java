package se.council.hub.protocol.document;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Everything a protocol shows, in the layout of the council's own protocols (see
 * shared/reference/minutes-*.txt): the header, the participants grouped per organisation, the
 * table Nr / Ärende / Föredragande / Beslut, åtgärd etc., and the next meeting. Built by the
 * protocol round from the meeting, its agenda, submissions and attendance; written to DOCX and PDF
 * by {@link ProtocolWriter}, read back from an edited DOCX by {@link ProtocolReader}.
 *
 * @param english       English labels instead of Swedish
 * @param councilName   "Nationellt råd för patientsäkerhet"
 * @param title         the heading, "Protokoll från rådets nittonde möte"
 * @param subject       Ämne, "Nationellt råd för patientsäkerhet, möte 19"
 * @param date          Datum
 * @param start         Tid, from
 * @param end           Tid, to
 * @param place         where (location and/or "Digitalt"), or null
 * @param preparedBy    Upprättad av: a name, "Anna Exempel, Socialstyrelsen"
 * @param adjustedBy    Justerad av: null while a draft, "Samtliga deltagare" once adjusted
 * @param adjustedOn    the date of adjustment, null while a draft
 * @param signature     Signatur: null while a draft
 * @param diaryNumber   Dnr, "3.5-862/2025", or null when not set
 * @param version       the protocol version (1, 2, …); shown on drafts
 * @param draft         true until the protocol is adjusted: a draft is marked as such
 * @param participants  Deltagare, one group per organisation in registry order (the secretariat's
 *                      first: "Från Socialstyrelsen: …")
 * @param partlyPresent Närvarande del av mötet
 * @param othersPresent Övriga närvarande (guests, with their note such as "under punkt tre")
 * @param absentOrganisations Ej närvarande: member organisations with nobody present
 * @param invitedAbsent Inbjudna men ej närvarande: people invited who declined or did not answer
 * @param items         the agenda items in order
 * @param nextMeeting   Nästa möte, a sentence ("Nästa möte äger rum 12 mars 2027 kl. 13.00–16.00,
 *                      digitalt."), or null when none is planned
 */
public record ProtocolDocument(boolean english, String councilName, String title, String subject, LocalDate date,
                               LocalTime start, LocalTime end, String place, String preparedBy, String adjustedBy,
                               LocalDate adjustedOn, String signature, String diaryNumber, int version, boolean draft,
                               List<Group> participants, List<Person> partlyPresent, List<Person> othersPresent,
                               List<String> absentOrganisations, List<Person> invitedAbsent, List<Item> items,
                               String nextMeeting) {

    public ProtocolDocument {
        participants = List.copyOf(participants);
        partlyPresent = List.copyOf(partlyPresent);
        othersPresent = List.copyOf(othersPresent);
        absentOrganisations = List.copyOf(absentOrganisations);
        invitedAbsent = List.copyOf(invitedAbsent);
        items = List.copyOf(items);
    }

    /** One organisation's people present: "Inspektionen för vård och omsorg (IVO)", [names]. */
    public record Group(String organisation, List<String> names) {
        public Group {
            names = List.copyOf(names);
        }
    }

    /** A person named in a list, with their organisation and an optional note ("under punkt tre"). */
    public record Person(String name, String organisation, String note) { }

    /**
     * One row of the table.
     *
     * @param number     the item number, 1, 2, …
     * @param title      Ärende
     * @param presenters Föredragande, or null
     * @param text       Beslut, åtgärd etc.: what the secretariat wrote (decision, notes); may be empty
     * @param statuses   for the item "Aktuellt per aktör" one paragraph per agency; empty otherwise
     */
    public record Item(int number, String title, String presenters, String text, List<AgencyStatus> statuses) {
        public Item {
            statuses = List.copyOf(statuses);
        }
    }

    /**
     * One agency's paragraph in "Aktuellt per aktör": "IVO: <status text> Se ppt."
     *
     * @param agency the agency's abbreviation or name as the protocols write it
     * @param text   the status text the agency sent (may be empty)
     * @param slides true when it sent slides: the paragraph ends "Se ppt."
     */
    public record AgencyStatus(String agency, String text, boolean slides) { }
}
