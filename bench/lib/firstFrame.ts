/**
 * An init script for the first-start bench: records (Date.now()) when the page's DOM was loaded,
 * when the map was created (seen on the page's debug hook, polled every 20 ms), when it fired `load`
 * (its style and every source's first data in: since the map starts on the basemap's style and its
 * layers mount at `style.load`, often after the first frame with streets and units), when the first picture arrived and the first rendered frames that drew
 * units, and streets together with units, read from what MapLibre drew (queryRenderedFeatures after
 * a `render`). Serialised into the page by Playwright, so it references nothing outside itself.
 */
export interface FrameMarks {
  domContentLoaded?: number;
  mapCreated?: number;
  mapLoaded?: number;
  picture?: number;
  units?: number;
  streetsAndUnits?: number;
}

export function firstFrameProbe(): void {
  interface ProbeMap {
    on(event: string, f: () => void): void;
    off(event: string, f: () => void): void;
    loaded(): boolean;
    getLayer(id: string): unknown;
    getStyle(): { layers: { id: string; 'source-layer'?: string }[] };
    queryRenderedFeatures(o: { layers: string[] }): unknown[];
  }
  interface Hook {
    map?: ProbeMap;
    stores?: { picture: { getState(): { loaded: boolean } } };
  }
  const marks: FrameMarks = {};
  (window as unknown as { __firstFrame: FrameMarks }).__firstFrame = marks;
  document.addEventListener('DOMContentLoaded', () => (marks.domContentLoaded = Date.now()));
  const drawn = (map: ProbeMap, ids: string[]) => {
    const layers = ids.filter((id) => map.getLayer(id));
    return layers.length > 0 && map.queryRenderedFeatures({ layers }).length > 0;
  };
  const watch = (map: ProbeMap) => {
    const onLoad = () => (marks.mapLoaded ??= Date.now());
    if (map.loaded()) onLoad();
    map.on('load', onLoad);
    const onRender = () => {
      const units = drawn(map, ['units-symbol', 'units-cluster']);
      if (units) marks.units ??= Date.now();
      if (!units) return;
      const roads = map
        .getStyle()
        .layers.filter((l) => l['source-layer'] === 'roads')
        .map((l) => l.id);
      if (drawn(map, roads)) {
        marks.streetsAndUnits = Date.now();
        map.off('render', onRender);
      }
    };
    map.on('render', onRender);
  };
  const timer = setInterval(() => {
    const hook = (window as unknown as { __lagebild?: Hook }).__lagebild;
    if (hook?.stores?.picture.getState().loaded) marks.picture ??= Date.now();
    if (hook?.map && !marks.mapLoaded && !(hook.map as { __probed?: boolean }).__probed) {
      marks.mapCreated ??= Date.now();
      (hook.map as { __probed?: boolean }).__probed = true;
      watch(hook.map);
    }
    if (marks.picture && marks.streetsAndUnits) clearInterval(timer);
  }, 20);
}
