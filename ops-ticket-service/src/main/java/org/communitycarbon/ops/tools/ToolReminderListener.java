package org.communitycarbon.ops.tools;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.recycling.ToolReturnOverdue;
import org.communitycarbon.model.recycling.ToolTopics;
import org.communitycarbon.ops.notification.Audience;
import org.communitycarbon.ops.notification.NotificationKind;
import org.communitycarbon.ops.notification.Notifications;
import org.communitycarbon.support.messaging.InboundEvents;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the recycling service's overdue reminders and puts each, once (the notice's id derives from the reminder's
 * event id), in the inbox of the household's residents, in Chinese and English.
 */
@Component
class ToolReminderListener {

    private final InboundEvents inbound;
    private final Notifications notifications;
    private final TransactionTemplate transactions;

    ToolReminderListener(InboundEvents inbound, Notifications notifications, TransactionTemplate transactions) {
        this.inbound = inbound;
        this.notifications = notifications;
        this.transactions = transactions;
    }

    @KafkaListener(topics = ToolTopics.TOOL_REMINDERS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, ToolReturnOverdue.class, ToolReminderListener::check, this::notify);
    }

    private void notify(List<ToolReturnOverdue> reminders) {
        transactions.executeWithoutResult(status -> reminders.forEach(this::notice));
    }

    private void notice(ToolReturnOverdue reminder) {
        Map<String, String> details = new TreeMap<>();
        details.put("bookingId", reminder.bookingId().toString());
        details.put("toolId", reminder.toolId().toString());
        details.put("toolName", reminder.toolName());
        details.put("dueAt", reminder.dueAt().toString());
        details.put("day", reminder.day().toString());
        details.put("daysOverdue", Integer.toString(reminder.daysOverdue()));
        notifications.add(EventIds.derived(reminder.eventId(), "tool-overdue-notice"),
                Audience.household(reminder.communityId(), reminder.householdId()), NotificationKind.TOOL_OVERDUE,
                "请归还借用的工具 Please return the shared tool: " + reminder.toolName(),
                "您借用的“" + reminder.toolName() + "”已于 " + reminder.dueAt() + " 到期，请尽快归还物业服务中心（逾期第 "
                        + reminder.daysOverdue() + " 天）。The '" + reminder.toolName() + "' your household borrowed was due back at "
                        + reminder.dueAt() + "; please return it to the property office (day " + reminder.daysOverdue()
                        + " overdue). Your deposit is released when it is back.",
                null, details, reminder.occurredAt());
    }

    /** What a notice uses: the envelope, the household, the booking, the tool, when it was due, the day and its count. */
    static void check(ToolReturnOverdue reminder) {
        Require.readable(reminder.eventId(), reminder.communityId(), reminder.occurredAt());
        Require.identifier(reminder.householdId(), "householdId");
        Require.present(reminder.bookingId(), "bookingId");
        Require.present(reminder.toolId(), "toolId");
        Require.text(reminder.toolName(), "toolName", 100);
        Require.present(reminder.dueAt(), "dueAt");
        Require.present(reminder.day(), "day");
    }

    /** The topic read, with its dead-letter topic, declared so the service can start before the recycling service. */
    @Bean
    static KafkaAdmin.NewTopics toolReminderReads(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(), List.of(ToolTopics.TOOL_REMINDERS));
    }
}
