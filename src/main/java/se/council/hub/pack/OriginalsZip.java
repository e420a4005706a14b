package se.council.hub.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * originals.zip: every accepted file of the pack, as sent, under a safe name
 * {@code <nn>-<agency>-<file>} (nn the agenda item's number), so the secretariat can open any original.
 */
public final class OriginalsZip {

    private OriginalsZip() {
    }

    public static void write(PackModel.Pack pack, OutputStream out) throws IOException {
        Set<String> names = new HashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            // Decks, PDFs and pictures are compressed already: deflating them again costs time for nothing.
            zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            for (PackModel.Item item : pack.agenda()) {
                for (PackModel.SourceFile f : item.files()) {
                    add(zip, names, String.format(Locale.ROOT, "%02d-%s-%s", item.number(), "agenda", f.name()), f);
                }
                for (PackModel.AgencyPart part : item.parts()) {
                    for (PackModel.SourceFile f : part.files()) {
                        add(zip, names, String.format(Locale.ROOT, "%02d-%s-%s", item.number(), part.agencyId(), f.name()), f);
                    }
                }
            }
        }
    }

    private static void add(ZipOutputStream zip, Set<String> names, String name, PackModel.SourceFile file) throws IOException {
        String safe = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        String unique = safe;
        for (int n = 2; !names.add(unique); n++) {
            int dot = safe.lastIndexOf('.');
            unique = dot > 0 ? safe.substring(0, dot) + " (" + n + ")" + safe.substring(dot) : safe + " (" + n + ")";
        }
        zip.putNextEntry(new ZipEntry(unique));
        try (InputStream in = file.content().open()) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }
}
