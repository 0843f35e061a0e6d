package org.cairn.notifications.service;

/**
 * What a message template may show: a link to sign in and look, a time in the recipient's zone and
 * language, and a code or count. Nothing that names the client or says what the service is.
 *
 * @param link where to sign in and see the details
 * @param when a time, formatted for the recipient (an appointment's start, an answer's deadline), or null
 * @param detail a code that qualifies the occasion (a severity, an outcome, an appointment kind), or null
 * @param count a number the occasion carries (no-shows, a plan's version, accesses), or 0
 * @param mode how an appointment is held ({@code in-person}, {@code phone}, {@code video}), or null
 * @param urgent whether the notification is urgent or a crisis
 * @param forClient whether it goes to the client (no link to sign in: clients have no account)
 */
public record MessageData(
        String link, String when, String detail, int count, String mode, boolean urgent, boolean forClient) {}
