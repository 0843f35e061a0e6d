package org.cairn.contracts.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the CloudEvents type of an event record and the topic it travels on. Type names are past
 * tense and versioned ({@code cairn.client.registered.v1}); a breaking change is a new record with a
 * new {@code .vN} name, never an edit of an existing one. The record's JSON Schema lives at
 * {@code /schemas/<name>.schema.json}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    String name();

    String topic();
}
