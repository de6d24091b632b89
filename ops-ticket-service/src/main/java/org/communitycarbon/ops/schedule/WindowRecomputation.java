package org.communitycarbon.ops.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code ops.schedule.recompute-interval} (an hour), computes the off-peak windows of every community with recent
 * deposits, windows or future tasks again, each in its own transaction, so the windows follow the deposit pattern and
 * unstarted tasks move with them. Several instances may run it at once: the community's lock orders them.
 */
@Component
class WindowRecomputation {

    private static final Logger log = LoggerFactory.getLogger(WindowRecomputation.class);

    private final OffPeakSchedule schedule;

    WindowRecomputation(OffPeakSchedule schedule) {
        this.schedule = schedule;
    }

    @Scheduled(fixedDelayString = "${ops.schedule.recompute-interval:PT1H}", initialDelayString = "${ops.schedule.recompute-interval:PT1H}")
    void recomputeAll() {
        for (String community : schedule.activeCommunities()) {
            try {
                int moved = schedule.recompute(community).tasksReplaced();
                if (moved > 0) {
                    log.info("Off-peak windows of {} moved; {} planned tasks placed again", community, moved);
                }
            }
            catch (RuntimeException e) {
                log.warn("Off-peak windows of {} not computed: {}", community, e.toString());
            }
        }
    }
}
