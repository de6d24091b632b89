package org.communitycarbon.ops.notification;

import java.util.Map;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.ops.EscalationLevel;
import org.communitycarbon.model.ops.WorkOrderEscalated;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.ops.workorder.Escalations;
import org.springframework.stereotype.Component;

/** Tells the level a work order escalated to, in the escalating transaction: its residents' committee or street office. */
@Component
class EscalationNotices implements Escalations.EscalationListener {

    private final Notifications notifications;

    EscalationNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void escalated(Escalations.Escalation escalation) {
        Role role = escalation.toLevel() == EscalationLevel.STREET_OFFICE ? Role.STREET_OFFICE : Role.RESIDENTS_COMMITTEE;
        String level = escalation.toLevel() == EscalationLevel.STREET_OFFICE ? "street office" : "residents' committee";
        String below = escalation.fromLevel() == EscalationLevel.PROPERTY_COMPANY ? "property company" : "residents' committee";
        notifications.add(EventIds.derived(WorkOrderEscalated.eventIdOf(escalation.workOrderId(), escalation.toLevel()),
                "notification"), Audience.of(role, escalation.communityId()), NotificationKind.WORK_ORDER_ESCALATED,
                "Escalated to the " + level + ": " + escalation.title(),
                "Work order " + escalation.workOrderId() + " (" + escalation.type() + ", " + escalation.sourceId() + ", "
                        + escalation.state() + ") passed the " + below + "'s deadline " + escalation.missedDeadline()
                        + " and is now the " + level + "'s, due by " + escalation.levelDeadline() + ".",
                escalation.workOrderId(), Map.of("workOrderId", escalation.workOrderId().toString(),
                        "type", escalation.type().name(), "level", escalation.toLevel().name(),
                        "missedDeadline", escalation.missedDeadline().toString(),
                        "levelDeadline", escalation.levelDeadline().toString()), escalation.at());
    }
}
