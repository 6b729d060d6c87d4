/** The registry's components: one per wall layout id. */
import type { ComponentType } from 'react';
import type { WallLayoutId } from '../wallControl/layouts.ts';
import { WallMap } from './WallMap.tsx';
import { WallKpiStrip } from './WallKpiStrip.tsx';
import { WallStatus } from './WallStatus.tsx';
import { WallIncidents } from './WallIncidents.tsx';
import { WallHeatmap } from './WallHeatmap.tsx';

function WallLage() {
  return (
    <div className="wall-lage" data-testid="wall-lage">
      <WallMap />
      <WallKpiStrip />
    </div>
  );
}

export const WALL_VIEWS: Readonly<Record<WallLayoutId, ComponentType>> = {
  lage: WallLage,
  status: WallStatus,
  einsaetze: WallIncidents,
  heatmap: WallHeatmap,
};
