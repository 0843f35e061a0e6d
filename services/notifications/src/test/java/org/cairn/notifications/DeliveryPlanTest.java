package org.cairn.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cairn.contracts.vocabulary.NotificationChannel;
import org.cairn.notifications.service.Deliveries;
import org.cairn.notifications.service.DeliveryPlan;
import org.cairn.notifications.service.Recipient;
import org.junit.jupiter.api.Test;

/** Which deliveries a notification gets, and when: quiet hours, crises, digests, consent, safety. */
class DeliveryPlanTest {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final Set<NotificationChannel> ALL =
            Set.of(NotificationChannel.EMAIL, NotificationChannel.SMS, NotificationChannel.PUSH);
    static final List<NotificationChannel> EVERY = List.of(
            NotificationChannel.IN_APP, NotificationChannel.EMAIL, NotificationChannel.SMS, NotificationChannel.PUSH);

    static Instant at(int hour, int minute) {
        return ZonedDateTime.of(2026, 12, 2, hour, minute, 0, 0, CHICAGO).toInstant();
    }

    static Recipient staff(LocalTime quietStart, LocalTime quietEnd, boolean digest) {
        return new Recipient(
                "staff",
                "u1",
                "riverbend-hospital",
                "en",
                Map.of(NotificationChannel.EMAIL, "a@b.example", NotificationChannel.SMS, "+15550100000"),
                CHICAGO,
                quietStart,
                quietEnd,
                digest,
                true,
                null);
    }

    @Test
    void quietHoursRunningPastMidnight_endNextMorning_orThisMorning() {
        LocalTime start = LocalTime.of(21, 0);
        LocalTime end = LocalTime.of(7, 0);
        assertThat(DeliveryPlan.quietEnd(at(23, 15), CHICAGO, start, end))
                .contains(ZonedDateTime.of(2026, 12, 3, 7, 0, 0, 0, CHICAGO).toInstant());
        assertThat(DeliveryPlan.quietEnd(at(5, 0), CHICAGO, start, end)).contains(at(7, 0));
        assertThat(DeliveryPlan.quietEnd(at(12, 0), CHICAGO, start, end)).isEmpty();
        assertThat(DeliveryPlan.quietEnd(at(21, 0), CHICAGO, start, end)).isPresent();
        assertThat(DeliveryPlan.quietEnd(at(7, 0), CHICAGO, start, end)).isEmpty();
        assertThat(DeliveryPlan.quietEnd(at(13, 0), CHICAGO, LocalTime.of(12, 0), LocalTime.of(14, 0)))
                .contains(at(14, 0));
    }

    @Test
    void routineNews_waitsOutQuietHours_aCrisisDoesNot_inAppNeverWaits() {
        Recipient r = staff(LocalTime.of(21, 0), LocalTime.of(7, 0), false);
        Instant now = at(23, 0);
        List<DeliveryPlan.Planned> routine =
                DeliveryPlan.plan(r, EVERY, NotificationUrgency.ROUTINE, now, ALL, LocalTime.of(7, 0));
        assertThat(routine)
                .extracting(DeliveryPlan.Planned::channel)
                .containsExactly(NotificationChannel.IN_APP, NotificationChannel.EMAIL, NotificationChannel.SMS);
        assertThat(routine.get(0).status()).isEqualTo("delivered");
        assertThat(routine.get(1).dueAt())
                .isEqualTo(ZonedDateTime.of(2026, 12, 3, 7, 0, 0, 0, CHICAGO).toInstant());

        List<DeliveryPlan.Planned> crisis =
                DeliveryPlan.plan(r, EVERY, NotificationUrgency.CRISIS, now, ALL, LocalTime.of(7, 0));
        assertThat(crisis.subList(1, 3)).allSatisfy(p -> assertThat(p.dueAt()).isEqualTo(now));
    }

    @Test
    void aDigest_holdsRoutineEmailOnly_untilItsHour() {
        Recipient r = staff(null, null, true);
        Instant now = at(9, 30);
        List<DeliveryPlan.Planned> routine =
                DeliveryPlan.plan(r, EVERY, NotificationUrgency.ROUTINE, now, ALL, LocalTime.of(7, 0));
        DeliveryPlan.Planned email = routine.stream()
                .filter(p -> p.channel() == NotificationChannel.EMAIL)
                .findFirst()
                .orElseThrow();
        assertThat(email.digest()).isTrue();
        assertThat(email.dueAt())
                .isEqualTo(ZonedDateTime.of(2026, 12, 3, 7, 0, 0, 0, CHICAGO).toInstant());
        assertThat(DeliveryPlan.plan(r, EVERY, NotificationUrgency.URGENT, now, ALL, LocalTime.of(7, 0)))
                .noneMatch(DeliveryPlan.Planned::digest);
    }

    @Test
    void aClient_isReachedOnlyOnChannelsTheyAgreedTo_andNotAtAllWhenItIsNotSafe() {
        Map<NotificationChannel, String> both =
                Map.of(NotificationChannel.EMAIL, "c@d.example", NotificationChannel.SMS, "+15550100001");
        Recipient agreedSms = new Recipient(
                "client", "c1", "a", "es", both, CHICAGO, null, null, false, true, Set.of(NotificationChannel.SMS));
        assertThat(DeliveryPlan.plan(agreedSms, EVERY, NotificationUrgency.ROUTINE, at(10, 0), ALL, LocalTime.NOON))
                .extracting(DeliveryPlan.Planned::channel)
                .containsExactly(NotificationChannel.SMS);

        Recipient unsafe = new Recipient(
                "client", "c1", "a", "es", both, CHICAGO, null, null, false, false, Set.of(NotificationChannel.SMS));
        List<DeliveryPlan.Planned> none =
                DeliveryPlan.plan(unsafe, EVERY, NotificationUrgency.CRISIS, at(10, 0), ALL, LocalTime.NOON);
        assertThat(none).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("undeliverable");
            assertThat(p.reason()).isEqualTo("not-safe-to-contact");
        });

        Recipient unreachable =
                new Recipient("client", "c2", "a", "en", Map.of(), CHICAGO, null, null, false, true, Set.of());
        assertThat(DeliveryPlan.plan(unreachable, EVERY, NotificationUrgency.ROUTINE, at(10, 0), ALL, LocalTime.NOON))
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo("no-usable-channel"));
    }

    @Test
    void aChannelWithoutAProvider_isNotPlanned() {
        Recipient r = staff(null, null, false);
        assertThat(DeliveryPlan.plan(
                        r,
                        EVERY,
                        NotificationUrgency.CRISIS,
                        at(10, 0),
                        Set.of(NotificationChannel.EMAIL),
                        LocalTime.NOON))
                .extracting(DeliveryPlan.Planned::channel)
                .containsExactly(NotificationChannel.IN_APP, NotificationChannel.EMAIL);
    }

    @Test
    void retries_backOffDoubling_upToTheCeiling() {
        Duration first = Duration.ofSeconds(10);
        Duration max = Duration.ofMinutes(15);
        assertThat(Deliveries.backoff(1, first, max)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Deliveries.backoff(2, first, max)).isEqualTo(Duration.ofSeconds(20));
        assertThat(Deliveries.backoff(4, first, max)).isEqualTo(Duration.ofSeconds(80));
        assertThat(Deliveries.backoff(30, first, max)).isEqualTo(max);
    }
}
