package org.cairn.platform.rest;

import java.net.URI;
import org.jboss.resteasy.reactive.RestResponse;

/** The answers resources give alike. */
public final class Responses {

    private Responses() {}

    /** 201 Created with the new resource's address and its representation. */
    public static <T> RestResponse<T> created(String location, T entity) {
        return RestResponse.ResponseBuilder.<T>created(URI.create(location))
                .entity(entity)
                .build();
    }
}
