package se.council.hub.intake.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hub's policy for trusting the sender of a mail, decided from the
 * {@code Authentication-Results} headers that the receiving servers stamped on it.
 *
 * <p>Only headers whose authserv-id is in {@code trustedAuthservIds} count: anyone can write an
 * Authentication-Results header into the mail they send, so a header from an unknown server
 * proves nothing. An empty set counts every header — convenient for a mailbox without a
 * filtering server in front, but then a forged "pass" can hide a missing verdict (never a real
 * "fail", since any counted failure wins).
 *
 * <p>Per counted header:
 * <ul>
 *   <li><b>FAIL</b> when dmarc=fail, or when DKIM and SPF both failed: dkim=fail together with
 *       spf=fail or spf=softfail. A softfail alone is only the domain's "probably not", and many
 *       legitimate forwarders produce it, so it counts as failing only when the DKIM signature
 *       failed too. DKIM permerror/temperror and SPF neutral/none/temperror/permerror are not
 *       failures: they say nothing about who sent the mail.</li>
 *   <li><b>PASS</b> when dmarc=pass, or dkim=pass or spf=pass (with no dmarc=fail).</li>
 *   <li>otherwise no verdict.</li>
 * </ul>
 * Over all counted headers, any FAIL wins, then any PASS; with no counted header (or none with a
 * verdict) the outcome is NONE — which becomes FAIL when {@code requireAuthenticatedSender}.
 */
public final class SenderVerification {

    /** What the hub concludes about the sender. */
    public enum Outcome { PASS, NONE, FAIL }

    /**
     * The conclusion with a short reason a person can read, e.g. {@code "dmarc=fail (mx.council.example)"}.
     */
    public record Verdict(Outcome outcome, String summary) {
    }

    private final Set<String> trustedAuthservIds;
    private final boolean requireAuthenticatedSender;

    public SenderVerification(Set<String> trustedAuthservIds, boolean requireAuthenticatedSender) {
        this.trustedAuthservIds = trustedAuthservIds == null ? Set.of()
                : trustedAuthservIds.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.requireAuthenticatedSender = requireAuthenticatedSender;
    }

    public Verdict verify(List<String> authenticationResultsHeaderValues) {
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        int counted = 0;
        for (String value : authenticationResultsHeaderValues == null ? List.<String>of() : authenticationResultsHeaderValues) {
            AuthenticationResults ar = AuthenticationResults.parse(value);
            if (ar.authservId().isEmpty()) {
                continue;
            }
            if (!trustedAuthservIds.isEmpty() && !trustedAuthservIds.contains(ar.authservId())) {
                ignored.add(ar.authservId());
                continue;
            }
            counted++;
            String dkim = ar.resultOf("dkim");
            String spf = ar.resultOf("spf");
            String dmarc = ar.resultOf("dmarc");
            String by = " (" + ar.authservId() + ")";
            if ("fail".equals(dmarc)) {
                failures.add("dmarc=fail" + by);
            } else if ("fail".equals(dkim) && ("fail".equals(spf) || "softfail".equals(spf))) {
                failures.add("dkim=fail spf=" + spf + by);
            } else if ("pass".equals(dmarc)) {
                passes.add("dmarc=pass" + by);
            } else if ("pass".equals(dkim)) {
                passes.add("dkim=pass" + by);
            } else if ("pass".equals(spf)) {
                passes.add("spf=pass" + by);
            }
        }
        if (!failures.isEmpty()) {
            return new Verdict(Outcome.FAIL, String.join("; ", failures));
        }
        if (!passes.isEmpty()) {
            return new Verdict(Outcome.PASS, passes.get(0));
        }
        String why = counted == 0
                ? "no Authentication-Results from a trusted server"
                        + (ignored.isEmpty() ? "" : " (ignored: " + String.join(", ", ignored) + ")")
                : "no authentication method passed";
        return requireAuthenticatedSender
                ? new Verdict(Outcome.FAIL, "no authenticated result: " + why)
                : new Verdict(Outcome.NONE, why);
    }
}
