package org.cairn.notifications;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The world outside the service, for its tests: a real SMTP server (GreenMail) the mail is read back
 * from, and a WireMock server standing in for the SMS and push providers' HTTP APIs. Both on free
 * ports, started once for the test run.
 */
public class Providers implements QuarkusTestResourceLifecycleManager {

    public static GreenMail mail;
    public static WireMockServer http;

    @Override
    public Map<String, String> start() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        http = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        http.start();
        String base = "http://127.0.0.1:" + http.port();
        return Map.of(
                "quarkus.mailer.port",
                String.valueOf(mail.getSmtp().getPort()),
                "quarkus.mailer.host",
                "127.0.0.1",
                "notifications.sms.url",
                base + "/sms/",
                "notifications.push.url",
                base + "/push/");
    }

    @Override
    public void stop() {
        if (mail != null) {
            mail.stop();
        }
        if (http != null) {
            http.stop();
        }
    }
}
