package se.council.hub.notice;

/** Ordinal numbers as the council writes them: "rådets artonde möte", "the council's 18th meeting". */
public final class Ordinals {

    private static final String[] UNITS = {"", "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde",
        "åttonde", "nionde"};
    private static final String[] TEENS = {"tionde", "elfte", "tolfte", "trettonde", "fjortonde", "femtonde",
        "sextonde", "sjuttonde", "artonde", "nittonde"};
    private static final String[] TENS = {"", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio",
        "åttio", "nittio"};

    private Ordinals() {
    }

    /** Swedish ordinal in words up to 99 ("nittonde"), else numeric ("112:e", "101:a"). */
    public static String swedish(int n) {
        if (n >= 1 && n <= 9) {
            return UNITS[n];
        }
        if (n >= 10 && n <= 19) {
            return TEENS[n - 10];
        }
        if (n >= 20 && n <= 99) {
            return n % 10 == 0 ? TENS[n / 10] + "nde" : TENS[n / 10] + UNITS[n % 10];
        }
        int lastTwo = n % 100;
        boolean a = (n % 10 == 1 || n % 10 == 2) && lastTwo != 11 && lastTwo != 12;
        return n + (a ? ":a" : ":e");
    }

    /** English numeric ordinal ("19th", "21st", "112th"). */
    public static String english(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
