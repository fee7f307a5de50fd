import { ellipsePolygon } from '../../reconstruction/index.js';
import { escapeXml as x } from '../format.js';
import type { PointFacts } from '../model.js';
import { geodesicPath, incidentProperties } from './geojson.js';
import type { ExportRecord } from './model.js';

const r6 = (v: number): string => String(Math.round(v * 1e6) / 1e6);

function extended(props: Record<string, string | number | boolean | null>): string {
  return `<ExtendedData>${Object.entries(props)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `<Data name="${x(k)}"><value>${x(String(v))}</value></Data>`)
    .join('')}</ExtendedData>`;
}

function placemark(
  name: string,
  style: string,
  props: Record<string, string | number | boolean | null>,
  geometry: string,
): string {
  return `<Placemark><name>${x(name)}</name><styleUrl>#${style}</styleUrl>${extended(props)}${geometry}</Placemark>`;
}

const coords = (pts: readonly (readonly number[])[]): string => pts.map((p) => p.map(r6).join(',')).join(' ');

function ellipsePlacemark(incident: string, run: string, kind: string, p: PointFacts): string {
  const ring = ellipsePolygon(p.lat, p.lon, p.ellipse95, 72);
  return placemark(
    `${incident} ${kind} 95 % ellipse`,
    kind,
    {
      incident,
      run,
      kind: `${kind}-ellipse95`,
      semiMajorM: p.ellipse95.semiMajorM,
      semiMinorM: p.ellipse95.semiMinorM,
      orientationDeg: p.ellipse95.orientationDeg,
    },
    `<Polygon><tessellate>1</tessellate><outerBoundaryIs><LinearRing><coordinates>${coords(ring)}</coordinates></LinearRing></outerBoundaryIs></Polygon>`,
  );
}

/**
 * KML 2.2 (OGC 07-147r2) for Google Earth and QGIS: one folder per incident with the incident point (its
 * attributes as ExtendedData, `id` first), the launch and impact points and 95 % ellipses, the ground track
 * (geodesic between the estimates, clamped to the ground) and the observed track at its measured heights.
 */
export function exportKml(records: readonly ExportRecord[], title = 'Salvo export'): string {
  const folders = records.map((rec) => {
    const i = rec.incident;
    const parts: string[] = [];
    if (i.location)
      parts.push(
        placemark(
          i.id,
          'incident',
          incidentProperties(rec),
          `<Point><coordinates>${r6(i.location.lon)},${r6(i.location.lat)}</coordinates></Point>`,
        ),
      );
    const r = rec.reconstruction;
    if (r) {
      const pt = (kind: string, p: PointFacts): void => {
        parts.push(
          placemark(
            `${i.id} ${kind}`,
            kind,
            { incident: i.id, run: r.runId, kind, time: p.time },
            `<Point><coordinates>${r6(p.lon)},${r6(p.lat)}</coordinates></Point>`,
          ),
        );
        parts.push(ellipsePlacemark(i.id, r.runId, kind, p));
      };
      pt('launch', r.launch);
      if (r.impact) pt('impact', r.impact);
      const end = r.impact
        ? [r.impact.lon, r.impact.lat]
        : r.breakup.lon !== null && r.breakup.lat !== null
          ? [r.breakup.lon, r.breakup.lat]
          : null;
      if (end)
        parts.push(
          placemark(
            `${i.id} ground track`,
            'track',
            { incident: i.id, run: r.runId, kind: 'ground-track' },
            `<LineString><tessellate>1</tessellate><altitudeMode>clampToGround</altitudeMode><coordinates>${coords(geodesicPath([r.launch.lon, r.launch.lat], [end[0]!, end[1]!]))}</coordinates></LineString>`,
          ),
        );
      const track = r.observed.filter((o) => o.altM !== null);
      if (track.length >= 2)
        parts.push(
          placemark(
            `${i.id} observed track`,
            'observed',
            { incident: i.id, run: r.runId, kind: 'observed-track' },
            `<LineString><altitudeMode>absolute</altitudeMode><coordinates>${coords(track.map((o) => [o.lon, o.lat, o.altM!]))}</coordinates></LineString>`,
          ),
        );
    }
    return `<Folder><name>${x(i.id)}</name>${parts.join('')}</Folder>`;
  });
  const style = (id: string, colour: string, fill = false): string =>
    `<Style id="${id}"><LineStyle><color>${colour}</color><width>2</width></LineStyle><PolyStyle><color>${fill ? '40' + colour.slice(2) : '00ffffff'}</color></PolyStyle><IconStyle><color>${colour}</color></IconStyle></Style>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document><name>${x(title)}</name>
${style('incident', 'ff2eae27')}${style('launch', 'ff2b39c0', true)}${style('impact', 'ffad448e', true)}${style('track', 'ff555555')}${style('observed', 'ffb4771f')}
${folders.join('\n')}
</Document>
</kml>
`;
}
