/** A unit row dropped onto an incident's symbol on the map assigns the unit. Renders nothing. */
import { useEffect } from 'react';
import { useMap } from '../mapContext.ts';
import { carriesUnit, dropUnitOn } from '../../components/dragAssign.ts';
import { queryFeatures } from '../queryFeatures.ts';

/** Pixels around the drop point that still count as "on the incident". */
const SLOP = 12;

export function MapDropAssign() {
  const map = useMap();
  useEffect(() => {
    const el = map.getCanvasContainer();
    const incidentAt = (e: DragEvent): string | undefined => {
      if (!map.getLayer('incidents-symbol')) return undefined;
      const r = el.getBoundingClientRect();
      const x = e.clientX - r.left;
      const y = e.clientY - r.top;
      const hit = queryFeatures(
        map,
        [
          [x - SLOP, y - SLOP],
          [x + SLOP, y + SLOP],
        ],
        ['incidents-symbol'],
      )[0];
      const id = hit?.properties['id'];
      return typeof id === 'string' ? id : undefined;
    };
    const onOver = (e: DragEvent) => {
      if (!e.dataTransfer || !carriesUnit([...e.dataTransfer.types])) return;
      const over = incidentAt(e) !== undefined;
      if (over) e.preventDefault();
      e.dataTransfer.dropEffect = over ? 'link' : 'none';
    };
    const onDrop = (e: DragEvent) => {
      const id = incidentAt(e);
      if (id && dropUnitOn(id, e.dataTransfer)) e.preventDefault();
    };
    el.addEventListener('dragover', onOver);
    el.addEventListener('drop', onDrop);
    return () => {
      el.removeEventListener('dragover', onOver);
      el.removeEventListener('drop', onDrop);
    };
  }, [map]);
  return null;
}
