package org.cairn.referrals;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import org.cairn.contracts.vocabulary.Urgency;

/** The referrals service's own settings ({@code referrals.*}). */
@ConfigMapping(prefix = "referrals")
public interface ReferralsConfig {

    Sla sla();

    Directory directory();

    /** How long a receiving agency has to accept or reject a referral before it is escalated. */
    interface Sla {

        @WithDefault("PT72H")
        Duration routine();

        @WithDefault("PT24H")
        Duration urgent();

        @WithDefault("PT4H")
        Duration emergency();

        /** How often overdue referrals are looked for. */
        @WithDefault("PT30S")
        Duration checkEvery();

        default Duration of(Urgency urgency) {
            return switch (urgency) {
                case ROUTINE -> routine();
                case URGENT -> urgent();
                case EMERGENCY -> emergency();
            };
        }
    }

    interface Directory {

        /** The network's time zone: opening hours are read in it ("open now"). */
        @WithDefault("America/Chicago")
        ZoneId timeZone();
    }
}
