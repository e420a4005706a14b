package se.council.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, started from the machine's own binaries (no Docker).
 *
 * <p>Use {@link #shared()}: the first call finds the binaries, runs {@code initdb} into a fresh
 * temporary directory, starts the server on a free port of 127.0.0.1 with {@code fsync=off}, and
 * creates the database {@value #DATABASE}. The server is stopped ({@code pg_ctl stop -m fast}) and
 * its directory removed by a JVM shutdown hook.
 *
 * <p>{@code initdb} refuses to run as root, so when the JVM runs as root every server command is
 * run as the {@code postgres} user through {@code runuser -u postgres --} (or {@code su}), and the
 * temporary directory is handed to that user.
 *
 * <p>The binaries are looked up in this order: the system property {@code council.pg.bindir} or
 * the environment variable {@code PG_BINDIR}; {@code pg_config --bindir}; the highest
 * {@code /usr/lib/postgresql/<version>/bin} holding {@code initdb}; {@code initdb} on the PATH.
 * When none is found, {@link #shared()} throws an {@link IllegalStateException} telling the
 * developer to run {@code .ci/run} or {@code apt-get install postgresql}.
 */
public final class LocalPostgres {

    /** The database created for tests. */
    public static final String DATABASE = "council";

    /** The superuser, which authenticates with {@code trust} on 127.0.0.1. */
    public static final String USER = "postgres";

    private static final String OS_USER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;

    private static LocalPostgres shared;

    private final Path binDir;
    private final Path baseDir;
    private final Path dataDir;
    private final Path socketDir;
    private final Path logFile;
    private final boolean asRoot;
    private final String switchUserTool;
    private int port;
    private volatile boolean running;

    private LocalPostgres(Path binDir) throws IOException {
        this.binDir = binDir;
        this.asRoot = runningAsRoot();
        this.switchUserTool = asRoot ? findSwitchUserTool() : null;
        if (asRoot && !osUserExists()) {
            throw new IllegalStateException("Running as root, PostgreSQL must run as the user '" + OS_USER
                    + "', which does not exist. Run .ci/run, which creates it, or `apt-get install postgresql`"
                    + " (or `useradd --system postgres`).");
        }
        this.baseDir = Files.createTempDirectory("council-pg-");
        this.dataDir = baseDir.resolve("data");
        this.socketDir = baseDir.resolve("sock");
        this.logFile = baseDir.resolve("server.log");
        Files.createDirectories(socketDir);
        if (asRoot) {
            run(List.of("chown", "-R", OS_USER + ":", baseDir.toString()), false, "chown the temp dir");
            run(List.of("chmod", "700", baseDir.toString()), false, "chmod the temp dir");
        }
    }

    /**
     * The server shared by every test of this JVM, started on first use.
     *
     * @return the running server
     * @throws IllegalStateException when no binaries are found or the server does not start; the
     *     message names what is missing and carries the tail of the server log
     */
    public static synchronized LocalPostgres shared() {
        if (shared == null) {
            LocalPostgres pg;
            try {
                pg = new LocalPostgres(findBinDir());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not prepare a PostgreSQL data directory", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "local-postgres-stop"));
            pg.start();
            shared = pg;
        }
        return shared;
    }

    /** The JDBC URL of the {@value #DATABASE} database, {@code jdbc:postgresql://127.0.0.1:PORT/council}. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /**
     * The JDBC URL of another database on this server.
     *
     * @param database the database name
     * @return {@code jdbc:postgresql://127.0.0.1:PORT/<database>}
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The user to connect as: {@value #USER}. */
    public String username() {
        return USER;
    }

    /** The password: empty, since the server trusts local connections. */
    public String password() {
        return "";
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The directory holding the binaries in use. */
    public Path binDir() {
        return binDir;
    }

    /**
     * A new connection to the {@value #DATABASE} database.
     *
     * @return an open connection; the caller closes it
     * @throws SQLException when the server refuses
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /**
     * Creates an empty database, for tests that want one to themselves (for example one per
     * Spring context, so that Flyway starts from nothing).
     *
     * @param name a new database name: lower-case letters, digits and underscores
     * @return its JDBC URL
     */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        executeOnMaintenanceDb("create database " + name);
        return jdbcUrl(name);
    }

    /** The last lines of the server log, for error messages. */
    public String logTail() {
        return tail(logFile, LOG_TAIL_LINES);
    }

    private void start() {
        initdb();
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            port = freePort();
            try {
                run(serverCommand(List.of(pgCtl(), "-D", dataDir.toString(), "-l", logFile.toString(),
                        "-w", "-t", "60",
                        "-o", "-p " + port + " -k " + socketDir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                        "start")), true, "start the server (pg_ctl start, port " + port + ")");
                running = true;
                break;
            } catch (IllegalStateException e) {
                // Another process may have taken the port between the probe and the start.
                last = e;
            }
        }
        if (!running) {
            throw last;
        }
        executeOnMaintenanceDb("create database " + DATABASE);
    }

    private void initdb() {
        List<String> base = List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(),
                "-A", "trust", "-U", USER, "-E", "UTF8");
        List<String> withLocale = new ArrayList<>(base);
        withLocale.add("--locale=C.UTF-8");
        try {
            run(serverCommand(withLocale), true, "initdb --locale=C.UTF-8");
        } catch (IllegalStateException e) {
            deleteTree(dataDir);
            List<String> noLocale = new ArrayList<>(base);
            noLocale.add("--no-locale");
            run(serverCommand(noLocale), true, "initdb --no-locale");
        }
    }

    private void executeOnMaintenanceDb(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + jdbcUrl("postgres") + " refused '" + sql + "': "
                    + e.getMessage() + "\n--- server log (tail) ---\n" + logTail(), e);
        }
    }

    private synchronized void stop() {
        try {
            if (running) {
                run(serverCommand(List.of(pgCtl(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop")),
                        false, "stop the server");
                running = false;
            }
        } catch (RuntimeException e) {
            System.err.println("LocalPostgres: " + e.getMessage());
        } finally {
            deleteTree(baseDir);
        }
    }

    private String pgCtl() {
        return binDir.resolve("pg_ctl").toString();
    }

    /** Wraps a server command so that it runs as the postgres user when the JVM is root. */
    private List<String> serverCommand(List<String> command) {
        if (!asRoot) {
            return command;
        }
        List<String> wrapped = new ArrayList<>();
        if ("runuser".equals(switchUserTool)) {
            wrapped.addAll(List.of("runuser", "-u", OS_USER, "--"));
            wrapped.addAll(command);
        } else {
            wrapped.addAll(List.of("su", OS_USER, "-s", "/bin/sh", "-c", shellJoin(command)));
        }
        return wrapped;
    }

    private String run(List<String> command, boolean withLog, String what) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(baseDir.toFile())
                .redirectErrorStream(true);
        // The server user may not be able to read the caller's working directory or locale settings.
        pb.environment().remove("LC_ALL");
        pb.environment().put("LANG", "C.UTF-8");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("LocalPostgres could not " + what + ": cannot run "
                    + command.get(0) + " (" + e.getMessage() + ")", e);
        }
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("LocalPostgres timed out trying to " + what);
            }
            String output = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("LocalPostgres could not " + what + " (exit " + p.exitValue()
                        + "): " + String.join(" ", command) + "\n" + output.strip()
                        + (withLog ? "\n--- server log (tail) ---\n" + logTail() : ""));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        }
    }

    /**
     * Finds the directory of the PostgreSQL server binaries.
     *
     * @return a directory holding {@code initdb} and {@code pg_ctl}
     * @throws IllegalStateException naming what is missing and how to install it
     */
    public static Path findBinDir() {
        List<String> tried = new ArrayList<>();
        String configured = Optional.ofNullable(System.getProperty("council.pg.bindir"))
                .orElse(System.getenv("PG_BINDIR"));
        if (configured != null && !configured.isBlank()) {
            Path dir = Paths.get(configured);
            if (hasServerBinaries(dir)) {
                return dir;
            }
            tried.add(dir + " (from council.pg.bindir / PG_BINDIR)");
        }
        Optional<Path> fromPgConfig = pgConfigBinDir();
        if (fromPgConfig.isPresent()) {
            if (hasServerBinaries(fromPgConfig.get())) {
                return fromPgConfig.get();
            }
            tried.add(fromPgConfig.get() + " (pg_config --bindir)");
        } else {
            tried.add("pg_config --bindir (not found)");
        }
        Path lib = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                Optional<Path> best = versions
                        .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .map(v -> v.resolve("bin"))
                        .filter(LocalPostgres::hasServerBinaries)
                        .max(Comparator.comparingDouble(b -> Double.parseDouble(b.getParent().getFileName().toString())));
                if (best.isPresent()) {
                    return best.get();
                }
            } catch (IOException e) {
                // fall through to the PATH
            }
        }
        tried.add("/usr/lib/postgresql/*/bin");
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String entry : path.split(":")) {
            if (entry.isEmpty()) {
                continue;
            }
            Path initdb = Paths.get(entry, "initdb");
            if (Files.isExecutable(initdb)) {
                try {
                    Path dir = initdb.toRealPath().getParent();
                    if (hasServerBinaries(dir)) {
                        return dir;
                    }
                } catch (IOException e) {
                    // ignore a broken link
                }
            }
        }
        tried.add("initdb on the PATH");
        throw new IllegalStateException("No PostgreSQL server binaries (initdb, pg_ctl) found; looked in: "
                + String.join(", ", tried) + ". Run .ci/run, which installs them, or "
                + "`apt-get install postgresql` (or set PG_BINDIR to the directory holding initdb).");
    }

    private static boolean hasServerBinaries(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))
                && Files.isExecutable(dir.resolve("postgres"));
    }

    private static Optional<Path> pgConfigBinDir() {
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
                return Optional.of(Paths.get(out.lines().findFirst().orElse(out)));
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private static boolean runningAsRoot() {
        try {
            Object uid = Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean osUserExists() {
        try {
            Process p = new ProcessBuilder("id", "-u", OS_USER).redirectErrorStream(true).start();
            p.getOutputStream().close();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return true; // cannot tell; let the server command report it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static String findSwitchUserTool() {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Paths.get(dir, "runuser"))) {
                return "runuser";
            }
        }
        return "su";
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on 127.0.0.1", e);
        }
    }

    private static String shellJoin(List<String> command) {
        StringBuilder sb = new StringBuilder();
        for (String arg : command) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('\'').append(arg.replace("'", "'\\''")).append('\'');
        }
        return sb.toString();
    }

    private static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no server log at " + file + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(server log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "LocalPostgres[" + jdbcUrl() + ", bin=" + binDir + ", dir=" + baseDir
                + (asRoot ? ", as " + OS_USER + " via " + switchUserTool : "") + "]"
                + (running ? "" : " (stopped)");
    }
}
