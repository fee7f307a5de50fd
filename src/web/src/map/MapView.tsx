import type { FeatureCollection } from 'geojson';
import {
  Map as MlMap,
  NavigationControl,
  ScaleControl,
  setWorkerCount,
  setWorkerUrl,
  type ExpressionSpecification,
  type GeoJSONSource,
  type LngLatBoundsLike,
  type MapLayerMouseEvent,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { PointSet } from '../data/points.js';
import { t } from '../i18n/index.js';
import { baseStyle, COLOURS, loadBasemap } from './basemap.js';
import { colourExpression, type ColourBy } from './colours.js';
import { COUNT_PREFIX, installCountImages } from './count-images.js';
import { arcFeatures, EMPTY, MAX_ARCS, pointFeatures } from './features.js';

setWorkerUrl(workerUrl);
// Two workers even on two cores: the basemap and the incidents are then tiled side by side.
setWorkerCount(Math.max(2, Math.min(4, Math.floor((navigator.hardwareConcurrency || 2) / 2))));

export interface MapViewProps {
  readonly points: PointSet | null;
  /** Index range [start, end) of `points` to show (the time window). */
  readonly range: readonly [number, number];
  readonly colourBy: ColourBy;
  /** Playback: incidents at or after this instant are drawn emphasised. */
  readonly highlightFrom?: number;
  /** The selected incident's analysis: ellipses, trajectory, launch and impact points (GeoJSON). */
  readonly overlay?: FeatureCollection | null;
  /** Imported admin boundaries. */
  readonly admin?: FeatureCollection | null;
  /** Fit the view to these bounds when they change (incident page). */
  readonly fit?: LngLatBoundsLike | null;
  readonly cluster?: boolean;
  readonly label: string;
  /** Registers the map as `window.__salvoMaps[name]` (tests and the benchmark read it). */
  readonly name: string;
  readonly onSelect?: (index: number) => void;
  readonly className?: string;
}

declare global {
  interface Window {
    __salvoMaps?: Record<string, MlMap>;
  }
}

const UKRAINE: LngLatBoundsLike = [
  [22, 44],
  [41, 53],
];

/** The circle radius of the precision disc: r(z) = r0 * 2^z exactly (exponential interpolation, base 2). */
const discRadius: ExpressionSpecification = [
  'interpolate',
  ['exponential', 2],
  ['zoom'],
  0,
  ['get', 'r'],
  24,
  ['*', ['get', 'r'], 2 ** 24],
];

function addDataLayers(map: MlMap, cluster: boolean): void {
  map.addSource('incidents', {
    type: 'geojson',
    data: EMPTY,
    cluster,
    clusterRadius: 42,
    clusterMaxZoom: 7,
    buffer: 32,
  });
  map.addSource('arcs', { type: 'geojson', data: EMPTY });
  map.addSource('overlay', { type: 'geojson', data: EMPTY });
  const colour = colourExpression('outcome', null);
  map.addLayer({
    id: 'arcs',
    type: 'line',
    source: 'arcs',
    paint: { 'line-color': colour, 'line-width': 1.2, 'line-opacity': 0.55 },
  });
  map.addLayer({
    id: 'clusters',
    type: 'circle',
    source: 'incidents',
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': COLOURS.cluster,
      'circle-opacity': 0.85,
      'circle-radius': ['step', ['get', 'point_count'], 12, 10, 15, 100, 19, 1000, 24, 10000, 30],
      'circle-stroke-color': '#FFFFFF',
      'circle-stroke-width': 1.5,
    },
  });
  map.addLayer({
    id: 'cluster-count',
    type: 'symbol',
    source: 'incidents',
    filter: ['has', 'point_count'],
    layout: {
      'icon-image': ['concat', COUNT_PREFIX, ['get', 'point_count_abbreviated']],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
  });
  map.addLayer({
    id: 'precision',
    type: 'circle',
    source: 'incidents',
    filter: ['all', ['!', ['has', 'point_count']], ['>', ['get', 'r'], 0]],
    paint: {
      'circle-radius': discRadius,
      'circle-color': colour,
      'circle-opacity': 0.12,
      'circle-stroke-color': colour,
      'circle-stroke-width': 1,
      'circle-stroke-opacity': 0.6,
      'circle-pitch-alignment': 'map',
    },
  });
  map.addLayer({
    id: 'points',
    type: 'circle',
    source: 'incidents',
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-radius': ['case', ['==', ['get', 'h'], 1], 7, 4.5],
      'circle-color': colour,
      'circle-stroke-color': [
        'case',
        ['boolean', ['feature-state', 'selected'], false],
        '#000000',
        '#FFFFFF',
      ],
      'circle-stroke-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 1.2],
    },
  });
  map.addLayer({
    id: 'overlay-ellipse-fill',
    type: 'fill',
    source: 'overlay',
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': COLOURS.ellipse, 'fill-opacity': 0.18 },
  });
  map.addLayer({
    id: 'overlay-ellipse-line',
    type: 'line',
    source: 'overlay',
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'line-color': COLOURS.ellipse, 'line-width': 2 },
  });
  map.addLayer({
    id: 'overlay-track',
    type: 'line',
    source: 'overlay',
    filter: ['==', ['geometry-type'], 'LineString'],
    paint: { 'line-color': COLOURS.track, 'line-width': 2.5, 'line-dasharray': [2, 1] },
  });
  map.addLayer({
    id: 'overlay-points',
    type: 'circle',
    source: 'overlay',
    filter: [
      'all',
      ['==', ['geometry-type'], 'Point'],
      ['in', ['get', 'kind'], ['literal', ['launch', 'impact', 'nominal-impact', 'breakup']]],
    ],
    paint: {
      'circle-radius': 5,
      'circle-color': ['match', ['get', 'kind'], 'launch', '#FFFFFF', '#111827'],
      'circle-stroke-color': '#111827',
      'circle-stroke-width': 2,
    },
  });
}

/** The map: offline basemap, clustered incidents sized by location precision, arcs, and analysis overlays. */
export function MapView(props: MapViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MlMap | null>(null);
  const [ready, setReady] = useState(false);
  const [arcNote, setArcNote] = useState<string | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const selectedFeature = useRef<number | null>(null);

  // Create the map once.
  useEffect(() => {
    let cancelled = false;
    let map: MlMap | undefined;
    void loadBasemap().then((b) => {
      if (cancelled || !box.current) return;
      map = new MlMap({
        container: box.current,
        style: baseStyle(b, latest.current.admin ?? null),
        bounds: UKRAINE,
        fitBoundsOptions: { padding: 20 },
        attributionControl: { compact: true, customAttribution: t('map.attribution') },
        renderWorldCopies: false,
        locale: {
          'NavigationControl.ZoomIn': t('map.zoomIn'),
          'NavigationControl.ZoomOut': t('map.zoomOut'),
          'AttributionControl.ToggleAttribution': t('map.toggleAttribution'),
          'Map.Title': t('map.canvasTitle'),
        },
        maxZoom: 18,
      });
      const m = map;
      mapRef.current = m;
      (window.__salvoMaps ??= {})[latest.current.name] = m;
      m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
      m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
      installCountImages(m);
      m.on('load', () => {
        performance.mark(`salvo:map-load:${latest.current.name}`);
        addDataLayers(m, latest.current.cluster ?? true);
        m.on('click', 'clusters', (e: MapLayerMouseEvent) => {
          const f = e.features?.[0];
          const id = f?.properties?.cluster_id as number | undefined;
          if (id === undefined || f?.geometry.type !== 'Point') return;
          void (m.getSource('incidents') as GeoJSONSource).getClusterExpansionZoom(id).then((zoom) => {
            m.easeTo({
              center: f.geometry.type === 'Point' ? (f.geometry.coordinates as [number, number]) : undefined,
              zoom,
            });
          });
        });
        m.on('click', 'points', (e: MapLayerMouseEvent) => {
          const i = e.features?.[0]?.properties?.i as number | undefined;
          if (i !== undefined) latest.current.onSelect?.(i);
        });
        for (const layer of ['points', 'clusters']) {
          m.on('mouseenter', layer, () => (m.getCanvas().style.cursor = 'pointer'));
          m.on('mouseleave', layer, () => (m.getCanvas().style.cursor = ''));
        }
        m.on('idle', () => {
          if (box.current) box.current.dataset.state = 'idle';
        });
        setReady(true);
      });
    });
    return () => {
      cancelled = true;
      map?.remove();
      if (window.__salvoMaps?.[latest.current.name] === map) delete window.__salvoMaps?.[latest.current.name];
      mapRef.current = null;
    };
  }, []);

  // Incidents and arcs of the window.
  const { points, range, highlightFrom, colourBy } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    if (box.current) box.current.dataset.state = 'loading';
    const [start, end] = range;
    const src = map.getSource('incidents') as GeoJSONSource;
    const arcs = map.getSource('arcs') as GeoJSONSource;
    if (!points) {
      void src.setData(EMPTY);
      void arcs.setData(EMPTY);
      return;
    }
    performance.mark(`salvo:data-start:${props.name}`);
    void src.setData(pointFeatures(points, start, end, highlightFrom));
    const a = arcFeatures(points, start, end);
    void arcs.setData(a.fc);
    setArcNote(a.total > MAX_ARCS ? t('map.arcsHidden', { n: a.total, max: MAX_ARCS }) : null);
    if (box.current) box.current.dataset.points = String(end - start);
    performance.mark(`salvo:data-set:${props.name}`);
  }, [ready, points, range, highlightFrom]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const c = colourExpression(colourBy, points);
    for (const [layer, props] of [
      ['points', ['circle-color']],
      ['precision', ['circle-color', 'circle-stroke-color']],
      ['arcs', ['line-color']],
    ] as const)
      for (const p of props) map.setPaintProperty(layer, p, c);
  }, [ready, colourBy, points]);

  // The analysis overlay.
  const { overlay, fit } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    void (map.getSource('overlay') as GeoJSONSource).setData(overlay ?? EMPTY);
  }, [ready, overlay]);
  const fitKey = fit ? JSON.stringify(fit) : '';
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !fit) return;
    map.fitBounds(fit, { padding: 40, duration: 0, maxZoom: 17 });
  }, [ready, fitKey]);

  const { admin } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !admin) return;
    void (map.getSource('admin') as GeoJSONSource | undefined)?.setData(admin);
  }, [ready, admin]);

  // Keyboard users select from the list; this keeps the selection ring on the map in step.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    if (selectedFeature.current !== null)
      map.setFeatureState({ source: 'incidents', id: selectedFeature.current }, { selected: false });
    selectedFeature.current = null;
  }, [ready, points, range]);

  return (
    <div className={`map-wrap ${props.className ?? ''}`}>
      <div
        ref={box}
        className="map"
        role="region"
        aria-label={props.label}
        data-state="loading"
        data-map={props.name}
      />
      {arcNote && (
        <p className="map-note" role="status">
          {arcNote}
        </p>
      )}
    </div>
  );
}
