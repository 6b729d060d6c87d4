/**
 * Watches for open emergencies (status 0 not yet acknowledged, whatever followed): sounds the alarm while there is
 * one, and centres the map on a new one and follows it. Acknowledging ends the alarm for everyone,
 * because the acknowledgement is an event every dashboard receives.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Unit } from '#shared/domain';
import { usePanelPicture } from '../../stores/panelPicture.ts';
import { openEmergencies } from '../../stores/requests.ts';
import { selectionStore } from '../../stores/selectionStore.ts';
import { useSettings } from '../../stores/settingsStore.ts';
import { alarmSound, type SoundState } from './alarmSound.ts';

export function useEmergencyAlarm(): { emergencies: Unit[]; sound: SoundState } {
  const units = usePanelPicture((s) => s.picture.units);
  const loaded = usePanelPicture((s) => s.loaded);
  const soundOn = useSettings((s) => s.sound);
  const emergencies = useMemo(() => openEmergencies(Object.values(units)), [units]);
  const ids = emergencies.map((u) => u.id).join(',');
  const seen = useRef(new Set<string>());
  const [sound, setSound] = useState<SoundState>(alarmSound.state);

  useEffect(() => alarmSound.onChange(setSound), []);

  useEffect(() => {
    if (!loaded) return;
    const current = ids ? ids.split(',') : [];
    // The newest emergency not seen before takes the map (the list is newest first).
    const fresh = current.find((id) => !seen.current.has(id));
    seen.current = new Set(current);
    if (fresh) {
      const sel = selectionStore.getState();
      sel.reveal({ kind: 'unit', id: fresh });
      sel.follow(fresh);
    }
  }, [ids, loaded]);

  const alarming = ids !== '' && soundOn;
  useEffect(() => {
    if (alarming) alarmSound.start();
    else alarmSound.stop();
  }, [alarming]);
  useEffect(() => () => alarmSound.stop(), []);

  return { emergencies, sound };
}
