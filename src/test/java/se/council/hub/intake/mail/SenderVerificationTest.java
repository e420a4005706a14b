package se.council.hub.intake.mail;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static se.council.hub.intake.mail.Fixtures.mail;

class SenderVerificationTest {

    private static final Set<String> OUR_MX = Set.of("mx.council.example");
    private final MailParser parser = new MailParser();

    @Test
    void parsesMethodsWithCommentsFoldingPropertiesAndAVersion() {
        AuthenticationResults ar = AuthenticationResults.parse("""
                MX.Council.Example 1;\r
                	dkim=pass (2048-bit key; unprotected; a=b) header.d=ivo.example header.s=selector1 header.b="Xq3b;L9";\r
                	spf=softfail (domain of x; does not designate) smtp.mailfrom=anna.lind@ivo.example;dmarc=fail (p=reject dis=none)\r
                 header.from=ivo.example;arc/1=none""");

        assertThat(ar.authservId()).isEqualTo("mx.council.example");
        assertThat(ar.resultOf("dkim")).isEqualTo("pass");
        assertThat(ar.resultOf("spf")).isEqualTo("softfail");
        assertThat(ar.resultOf("dmarc")).isEqualTo("fail");
        assertThat(ar.resultOf("arc")).isEqualTo("none");
        assertThat(ar.resultOf("iprev")).isNull();
        assertThat(ar.resultsFor("dkim").get(0).properties())
                .containsEntry("header.d", "ivo.example").containsEntry("header.b", "Xq3b;L9");
        assertThat(ar.resultsFor("spf").get(0).properties()).containsEntry("smtp.mailfrom", "anna.lind@ivo.example");
    }

    @Test
    void twoDkimSignaturesPassWhenAnyPasses() {
        AuthenticationResults ar = AuthenticationResults.parse(
                "mx.council.example; dkim=fail header.d=relay.example; dkim=pass header.d=ivo.example; spf=fail");
        assertThat(ar.resultOf("dkim")).isEqualTo("pass");
        assertThat(new SenderVerification(OUR_MX, false).verify(List.of(
                "mx.council.example; dkim=fail header.d=relay.example; dkim=pass header.d=ivo.example; spf=fail")))
                .isEqualTo(new SenderVerification.Verdict(SenderVerification.Outcome.PASS, "dkim=pass (mx.council.example)"));
    }

    @Test
    void clientMailWithAllPassingIsPass() {
        ParsedMail mail = parser.parse(mail("outlook-status-update.eml"));
        assertThat(new SenderVerification(OUR_MX, true).verify(mail.authenticationResults()))
                .isEqualTo(new SenderVerification.Verdict(SenderVerification.Outcome.PASS, "dmarc=pass (mx.council.example)"));
    }

    @Test
    void spoofedSenderFailsDmarc() {
        ParsedMail mail = parser.parse(mail("spoofed-sender.eml"));
        assertThat(mail.fromAddress()).isEqualTo("anna.lind@ivo.example");
        assertThat(new SenderVerification(OUR_MX, false).verify(mail.authenticationResults()))
                .isEqualTo(new SenderVerification.Verdict(SenderVerification.Outcome.FAIL, "dmarc=fail (mx.council.example)"));
        assertThat(new SenderVerification(Set.of(), false).verify(mail.authenticationResults()).outcome())
                .isEqualTo(SenderVerification.Outcome.FAIL);
    }

    @Test
    void forgedPassFromAnUntrustedServerIsIgnored() {
        ParsedMail mail = parser.parse(mail("spoofed-forged-results.eml"));
        assertThat(mail.authenticationResults()).hasSize(2);

        assertThat(new SenderVerification(OUR_MX, false).verify(mail.authenticationResults()))
                .isEqualTo(new SenderVerification.Verdict(SenderVerification.Outcome.NONE, "no authentication method passed"));
        assertThat(new SenderVerification(OUR_MX, true).verify(mail.authenticationResults()))
                .isEqualTo(new SenderVerification.Verdict(SenderVerification.Outcome.FAIL,
                        "no authenticated result: no authentication method passed"));
        // Only a forged header and no trusted one at all:
        assertThat(new SenderVerification(OUR_MX, true).verify(List.of(mail.authenticationResults().get(1))))
                .isEqualTo(new SenderVerification.Verdict(SenderVerification.Outcome.FAIL,
                        "no authenticated result: no Authentication-Results from a trusted server (ignored: mx.ivo-secure.example)"));
        // Why the setting matters: counting every header lets the forged pass through.
        assertThat(new SenderVerification(Set.of(), false).verify(mail.authenticationResults()).outcome())
                .isEqualTo(SenderVerification.Outcome.PASS);
    }

    @Test
    void dkimAndSpfBothFailingIsFailButSoftfailAloneIsNot() {
        SenderVerification policy = new SenderVerification(OUR_MX, false);
        assertThat(policy.verify(List.of("mx.council.example; dkim=fail; spf=softfail")))
                .isEqualTo(new SenderVerification.Verdict(SenderVerification.Outcome.FAIL, "dkim=fail spf=softfail (mx.council.example)"));
        assertThat(policy.verify(List.of("mx.council.example; dkim=none; spf=softfail")).outcome())
                .isEqualTo(SenderVerification.Outcome.NONE);
        assertThat(policy.verify(List.of("mx.council.example; dkim=fail; spf=pass")).outcome())
                .isEqualTo(SenderVerification.Outcome.PASS);
        assertThat(policy.verify(List.of("mx.council.example; dkim=pass; dmarc=fail")).outcome())
                .isEqualTo(SenderVerification.Outcome.FAIL);
    }

    @Test
    void noHeaderIsNoneUnlessAuthenticationIsRequired() {
        assertThat(new SenderVerification(OUR_MX, false).verify(List.of()))
                .isEqualTo(new SenderVerification.Verdict(SenderVerification.Outcome.NONE, "no Authentication-Results from a trusted server"));
        assertThat(new SenderVerification(OUR_MX, true).verify(null).outcome()).isEqualTo(SenderVerification.Outcome.FAIL);
    }
}
