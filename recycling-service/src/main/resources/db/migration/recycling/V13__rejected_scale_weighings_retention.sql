-- Rejected scale weighings are kept for recycling.scale-weighings.rejected-retention (90 days by default) and then
-- deleted by the retention job (docs/recycling.md#connected-scales); applied ones stay with their pickups. The job
-- finds the rejected weighings past the cutoff by this index, without reading the applied ones.
CREATE INDEX scale_weighing_rejected_recorded ON scale_weighing (recorded_at) WHERE outcome = 'REJECTED';
