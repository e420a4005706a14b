package se.council.hub.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GreenMail (SMTP + IMAP on free ports of 127.0.0.1) in a child JVM.
 *
 * <p>GreenMail keeps every message in memory: 500 one-megabyte mails are about 700 MB, more than
 * the benchmark's own heap. Running the mail server in its own JVM (heap {@code BENCH_MAIL_HEAP},
 * default 3g) keeps that out of the heap the benchmark measures, as a real mail server would be.
 * Any mailbox works; the login and password are the address (GreenMail creates the user when a
 * mail for it arrives over SMTP).
 *
 * <p>The child stops when {@link #close()} closes its standard input, or when this JVM exits.
 */
public final class GreenMailProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("GREENMAIL READY smtp=(\\d+) imap=(\\d+)");

    private final Process process;
    private final int smtpPort;
    private final int imapPort;
    private final Thread shutdownHook;

    private GreenMailProcess(Process process, int smtpPort, int imapPort, Thread shutdownHook) {
        this.process = process;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Starts the child JVM and waits (up to 60 s) until both servers listen.
     *
     * @param heap the child's -Xmx value, such as {@code 3g}
     * @return the running server
     * @throws IOException when the child cannot be started or does not become ready
     */
    /**
     * CPU seconds the child has used so far (user + system, from {@code /proc/PID/stat}), or NaN
     * where there is no {@code /proc}.
     */
    public double cpuSeconds() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name and state
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    public static GreenMailProcess start(String heap) throws IOException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx" + heap, "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), GreenMailProcess.class.getName()))
                .redirectErrorStream(true);
        Process p = pb.start();
        Thread hook = new Thread(p::destroyForcibly, "greenmail-process-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<int[]> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
                    } else {
                        System.out.println("greenmail| " + line);
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
            ready.completeExceptionally(new IOException("GreenMail child exited before it was ready"));
        }, "greenmail-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int[] ports = ready.get(60, TimeUnit.SECONDS);
            return new GreenMailProcess(p, ports[0], ports[1], hook);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("Interrupted while starting GreenMail", e);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            p.destroyForcibly();
            throw new IOException("GreenMail child did not become ready: " + e.getMessage(), e);
        }
    }

    /** The address both servers listen on. */
    public String host() {
        return "127.0.0.1";
    }

    /** The SMTP port. */
    public int smtpPort() {
        return smtpPort;
    }

    /** The IMAP port. */
    public int imapPort() {
        return imapPort;
    }

    /** Stops the child: closes its input, waits up to 10 s, then kills it. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does the same
        }
    }

    /** The child: starts GreenMail, prints its ports, and runs until standard input closes. */
    public static void main(String[] args) throws Exception {
        Bench.quietLogging();
        GreenMail greenMail = null;
        for (int attempt = 0; attempt < 3 && greenMail == null; attempt++) {
            ServerSetup smtp = new ServerSetup(RawArtemisDurable.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            ServerSetup imap = new ServerSetup(RawArtemisDurable.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
            smtp.setServerStartupTimeout(30_000);
            imap.setServerStartupTimeout(30_000);
            GreenMail candidate = new GreenMail(new ServerSetup[] {smtp, imap});
            try {
                candidate.start();
                greenMail = candidate;
            } catch (RuntimeException e) {
                candidate.stop();
                System.out.println("port taken, retrying: " + e.getMessage());
            }
        }
        if (greenMail == null) {
            System.exit(1);
        }
        System.out.println("GREENMAIL READY smtp=" + greenMail.getSmtp().getPort() + " imap=" + greenMail.getImap().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // run until the parent closes our input or dies
        }
        greenMail.stop();
        System.exit(0);
    }
}
