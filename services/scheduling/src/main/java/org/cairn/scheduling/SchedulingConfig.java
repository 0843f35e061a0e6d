package org.cairn.scheduling;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** The scheduling service's own settings ({@code scheduling.*}). */
@ConfigMapping(prefix = "scheduling")
public interface SchedulingConfig {

    /** The network's time zone: working hours of staff who set none, and proposed appointments, are in it. */
    @WithDefault("America/Chicago")
    ZoneId timeZone();

    Reminders reminders();

    NoShows noShows();

    Proposals proposals();

    Feeds feeds();

    interface Reminders {

        /** How often due reminders are looked for. */
        @WithDefault("PT15S")
        Duration checkEvery();

        /** How long before the start an appointment booked without reminders reminds client and staff. */
        @WithDefault("PT24H,PT1H")
        List<Duration> defaults();
    }

    interface NoShows {

        /** This many no-shows of a case's client within {@link #window()} flag the case for outreach. */
        @WithDefault("3")
        int threshold();

        @WithDefault("P90D")
        Duration window();
    }

    /** Appointments the suite's events propose (a plan's review, an accepted referral's intake). */
    interface Proposals {

        @WithDefault("PT1H")
        Duration length();

        /** The local time (network's zone) a proposal starts at when no free slot is known. */
        @WithDefault("10:00")
        LocalTime at();
    }

    interface Feeds {

        /** How far back and ahead a calendar feed reaches. */
        @WithDefault("P30D")
        Duration past();

        @WithDefault("P400D")
        Duration ahead();
    }
}
