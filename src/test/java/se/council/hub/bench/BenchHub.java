package se.council.hub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import se.council.hub.CouncilHubApplication;
import se.council.hub.broker.BrokerCredentials;

/**
 * A whole hub started in this JVM for a benchmark, as production runs it: embedded Artemis with a
 * durable journal, an H2 <em>file</em> database and the blob store, all in one new temporary
 * directory, every port free and random. {@link #close()} stops the hub and removes the directory
 * (a shutdown hook does the same on Ctrl-C).
 *
 * <p>Settings are passed as command-line arguments ({@code --key=value}), which outrank
 * {@code config/application.yml}. Any system property {@code bench.hub.KEY=VALUE} adds or overrides
 * the hub setting {@code KEY}, for example
 * {@code -Dbench.hub.hub.mail.max-messages-per-poll=10}.
 */
public final class BenchHub implements AutoCloseable {

    /** The secretariat's REST password of a bench hub. */
    public static final String SECRETARIAT_PASSWORD = "bench-secretariat-password";

    /** The broker password of the agency user {@code ivo}. */
    public static final String IVO_PASSWORD = "bench-ivo-broker-password";

    private static final String PASS_THROUGH = "bench.hub.";

    private final ConfigurableApplicationContext context;
    private final Path dir;
    private final int brokerPort;
    private final Thread shutdownHook;
    private final double startSeconds;

    private BenchHub(ConfigurableApplicationContext context, Path dir, int brokerPort, Thread shutdownHook,
                     double startSeconds) {
        this.context = context;
        this.dir = dir;
        this.brokerPort = brokerPort;
        this.shutdownHook = shutdownHook;
        this.startSeconds = startSeconds;
    }

    /**
     * Starts a hub.
     *
     * @param label prefix of progress lines
     * @param settings hub settings on top of the bench defaults (they win over the defaults;
     *     {@code bench.hub.*} system properties win over both)
     * @return the running hub
     * @throws IOException when the temporary directory cannot be made
     */
    public static BenchHub start(String label, Map<String, String> settings) throws IOException {
        Path dir = Files.createTempDirectory("council-bench-hub-");
        Thread hook = new Thread(() -> deleteTree(dir), "bench-hub-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        int brokerPort = RawArtemisDurable.freePort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("server.port", "0");
        // The H2 settings of config/application.yml's URL; bench.h2.urlSuffix appends others (a diagnostic;
        // H2 refuses a setting given twice).
        props.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("db").resolve("hub") + ";QUERY_CACHE_SIZE=64"
                + System.getProperty("bench.h2.urlSuffix", ""));
        props.put("hub.storage.dir", dir.resolve("store").toString());
        props.put("hub.broker.embedded.port", Integer.toString(brokerPort));
        props.put("hub.broker.embedded.data-dir", dir.resolve("artemis").toString());
        props.put("hub.mail.embedded.smtp-port", Integer.toString(RawArtemisDurable.freePort()));
        props.put("hub.mail.embedded.imap-port", Integer.toString(RawArtemisDurable.freePort()));
        props.put("hub.security.secretariat-password", SECRETARIAT_PASSWORD);
        props.put("hub.broker.agency-passwords.ivo", IVO_PASSWORD);
        props.put("hub.mail.poll-delay", "3600000");
        props.put("hub.cycle.tick", "3600000");
        // Keep the benchmark's own lines readable; the hub's WARN and ERROR lines still show.
        props.put("logging.level.root", "WARN");
        // The benchmark's main thread owns the JVM; Camel need not keep it alive.
        props.put("camel.springboot.main-run-controller", "false");
        props.putAll(settings);
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith(PASS_THROUGH) && k.length() > PASS_THROUGH.length())
                .sorted()
                .forEach(k -> props.put(k.substring(PASS_THROUGH.length()), System.getProperty(k)));

        List<String> args = new ArrayList<>();
        props.forEach((k, v) -> args.add("--" + k + "=" + v));
        System.out.printf("%s: starting the hub in this JVM (H2 file, Artemis journal and store in %s)%n", label, dir);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            System.out.printf("%s:   %s=%s%n", label, e.getKey(), e.getValue());
        }
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PASS_THROUGH)).sorted()
                .forEach(k -> System.out.printf("%s:   %s=%s (from -D%s)%n", label,
                        k.substring(PASS_THROUGH.length()), System.getProperty(k), k));
        long t0 = System.nanoTime();
        ConfigurableApplicationContext context;
        try {
            SpringApplication app = new SpringApplicationBuilder(CouncilHubApplication.class)
                    .web(WebApplicationType.SERVLET)
                    .registerShutdownHook(false)
                    .build();
            context = app.run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            deleteTree(dir);
            removeHook(hook);
            throw e;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // On Ctrl-C: stop the hub first, then remove its files.
        removeHook(hook);
        ConfigurableApplicationContext started = context;
        Thread stopHook = new Thread(() -> {
            try {
                started.close();
            } finally {
                deleteTree(dir);
            }
        }, "bench-hub-stop");
        Runtime.getRuntime().addShutdownHook(stopHook);
        System.out.printf("%s: hub started in %.1f s%n", label, seconds);
        return new BenchHub(context, dir, brokerPort, stopHook, seconds);
    }

    /** Seconds from the start call until the Spring context was ready. */
    public double startSeconds() {
        return startSeconds;
    }

    /** The hub's embedded broker, {@code tcp://127.0.0.1:PORT}. */
    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    /** The password of the broker user {@code hub} (random per start). */
    public String hubBrokerPassword() {
        return context.getBean(BrokerCredentials.class).hubPassword();
    }

    /** The hub's Camel context. */
    public CamelContext camel() {
        return context.getBean(CamelContext.class);
    }

    /** One of the hub's beans, such as {@code PackService}. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** One of the hub's beans by name, such as {@code deckDocumentWriter}. */
    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    /** The REST port. */
    public int httpPort() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The hub's DataSource (H2 file without AUTO_SERVER: only this JVM may open the file). */
    public DataSource dataSource() {
        return context.getBean(DataSource.class);
    }

    /** A date 10 days ahead in Stockholm: the meeting a bench run submits to. */
    public static LocalDate meetingDate() {
        return LocalDate.now(ZoneId.of("Europe/Stockholm")).plusDays(10);
    }

    /**
     * Creates a physical NRP meeting on {@code date} through {@code POST /api/meetings}, with its
     * submission deadline three days before at 12:00 (the hub's clock is real time here).
     *
     * @return the meeting's reference, such as {@code NRP-2026-12-02}
     */
    public String createMeeting(LocalDate date) throws IOException, InterruptedException {
        String body = "{\"council\":\"NRP\",\"date\":\"" + date + "\",\"start\":\"09:00\",\"end\":\"16:00\","
                + "\"format\":\"PHYSICAL\",\"location\":\"Stockholm\",\"submissionDeadline\":\""
                + date.minusDays(3) + "T12:00\"}";
        String auth = Base64.getEncoder().encodeToString(("secretariat:" + SECRETARIAT_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + "/api/meetings"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + auth)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/meetings answered " + response.statusCode() + ": " + response.body());
        }
        Matcher m = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("No reference in " + response.body());
        }
        return m.group(1);
    }

    /** {@code SELECT COUNT(*) FROM table} on the hub's database. */
    public long count(String table) throws SQLException {
        try (Connection c = dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code SELECT COUNT(*) FROM table WHERE condition} on the hub's database (condition written by the benchmark). */
    public long countWhere(String table, String condition) throws SQLException {
        try (Connection c = dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The database's plan of one statement with what running it took ({@code EXPLAIN ANALYZE}, H2
     * shows the rows scanned), on one line. The statement runs in a transaction that is rolled back.
     */
    public String explainAnalyze(String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = dataSource().getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("EXPLAIN ANALYZE " + sql)) {
                while (rs.next()) {
                    out.append(rs.getString(1).replaceAll("\\s+", " ").strip()).append(' ');
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
        return out.toString().strip();
    }

    /** The most recent rejections (reason code and reason), for a run that goes wrong. */
    public List<String> lastRejections(int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT reason_code, reason FROM rejection ORDER BY id DESC LIMIT " + limit)) {
            while (rs.next()) {
                out.add(rs.getString(1) + ": " + rs.getString(2));
            }
        }
        return out;
    }

    /** Bytes under the hub's temporary directory (database, journal, store). */
    public long diskBytes() {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    /** Stops the hub and removes its directory. */
    @Override
    public void close() {
        try {
            context.close();
        } finally {
            deleteTree(dir);
            removeHook(shutdownHook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            System.out.println("bench: could not remove " + dir + ": " + e);
        }
    }
}
