package org.cairn.platform.idempotency;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST resource method (returning {@code Uni}) as honouring the {@code Idempotency-Key}
 * header: a retry with the same key and the same body gets the first response again, without a
 * second effect; the same key with another body is refused with 422. Without the header the method
 * runs as usual.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Idempotent {}
