package se.council.hub.screening;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The media types the hub accepts, and the names it gives to Office packages it refuses. */
final class MediaTypes {

    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PDF = "application/pdf";
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";

    static final Set<String> ALLOWED = Set.of(PPTX, PDF, DOCX, XLSX, PNG, JPEG);

    static final String OCTET_STREAM = "application/octet-stream";
    static final String ZIP = "application/zip";
    static final String JAR = "application/java-archive";
    static final String OOXML_UNKNOWN = "application/x-tika-ooxml";
    static final String OOXML_ENCRYPTED = "application/x-tika-ooxml-protected";
    static final String OLE2 = "application/x-tika-msoffice";
    static final String PPT = "application/vnd.ms-powerpoint";
    static final String DOC = "application/msword";
    static final String XLS = "application/vnd.ms-excel";

    // Keyed by the main part's content type in [Content_Types].xml, lower-cased.
    private static final Map<String, String> OOXML_BY_MAIN_PART = Map.ofEntries(
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", PPTX),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", DOCX),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", XLSX),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
                    "application/vnd.openxmlformats-officedocument.presentationml.slideshow"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
                    "application/vnd.openxmlformats-officedocument.presentationml.template"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.template"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.template"),
            Map.entry("application/vnd.ms-powerpoint.presentation.macroenabled.main+xml",
                    "application/vnd.ms-powerpoint.presentation.macroenabled.12"),
            Map.entry("application/vnd.ms-powerpoint.slideshow.macroenabled.main+xml",
                    "application/vnd.ms-powerpoint.slideshow.macroenabled.12"),
            Map.entry("application/vnd.ms-powerpoint.template.macroenabled.main+xml",
                    "application/vnd.ms-powerpoint.template.macroenabled.12"),
            Map.entry("application/vnd.ms-powerpoint.addin.macroenabled.main+xml",
                    "application/vnd.ms-powerpoint.addin.macroenabled.12"),
            Map.entry("application/vnd.ms-word.document.macroenabled.main+xml",
                    "application/vnd.ms-word.document.macroenabled.12"),
            Map.entry("application/vnd.ms-word.template.macroenabledtemplate.main+xml",
                    "application/vnd.ms-word.template.macroenabled.12"),
            Map.entry("application/vnd.ms-excel.sheet.macroenabled.main+xml",
                    "application/vnd.ms-excel.sheet.macroenabled.12"),
            Map.entry("application/vnd.ms-excel.template.macroenabled.main+xml",
                    "application/vnd.ms-excel.template.macroenabled.12"),
            Map.entry("application/vnd.ms-excel.addin.macroenabled.main+xml",
                    "application/vnd.ms-excel.addin.macroenabled.12"),
            Map.entry("application/vnd.ms-excel.sheet.binary.macroenabled.main",
                    "application/vnd.ms-excel.sheet.binary.macroenabled.12"));

    private MediaTypes() {
    }

    /** The file's media type for an Office package whose main part has this content type. */
    static String forOoxmlMainPart(String mainPartContentType) {
        if (mainPartContentType == null) {
            return OOXML_UNKNOWN;
        }
        return OOXML_BY_MAIN_PART.getOrDefault(mainPartContentType.toLowerCase(Locale.ROOT), OOXML_UNKNOWN);
    }

    /** Word, Excel and PowerPoint all name their macro-carrying variants this way. */
    static boolean isMacroEnabledMainPart(String mainPartContentType) {
        return mainPartContentType != null && mainPartContentType.toLowerCase(Locale.ROOT).contains("macroenabled");
    }
}
