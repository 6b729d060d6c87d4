/**
 * What code outside the renderer may run in Node: the replay client and the picture store it feeds,
 * which the replay benchmark drives exactly as the replay view does; and where the map draws a unit
 * among others at one spot (the map journey clicks it there). The lint zones of e2e/ and
 * bench/ allow this file only.
 */
export { ReplayApi } from './replay/api.ts';
export { storeSink } from './replay/sink.ts';
export { pictureStore } from './stores/pictureStore.ts';
export { slotOffset } from './map/unitSpots.ts';
