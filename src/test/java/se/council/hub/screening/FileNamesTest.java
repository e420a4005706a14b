package se.council.hub.screening;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamesTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    // --- RFC 2047 -------------------------------------------------------------------------------

    @Test
    void decodesIso88591QuotedPrintableWord() {
        assertThat(FileNames.decode("=?ISO-8859-1?Q?L=E4gesrapport_Q4.pptx?="))
                .isEqualTo("Lägesrapport Q4.pptx");
    }

    @Test
    void decodesWindows1252Base64WordWithTypographicCharacters() {
        String name = "Lägesrapport – “slutlig” €.pptx";
        String word = "=?windows-1252?B?" + Base64.getEncoder().encodeToString(name.getBytes(WINDOWS_1252)) + "?=";

        assertThat(FileNames.decode(word)).isEqualTo(name);
    }

    @Test
    void decodesIso88591LabelOnWindows1252BytesAsWindows1252() {
        // Outlook labels the en dash (0x96) as ISO-8859-1, where it would be a C1 control character.
        assertThat(FileNames.decode("=?iso-8859-1?Q?R=E5dsm=F6te_=96_protokoll.pdf?="))
                .isEqualTo("Rådsmöte – protokoll.pdf");
    }

    @Test
    void decodesUtf8SplitMidCharacterAcrossBase64Words() {
        String name = "Protokoll för mötet i Göteborg.pptx";
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        int insideFirstO = indexOf(utf8, "ö".getBytes(StandardCharsets.UTF_8)) + 1;
        int insideSecondO = indexOf(utf8, "Gö".getBytes(StandardCharsets.UTF_8)) + 2;
        String header = bWord(Arrays.copyOfRange(utf8, 0, insideFirstO)) + "\r\n "
                + bWord(Arrays.copyOfRange(utf8, insideFirstO, insideSecondO)) + "\r\n\t"
                + bWord(Arrays.copyOfRange(utf8, insideSecondO, utf8.length));

        assertThat(FileNames.decode(header)).isEqualTo(name);
    }

    @Test
    void decodesUtf8SplitMidCharacterAcrossQWords() {
        assertThat(FileNames.decode("=?UTF-8?Q?G=C3?= =?UTF-8?Q?=B6teborg.pdf?=")).isEqualTo("Göteborg.pdf");
    }

    @Test
    void decodesSeveralWordsInDifferentCharsetsDroppingBlanksBetweenThem() {
        String raw = "=?ISO-8859-1?Q?R=E5d?= =?UTF-8?B?" + base64("smöte ") + "?= =?utf-8?q?2025.pptx?=";

        assertThat(FileNames.decode(raw)).isEqualTo("Rådsmöte 2025.pptx");
    }

    @Test
    void keepsPlainTextAroundEncodedWords() {
        assertThat(FileNames.decode("Rapport =?UTF-8?Q?f=C3=B6r?= mars.pptx")).isEqualTo("Rapport för mars.pptx");
    }

    @Test
    void decodesEncodedWordGluedToPlainText() {
        assertThat(FileNames.decode("Rapport_=?UTF-8?Q?f=C3=B6r?=.pptx")).isEqualTo("Rapport_för.pptx");
    }

    @Test
    void decodesBase64WordWithoutPadding() {
        assertThat(FileNames.decode("=?UTF-8?B?TMOkZ2VzcmFwcG9ydA?=")).isEqualTo("Lägesrapport");
    }

    @Test
    void decodesQWordWithLowerCaseHexAndCharsetLanguageSuffix() {
        assertThat(FileNames.decode("=?utf-8*sv?q?m=c3=b6te.pdf?=")).isEqualTo("möte.pdf");
    }

    @Test
    void decodesUtf8LabelledWordHoldingLatin1Bytes() {
        assertThat(FileNames.decode("=?UTF-8?Q?L=E4gesrapport.pptx?=")).isEqualTo("Lägesrapport.pptx");
    }

    @Test
    void decodesWordInUnknownCharsetAsUtf8() {
        assertThat(FileNames.decode("=?x-unknown-charset?Q?m=C3=B6te.pdf?=")).isEqualTo("möte.pdf");
    }

    @Test
    void leavesAlreadyDecodedTextUntouched() {
        String decoded = "Lägesrapport Q4 =? ?= (slutlig).pptx";

        assertThat(FileNames.decode(decoded)).isSameAs(decoded);
        assertThat(FileNames.decode(null)).isNull();
    }

    // --- RFC 2231 -------------------------------------------------------------------------------

    @Test
    void decodesRfc2231ExtendedValue() {
        assertThat(FileNames.decodeRfc2231("UTF-8''L%C3%A4gesrapport%20Q4.pptx")).isEqualTo("Lägesrapport Q4.pptx");
        assertThat(FileNames.decodeRfc2231("iso-8859-1'sv'R%E5d.pdf")).isEqualTo("Råd.pdf");
        assertThat(FileNames.decodeRfc2231("no-apostrophes.pdf")).isEqualTo("no-apostrophes.pdf");
    }

    @Test
    void joinsRfc2231ContinuationsSplitInsideCharacter() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("FILENAME*1*", "%B6r%20m%C3%B6tet");
        parameters.put("filename*0*", "UTF-8''Protokoll%20f%C3");
        parameters.put("filename*2", " i Göteborg.pdf");

        assertThat(FileNames.decodeRfc2231(parameters, "filename")).isEqualTo("Protokoll för mötet i Göteborg.pdf");
    }

    @Test
    void prefersExtendedParameterAndFallsBackToPlainOrEncodedWord() {
        assertThat(FileNames.decodeRfc2231(Map.of("filename*", "UTF-8''%C3%85tg%C3%A4rder.xlsx"), "filename"))
                .isEqualTo("Åtgärder.xlsx");
        assertThat(FileNames.decodeRfc2231(Map.of("filename", "\"=?UTF-8?Q?=C3=85tg=C3=A4rder.xlsx?=\""), "filename"))
                .isEqualTo("Åtgärder.xlsx");
        assertThat(FileNames.decodeRfc2231(Map.of("name", "x.pdf"), "filename")).isNull();
    }

    // --- safe display names ---------------------------------------------------------------------

    @Test
    void keepsOnlyFinalPathComponent() {
        assertThat(FileNames.safeDisplayName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.safeDisplayName("C:\\Users\\x\\Lägesrapport Q4.pptx")).isEqualTo("Lägesrapport Q4.pptx");
        assertThat(FileNames.safeDisplayName("rapporter/2025/")).isEqualTo("2025");
        assertThat(FileNames.safeDisplayName("C:Lägesrapport.pptx")).isEqualTo("Lägesrapport.pptx");
    }

    @Test
    void keepsSwedishAndOtherLettersExactly() {
        String name = "åäöÅÄÖé – Ærø Łódź 東京 📊.pptx";

        assertThat(FileNames.safeDisplayName(name)).isEqualTo(name);
    }

    @Test
    void keepsDecomposedLettersAsDecomposedBytes() {
        String nfd = Normalizer.normalize("Sammanställning för rådet.pdf", Normalizer.Form.NFD);

        String safe = FileNames.safeDisplayName(nfd);

        assertThat(safe.getBytes(StandardCharsets.UTF_8)).isEqualTo(nfd.getBytes(StandardCharsets.UTF_8));
        assertThat(safe).isNotEqualTo(Normalizer.normalize(nfd, Normalizer.Form.NFC));
    }

    @Test
    void removesControlAndBidiFormattingCharacters() {
        assertThat(FileNames.safeDisplayName("Rapport\u0000\r\n\t\u0085.pdf")).isEqualTo("Rapport.pdf");
        // U+202E would make "faktura\u202Etxt.exe" display as "fakturaexe.txt".
        assertThat(FileNames.safeDisplayName("faktura\u202Etxt.exe")).isEqualTo("fakturatxt.exe");
    }

    @Test
    void replacesCharactersWindowsForbids() {
        assertThat(FileNames.safeDisplayName("Q4: <status> \"klar\" | ja? *.pptx"))
                .isEqualTo("Q4_ _status_ _klar_ _ ja_ _.pptx");
    }

    @Test
    void removesLeadingDotsAndTrailingDotsAndBlanks() {
        assertThat(FileNames.safeDisplayName("...hidden.pptx")).isEqualTo("hidden.pptx");
        assertThat(FileNames.safeDisplayName("  . .htaccess")).isEqualTo("htaccess");
        assertThat(FileNames.safeDisplayName("rapport.pptx. . ")).isEqualTo("rapport.pptx");
    }

    @Test
    void prefixesWindowsDeviceNames() {
        assertThat(FileNames.safeDisplayName("CON.pptx")).isEqualTo("_CON.pptx");
        assertThat(FileNames.safeDisplayName("lpt1")).isEqualTo("_lpt1");
        assertThat(FileNames.safeDisplayName("CONTROL.pptx")).isEqualTo("CONTROL.pptx");
    }

    @Test
    void shortensLongNamesKeepingTheExtension() {
        String name = "å".repeat(300) + ".pptx";

        String safe = FileNames.safeDisplayName(name);

        assertThat(safe.codePointCount(0, safe.length())).isEqualTo(150);
        assertThat(safe).isEqualTo("å".repeat(145) + ".pptx");
    }

    @Test
    void shortensWithoutSplittingLetterFromItsCombiningMark() {
        String decomposedA = "a\u030A";
        String name = decomposedA.repeat(100) + ".pdf";

        String safe = FileNames.safeDisplayName(name);

        assertThat(safe.codePointCount(0, safe.length())).isLessThanOrEqualTo(150);
        assertThat(safe).isEqualTo(decomposedA.repeat(73) + ".pdf");
    }

    @Test
    void shortensWithoutSplittingSurrogatePairs() {
        String name = "📊".repeat(200);

        String safe = FileNames.safeDisplayName(name);

        assertThat(safe).isEqualTo("📊".repeat(150));
    }

    @Test
    void fallsBackWhenNothingUsableRemains() {
        assertThat(FileNames.safeDisplayName(null)).isEqualTo("attachment");
        assertThat(FileNames.safeDisplayName("")).isEqualTo("attachment");
        assertThat(FileNames.safeDisplayName("   ")).isEqualTo("attachment");
        assertThat(FileNames.safeDisplayName("...")).isEqualTo("attachment");
        assertThat(FileNames.safeDisplayName("///")).isEqualTo("attachment");
        assertThat(FileNames.safeDisplayName("\u0000\u0001")).isEqualTo("attachment");
    }

    @Test
    void decodedOutlookHeaderBecomesSafeName() {
        String raw = "=?UTF-8?B?" + base64("..\\..\\Lägesrapport: Q4.pptx") + "?=";

        assertThat(FileNames.safeDisplayName(FileNames.decode(raw))).isEqualTo("Lägesrapport_ Q4.pptx");
    }

    private static String bWord(byte[] bytes) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
