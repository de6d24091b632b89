package org.communitycarbon.model.recycling;

import java.util.List;

/**
 * Credits the recycling service asks the credits service to move, and what became of each request; both keyed by
 * community id, so a community's requests and outcomes keep their order. The documentation test that covers them
 * lives with the recycling service, their first producer and last consumer.
 */
public final class CreditRequestTopics {

    /** {@link CreditRequested}: hold, release or forfeit a tool deposit, or transfer an exchange's asking credits. */
    public static final String CREDIT_REQUESTS = "recycling.credit-requests";

    /** {@link CreditRequestDecided}: the credits service applied or refused a request, once per request. */
    public static final String CREDIT_REQUEST_OUTCOMES = "credits.credit-request-outcomes";

    /** Every topic here. */
    public static final List<String> ALL = List.of(CREDIT_REQUESTS, CREDIT_REQUEST_OUTCOMES);

    private CreditRequestTopics() {
    }
}
