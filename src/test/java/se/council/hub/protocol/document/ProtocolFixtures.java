package se.council.hub.protocol.document;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import se.council.hub.protocol.document.ProtocolDocument.AgencyStatus;
import se.council.hub.protocol.document.ProtocolDocument.Group;
import se.council.hub.protocol.document.ProtocolDocument.Item;
import se.council.hub.protocol.document.ProtocolDocument.Person;

/** Protocols built like the council's meeting 18 (reference minutes), with invented people. */
final class ProtocolFixtures {

    private ProtocolFixtures() {
    }

    static ProtocolDocument meeting18(boolean draft) {
        return meeting18(draft, false, items18());
    }

    static ProtocolDocument meeting18(boolean draft, boolean english, List<Item> items) {
        return new ProtocolDocument(english, "Nationellt råd för patientsäkerhet",
                english ? "Minutes of the council's eighteenth meeting" : "Protokoll från rådets artonde möte",
                "Möte Nationellt råd för patientsäkerhet", LocalDate.of(2025, 2, 26), LocalTime.of(13, 0),
                LocalTime.of(16, 0), "Digitalt", "Åsa Öhrnberg", draft ? null : "Samtliga deltagare",
                draft ? null : LocalDate.of(2025, 3, 10), null, "3.5-862/2025", draft ? 2 : 3, draft,
                List.of(new Group("Socialstyrelsen", List.of("Åsa Öhrnberg", "Göran Ärlig", "Britt Ödman")),
                        new Group("E-hälsomyndigheten", List.of("Anders Exempelsson")),
                        new Group("Folkhälsomyndigheten", List.of("Märta Provsdotter")),
                        new Group("Inspektionen för vård och omsorg (IVO)", List.of("Pär Testberg")),
                        new Group("Läkemedelsverket", List.of("Helén Påhittad", "Örjan Låtsas")),
                        new Group("Löf regionernas ömsesidiga försäkringsbolag", List.of("Kåre Fiktiv")),
                        new Group("Nationell samverkansgrupp Patientsäkerhet (NSG patientsäkerhet)",
                                List.of("Lena Uppdiktad")),
                        new Group("Statens beredning för medicinsk och social utvärdering (SBU)",
                                List.of("Sixten Exempel")),
                        new Group("Strålsäkerhetsmyndigheten", List.of("Nora Provare"))),
                List.of(new Person("Maja Delvis",
                                "Nätverket Regional stöd och samverkanstruktur (RSS) äldre och hälso- och sjukvård", null),
                        new Person("Carl Halvtid", "Patientnämnden Sörmland", null)),
                List.of(new Person("Anna Gäst", "institutionen för folkhälso- och vårdvetenskap, Uppsala universitet",
                        "under punkt tre")),
                List.of("Arbetsmiljöverket", "Forskningsrådet för hälsa, arbetsliv och välfärd (Forte)",
                        "Statens haverikommission (SHK)", "Sveriges Kommuner och Regioner (SKR)"),
                List.of(new Person("Jonas Frånvarande", "Statens haverikommission (SHK)", null),
                        new Person("Agneta Borta", "Sveriges Kommuner och Regioner (SKR)", null)),
                items, "Nästa möte den 11 juni, kl. 09.00-16.00.");
    }

    static List<Item> items18() {
        return List.of(
                new Item(1, "Mötet öppnas", "Göran Ärlig",
                        "Göran Ärlig öppnar rådets artonde möte. Agenda presenteras. Inga övriga frågor anmäls.",
                        List.of()),
                new Item(2, "Introduktion", "Göran Ärlig", "Kort presentationsrunda.", List.of()),
                new Item(3, "Information forskningsstudie", "Anna Gäst",
                        "Presentation av och information om forskningsstudie om nationell samverkan.\n"
                                + "Önskemål om att inkludera rådet i studien och intervjua aktörer i rådet.",
                        List.of()),
                new Item(4, "Uppdatering av handlingsplanen", "Britt Ödman",
                        "Statusuppdatering: genomgång av texterna är i slutskedet.\n"
                                + "Följande framkom bland annat under diskussionen:\n"
                                + "• Förbättring med den uppdaterade beskrivningen, som är mer rättvisande.",
                        List.of()),
                new Item(5, "Aktuellt per aktör", "Samtliga", "", List.of(
                        new AgencyStatus("E-hälsomyndigheten",
                                "Myndigheten arbetar med flertalet regeringsuppdrag kopplat till digital infrastruktur.",
                                true),
                        new AgencyStatus("Folkhälsomyndigheten",
                                "Snart delredovisning för uppdraget om vårdrelaterade infektioner.", false),
                        new AgencyStatus("IVO", "Arbetet mot oseriösa aktörer fortskrider och tar resurser i anspråk.",
                                true),
                        new AgencyStatus("Läkemedelsverket", "", true),
                        new AgencyStatus("SBU", "SBU har fått ett regeringsuppdrag kring utmönstring.", false))),
                new Item(6, "Rådets möte 11 juni", "Göran Ärlig",
                        "Nästa möte är ett fysiskt heldagsmöte. Agenda skickas ett par veckor innan.", List.of()),
                new Item(7, "Nästa möte", "Göran Ärlig", "", List.of()));
    }

    /** Meeting 18 with long texts in every item: the table runs over several pages. */
    static ProtocolDocument longProtocol(boolean draft) {
        String sentence = "Följande framkom bland annat under diskussionen om vårdskador, säkerhetskultur och "
                + "lärande i hälso- och sjukvården samt i den kommunala vården och omsorgen. ";
        List<Item> items = new ArrayList<>();
        for (Item item : items18()) {
            String text = item.text() + "\n" + sentence.repeat(8) + "\n" + sentence.repeat(6);
            items.add(new Item(item.number(), item.title(), item.presenters(),
                    item.title().equals("Nästa möte") ? "" : text, item.statuses()));
        }
        List<AgencyStatus> many = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            many.add(new AgencyStatus("Aktör " + i, sentence.repeat(3), i % 2 == 0));
        }
        items.set(4, new Item(5, "Aktuellt per aktör", "Samtliga", "Följande framkom bland annat under diskussionen.",
                many));
        return meeting18(draft, false, items);
    }
}
