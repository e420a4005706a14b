package se.council.hub.intake.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a minimal TNEF stream (winmail.dat) the way Outlook lays it out, for test fixtures only:
 * POI's HMEF can read TNEF but not write it. Layout per [MS-OXTNEF] §2.1.3: signature, key, then
 * attributes (level, id, type, length, data, checksum); each attachment starts with
 * attAttachRendData, carries attAttachTitle (8.3 name), attAttachData and attAttachment (MAPI
 * properties with the long file name and MIME tag).
 */
final class TnefWriter {

    record File(String shortName, String longName, String mimeTag, byte[] content) {
    }

    private static final int LEVEL_MESSAGE = 1;
    private static final int LEVEL_ATTACHMENT = 2;
    private static final int ATP_STRING = 0x0001;
    private static final int ATP_BYTE = 0x0006;
    private static final int ATP_WORD = 0x0007;
    private static final int ATP_DWORD = 0x0008;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<File> files = new ArrayList<>();
    private final String subject;

    TnefWriter(String subject) {
        this.subject = subject;
    }

    TnefWriter add(File file) {
        files.add(file);
        return this;
    }

    byte[] write() {
        int32(0x223E9F78);
        int16(0x0A2B); // key; any value, Outlook uses a random one
        attribute(LEVEL_MESSAGE, 0x9006, ATP_DWORD, le32(0x00010000)); // attTnefVersion
        attribute(LEVEL_MESSAGE, 0x9007, ATP_BYTE, concat(le32(1252), le32(0))); // attOemCodepage
        attribute(LEVEL_MESSAGE, 0x8008, ATP_WORD, cString("IPM.Microsoft Mail.Note", StandardCharsets.US_ASCII));
        attribute(LEVEL_MESSAGE, 0x8004, ATP_STRING, cString(subject, Charset.forName("windows-1252")));
        for (File f : files) {
            // attAttachRendData: file attachment, no position, 32x32 icon, no flags
            byte[] rend = concat(le16(1), le32(0xFFFFFFFF), le16(32), le16(32), le32(0));
            attribute(LEVEL_ATTACHMENT, 0x9002, ATP_BYTE, rend);
            attribute(LEVEL_ATTACHMENT, 0x8010, ATP_STRING, cString(f.shortName(), Charset.forName("windows-1252")));
            attribute(LEVEL_ATTACHMENT, 0x800F, ATP_BYTE, f.content());
            attribute(LEVEL_ATTACHMENT, 0x9005, ATP_BYTE, mapiProperties(f));
        }
        return out.toByteArray();
    }

    private static byte[] mapiProperties(File f) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        write(p, le32(4));
        unicode(p, 0x3707, f.longName());                  // PR_ATTACH_LONG_FILENAME
        unicode(p, 0x3703, f.longName().substring(f.longName().lastIndexOf('.'))); // PR_ATTACH_EXTENSION
        unicode(p, 0x370E, f.mimeTag());                   // PR_ATTACH_MIME_TAG
        write(p, le16(0x0003));                            // PT_LONG
        write(p, le16(0x3705));                            // PR_ATTACH_METHOD
        write(p, le32(1));                                 // ATTACH_BY_VALUE
        return p.toByteArray();
    }

    private static void unicode(ByteArrayOutputStream p, int id, String value) {
        byte[] data = (value + "\0").getBytes(StandardCharsets.UTF_16LE);
        write(p, le16(0x001F));
        write(p, le16(id));
        write(p, le32(1));
        write(p, le32(data.length));
        write(p, data);
        write(p, new byte[(4 - data.length % 4) % 4]);
    }

    private void attribute(int level, int id, int type, byte[] data) {
        out.write(level);
        int16(id);
        int16(type);
        int32(data.length);
        out.writeBytes(data);
        int sum = 0;
        for (byte b : data) {
            sum = (sum + (b & 0xFF)) & 0xFFFF;
        }
        int16(sum);
    }

    private void int16(int v) {
        out.writeBytes(le16(v));
    }

    private void int32(int v) {
        out.writeBytes(le32(v));
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static byte[] cString(String s, Charset cs) {
        return (s + "\0").getBytes(cs);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static void write(ByteArrayOutputStream p, byte[] b) {
        p.writeBytes(b);
    }
}
