package se.council.hub.attendance;

/** A participant's answer to an invitation, as iCalendar's PARTSTAT names it (RFC 5545 3.2.12). */
public enum PartStat {
    NEEDS_ACTION("NEEDS-ACTION"), ACCEPTED("ACCEPTED"), DECLINED("DECLINED"), TENTATIVE("TENTATIVE"),
    DELEGATED("DELEGATED");

    private final String value;

    PartStat(String value) {
        this.value = value;
    }

    /** The iCalendar spelling, "NEEDS-ACTION". */
    public String value() {
        return value;
    }

    /** The PARTSTAT of an iCalendar value, case-insensitive. */
    public static PartStat of(String value) {
        for (PartStat p : values()) {
            if (p.value.equalsIgnoreCase(value.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown PARTSTAT " + value);
    }
}
