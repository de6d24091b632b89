package org.communitycarbon.sensing.rejected;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

interface RejectedMessageRepository extends Repository<RejectedMessage, UUID> {

    Page<RejectedMessage> findByCommunityIdOrderByReceivedAtDesc(String communityId, Pageable page);

    Page<RejectedMessage> findAllByOrderByReceivedAtDesc(Pageable page);
}
