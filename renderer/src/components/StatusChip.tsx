import type { FmsStatus } from '#shared/domain';
import { STATUS_COLORS } from '../theme/colors.ts';

/** The FMS digit on its status colour, as on the map symbols. */
export function StatusChip({ status, title }: { status: FmsStatus; title?: string }) {
  return (
    <span className="status-chip" style={{ background: STATUS_COLORS[status] }} title={title}>
      {status}
    </span>
  );
}
