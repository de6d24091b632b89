// The dashboard's views and who is offered each. The services enforce who may read what; this only decides the menu.
import { overview } from './overview.js';
import { energy } from './energy.js';
import { waste } from './waste.js';
import { carbon } from './carbon.js';
import { credits } from './credits.js';
import { recycling } from './recycling.js';
import { workOrders } from './work-orders.js';
import { devices } from './devices.js';
import { environment } from './environment.js';
import { reports } from './reports.js';
import { me } from './me.js';
import { notifications } from './notifications.js';

const TEAM = ['PROPERTY_MANAGER', 'STAFF', 'ADMIN'];
const OVERSIGHT = [...TEAM, 'STREET_OFFICE'];

export const views = [
  { id: 'overview', roles: OVERSIGHT, render: overview },
  { id: 'energy', roles: OVERSIGHT, render: energy },
  { id: 'waste', roles: TEAM, render: waste },
  { id: 'carbon', roles: OVERSIGHT, render: carbon },
  { id: 'credits', roles: ['PROPERTY_MANAGER', 'ADMIN'], render: credits },
  { id: 'recycling', roles: TEAM, render: recycling },
  { id: 'work-orders', roles: [...OVERSIGHT, 'RESIDENTS_COMMITTEE'], render: workOrders },
  { id: 'devices', roles: TEAM, render: devices },
  { id: 'environment', roles: OVERSIGHT, render: environment },
  { id: 'reports', roles: OVERSIGHT, render: reports },
  { id: 'notifications', roles: [...OVERSIGHT, 'RESIDENTS_COMMITTEE'], render: notifications },
  { id: 'me', roles: ['RESIDENT'], render: me },
];
