import { AssignDialog } from './AssignDialog.tsx';
import { NewIncidentDialog } from './NewIncidentDialog.tsx';
import { SettingsDialog } from './SettingsDialog.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';

/** Every modal the app can open; each renders nothing until the ui store opens it. */
export function Dialogs() {
  return (
    <>
      <AssignDialog />
      <NewIncidentDialog />
      <SettingsDialog />
      <HelpOverlay />
    </>
  );
}
