// The community's live stream (ops: GET /api/ops/communities/{id}/live): work orders, alerts and bin readings as they
// happen, so a view updates without a reload. The header shows whether it is connected.
import * as api from '../api.js';
import { t } from '../i18n.js';

export function follow(context, onEvent) {
  if (!context.communityId) return () => {};
  const indicator = context.live;
  return api.stream('/api/ops/communities/' + api.seg(context.communityId) + '/live', onEvent, state => {
    indicator.textContent = state === 'off' ? '' : t('live.' + state);
    indicator.className = 'live ' + state;
  });
}
