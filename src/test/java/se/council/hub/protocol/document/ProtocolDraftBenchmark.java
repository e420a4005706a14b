package se.council.hub.protocol.document;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import se.council.hub.protocol.document.ProtocolDocument.AgencyStatus;
import se.council.hub.protocol.document.ProtocolDocument.Group;
import se.council.hub.protocol.document.ProtocolDocument.Item;
import se.council.hub.protocol.document.ProtocolDocument.Person;

/**
 * The draft half of the protocol benchmark (issue 5): a meeting of 40 participants from 15
 * agencies with 10 agenda items, drafted as DOCX + PDF N times. {@code bench/run protocol} calls
 * {@link #draft(int)}; on its own:
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/bench.classpath) \
 *     se.council.hub.protocol.document.ProtocolDraftBenchmark [drafts]</pre>
 */
public final class ProtocolDraftBenchmark {

    /**
     * What N drafts took: wall-clock and this thread's CPU time (the machine may be shared), and the
     * bytes written (so that nothing is optimised away).
     */
    public record Result(int drafts, long nanos, long cpuNanos, long bytes) {
        public double perSecond() {
            return drafts * 1e9 / nanos;
        }

        public double millisPerDraft() {
            return nanos / 1e6 / drafts;
        }

        public double cpuMillisPerDraft() {
            return cpuNanos / 1e6 / drafts;
        }
    }

    private static final String[] AGENCIES = {"Socialstyrelsen", "Arbetsmiljöverket", "E-hälsomyndigheten",
            "Folkhälsomyndigheten", "Forskningsrådet för hälsa, arbetsliv och välfärd (Forte)",
            "Inspektionen för vård och omsorg (IVO)", "Läkemedelsverket",
            "Löf regionernas ömsesidiga försäkringsbolag", "Nationell samverkansgrupp Patientsäkerhet (NSG patientsäkerhet)",
            "Nätverket Regional stöd och samverkansstruktur (RSS) äldre och hälso- och sjukvård",
            "Patientnämnden Sörmland", "Statens beredning för medicinsk och social utvärdering (SBU)",
            "Statens haverikommission (SHK)", "Strålsäkerhetsmyndigheten", "Sveriges Kommuner och Regioner (SKR)"};

    private ProtocolDraftBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        draft(Math.max(1, n / 10)); // warm-up
        Result r = draft(n);
        System.out.printf("protocol drafts: %d in %.0f ms: %.1f per second, %.1f ms per draft (DOCX+PDF), "
                + "%.1f ms CPU per draft, %d bytes%n", r.drafts(), r.nanos() / 1e6, r.perSecond(), r.millisPerDraft(),
                r.cpuMillisPerDraft(), r.bytes());
    }

    /** Drafts the benchmark meeting's protocol {@code n} times, DOCX and PDF each time, on this thread. */
    public static Result draft(int n) {
        ProtocolDocument doc = meeting();
        ProtocolWriter writer = new ProtocolWriter();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long bytes = 0;
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bytes += writer.docx(doc).length;
            bytes += writer.pdf(doc).length;
        }
        long nanos = System.nanoTime() - start;
        return new Result(n, nanos, threads.getCurrentThreadCpuTime() - cpu, bytes);
    }

    /** 40 participants from 15 agencies (the secretariat first), 10 agenda items with one status per agency. */
    public static ProtocolDocument meeting() {
        List<Group> groups = new ArrayList<>();
        int person = 0;
        for (int a = 0; a < AGENCIES.length; a++) {
            int people = a == 0 ? 5 : a < 11 ? 3 : 1; // 5 + 10 * 3 + 4 * 1 = 39, and one guest below
            List<String> names = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                names.add("Deltagare Åström " + (++person));
            }
            groups.add(new Group(AGENCIES[a], names));
        }
        String text = "Följande framkom bland annat under diskussionen om säkerhetskultur, lärande av vårdskador "
                + "och samverkan mellan nationella aktörer och huvudmännen i regioner och kommuner. ";
        List<Item> items = new ArrayList<>();
        String[] titles = {"Mötet öppnas", "Föregående protokoll", "Uppdatering av handlingsplanen",
                "Aktuellt per aktör", "Nationella patientsäkerhetsdagen", "Uppföljning av vårdskador",
                "Rådets arbetsformer", "Övriga frågor", "Avslutning", "Nästa möte"};
        for (int i = 0; i < titles.length; i++) {
            List<AgencyStatus> statuses = new ArrayList<>();
            if (titles[i].equals("Aktuellt per aktör")) {
                for (int a = 0; a < AGENCIES.length; a++) {
                    statuses.add(new AgencyStatus(AGENCIES[a], text.repeat(2), a % 3 != 0));
                }
            }
            items.add(new Item(i + 1, titles[i], "Deltagare Åström " + (1 + i % 5),
                    titles[i].equals("Nästa möte") || !statuses.isEmpty() ? "" : text.repeat(1 + i % 3), statuses));
        }
        return new ProtocolDocument(false, "Nationellt råd för patientsäkerhet", "Protokoll från rådets tjugonde möte",
                "Möte Nationellt råd för patientsäkerhet", LocalDate.of(2026, 11, 20), LocalTime.of(9, 0),
                LocalTime.of(16, 0), "Stockholm", "Deltagare Åström 1", null, null, null, "3.5-1001/2026", 1, true,
                groups, List.of(), List.of(new Person("Gäst Exempel", "Uppsala universitet", "under punkt tre")),
                List.of(), List.of(), items, "Nästa möte den 12 mars 2027, kl. 13.00-16.00, digitalt.");
    }
}
