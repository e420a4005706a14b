package se.council.hub.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server on 127.0.0.1 that takes every mail and keeps only counts: the receiving end
 * of the invitations benchmark, for the hub and the raw submission alike, so that neither half pays
 * for storing thousands of large mails and the figures measure what is handed to SMTP.
 */
final class SinkSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sink-smtp");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    SinkSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "sink-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long messages() {
        return messages.get();
    }

    long bytes() {
        return bytes.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                // No Nagle: replies go out at once, as a real server's do, not after a delayed ACK.
                socket.setTcpNoDelay(true);
                connections.execute(() -> session(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket; InputStream in = socket.getInputStream();
             OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
            reply(out, "220 sink ESMTP");
            StringBuilder line = new StringBuilder();
            while (true) {
                String command = readLine(in, line);
                if (command == null) {
                    return;
                }
                String verb = command.length() >= 4 ? command.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : command;
                switch (verb) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 SIZE 104857600");
                    case "HELO" -> reply(out, "250 sink");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        long size = readData(in);
                        bytes.addAndGet(size);
                        messages.incrementAndGet();
                        reply(out, "250 ok");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String readLine(InputStream in, StringBuilder line) throws IOException {
        line.setLength(0);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
            line.append((char) c);
        }
        return null;
    }

    /** Reads up to the line holding only "."; returns the octets read. */
    private static long readData(InputStream in) throws IOException {
        byte[] buffer = new byte[65536];
        long total = 0;
        // The last five octets seen, to find CRLF . CRLF across reads.
        int state = 2; // 0 nothing, 1 CR, 2 CRLF (start of line), 3 CRLF ".", 4 CRLF "." CR
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("end of stream inside DATA");
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                state = switch (state) {
                    case 1 -> b == '\n' ? 2 : b == '\r' ? 1 : 0;
                    case 2 -> b == '.' ? 3 : b == '\r' ? 1 : 0;
                    case 3 -> b == '\r' ? 4 : 0;
                    case 4 -> b == '\n' ? 5 : 0;
                    default -> b == '\r' ? 1 : 0;
                };
                if (state == 5) {
                    total += i + 1;
                    // A well-behaved client sends nothing after the end of DATA before our reply.
                    return total;
                }
            }
            total += n;
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
