package org.cairn.journey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/** A Server-Sent Events stream read line by line in the background, until closed. */
final class LiveStream implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();

    private LiveStream() {}

    /**
     * Opens the stream and gives the service two seconds to subscribe it to new items. (It sends its
     * response headers with its first item, not before, so there is no earlier sign to wait for.)
     */
    static LiveStream open(String url, String token) throws InterruptedException {
        LiveStream stream = new LiveStream();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build();
        HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(stream.subscriber()));
        Thread.sleep(2_000);
        return stream;
    }

    List<String> lines() {
        return lines;
    }

    private Flow.Subscriber<String> subscriber() {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                lines.add(line);
            }

            @Override
            public void onError(Throwable failure) {
                lines.add("error: " + failure);
            }

            @Override
            public void onComplete() {
                lines.add("end");
            }
        };
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription.get();
        if (s != null) {
            s.cancel();
        }
    }
}
