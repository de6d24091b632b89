package org.communitycarbon.ops.reports;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFiguresPublished;
import org.communitycarbon.model.reports.ReportTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** Reads every service's monthly figures into {@link ReceivedFigures}. */
@Component
class MonthlyFiguresListener {

    /** What a figure's value may be: what its column holds, {@code numeric(19, 6)}. */
    private static final BigDecimal MAX_VALUE = new BigDecimal("1000000000000");

    private final InboundEvents inbound;
    private final ReceivedFigures received;

    MonthlyFiguresListener(InboundEvents inbound, ReceivedFigures received) {
        this.inbound = inbound;
        this.received = received;
    }

    @KafkaListener(topics = ReportTopics.MONTHLY_FIGURES)
    void onFigures(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, MonthlyFiguresPublished.class, MonthlyFiguresListener::check, received::record);
    }

    /** What the reports use of a publication; unknown figure names are kept and shown as they are. */
    static void check(MonthlyFiguresPublished event) {
        Require.readable(event.eventId(), event.communityId(), event.occurredAt());
        Require.present(event.source(), "source");
        try {
            YearMonth month = YearMonth.parse(Require.present(event.month(), "month"));
            if (month.getYear() < 2000 || month.getYear() > 2999) {
                throw new ContractViolation("month", "must be between 2000-01 and 2999-12");
            }
        }
        catch (DateTimeParseException e) {
            throw new ContractViolation("month", "must be a month like 2026-11");
        }
        try {
            ZoneId.of(Require.text(event.zone(), "zone", 64));
        }
        catch (DateTimeException e) {
            throw new ContractViolation("zone", "is not a known time zone");
        }
        if (event.revision() < 1) {
            throw new ContractViolation("revision", "must be at least 1, was " + event.revision());
        }
        List<MonthlyFigure> figures = Require.present(event.figures(), "figures");
        if (figures.size() > MonthlyFiguresPublished.MAX_FIGURES) {
            throw new ContractViolation("figures", "must hold at most " + MonthlyFiguresPublished.MAX_FIGURES + " figures");
        }
        for (int i = 0; i < figures.size(); i++) {
            MonthlyFigure figure = Require.present(figures.get(i), "figures[" + i + "]");
            Require.text(figure.name(), "figures[" + i + "].name", 120);
            Require.decimal(figure.value(), "figures[" + i + "].value", BigDecimal.ZERO, MAX_VALUE, 6);
            Require.present(figure.unit(), "figures[" + i + "].unit");
        }
    }

    /** The topic read, with its dead-letter topic, declared so the service can start before the others. */
    @Bean
    static KafkaAdmin.NewTopics monthlyFiguresReads(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(), List.of(ReportTopics.MONTHLY_FIGURES));
    }
}
