/**
 * The panels the app shows, in order. Panels register here and never import each other; they talk
 * through the stores (selection, picture).
 */
import type { ComponentType } from 'react';
import { DetailsPanel } from './details/DetailsPanel.tsx';

export interface PanelEntry {
  id: string;
  Component: ComponentType;
}

export const panels: readonly PanelEntry[] = [{ id: 'details', Component: DetailsPanel }];
