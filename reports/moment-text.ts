// One line per campaign moment for the weekly report's renderers: when, what, and its lift in words.
import { DateTime } from 'luxon';
import { networkLabel } from '../core/networks.js';
import type { MetricLift } from '../core/moment-lift.js';
import { formatShortCount } from './format.js';
import type { ReportMoment } from './weekly-report.js';

function liftText(label: string, lift: MetricLift): string {
  const percent = lift.liftPercent === null ? '' : ` (${lift.liftPercent >= 0 ? '+' : ''}${lift.liftPercent}%)`;
  return `${label} ${formatShortCount(lift.after)} against a usual ${formatShortCount(lift.usual)}${percent}`;
}

/** "Mon 23 Nov, 09:00 · Launch (all networks)" on the report clock. */
export function momentHeading(moment: ReportMoment, timeZone: string): string {
  const when = DateTime.fromISO(moment.at, { zone: timeZone }).toFormat('ccc d LLL, HH:mm');
  return `${when} · ${moment.what} (${moment.network === 'all' ? 'all networks' : networkLabel(moment.network)})`;
}

/** The moment's lift over the 48 hours after it, or why it has none yet. */
export function momentLiftText(moment: ReportMoment): string {
  const lift = moment.lift;
  if (lift.status === 'measuring') return `Still being measured: ${lift.reason}.`;
  if (lift.status === 'too_little_data') return `Too little data: ${lift.reason}.`;
  const m = lift.metrics;
  return `In the 48 hours after: ${liftText('posts', m.posts)}, ${liftText('engagements gained', m.engagements)}, ${liftText('new contributors', m.new_contributors)}; usual = average of the same hours in ${lift.baselineWeeks} collected weeks before.`;
}
