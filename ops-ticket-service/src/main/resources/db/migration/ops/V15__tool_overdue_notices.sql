-- A household's notice that a shared tool it picked up is overdue (recycling.tool-reminders), once per booking and day.
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check
    CHECK (kind IN ('WORK_ORDER_ESCALATED', 'SORTING_GUIDANCE', 'REPORT_UPDATED', 'TOOL_OVERDUE'));
