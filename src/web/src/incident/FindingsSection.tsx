import type { AnalysisRun, Finding, IdentificationResult } from '../../../contract/index.js';
import { fmtPct, fmtUtc, t } from '../i18n/index.js';

function Provisions({ f }: { f: Finding }) {
  if (f.provisions.length === 0) return <p className="muted">{t('findings.noProvisions')}</p>;
  return (
    <ul className="provisions">
      {f.provisions.map((p, i) => (
        <li key={i}>
          <strong>{p.instrument}</strong>
          {p.paragraph && <>, {p.paragraph}</>}: {p.summary}
        </li>
      ))}
    </ul>
  );
}

/** Findings (stored conclusions) and the legal provisions each cites. */
export function FindingsSection({
  findings,
  identifications,
}: {
  /** undefined while GET /api/incidents/{id}/findings is not on the server. */
  findings: readonly Finding[] | undefined;
  identifications: readonly { run: AnalysisRun; result: IdentificationResult }[];
}) {
  if (findings) {
    if (findings.length === 0) return <p>{t('findings.none')}</p>;
    return (
      <ul className="findings">
        {findings.map((f) => (
          <li key={f.id}>
            <p>
              <span className="badge">{f.kind}</span> {f.statement}
            </p>
            <p className="muted">
              {t('findings.meta', { id: f.id, at: fmtUtc(f.createdAt) })}
              {f.analysisRun && <> · {t('findings.run', { run: f.analysisRun })}</>}
            </p>
            <h3 className="small">{t('findings.provisions')}</h3>
            <Provisions f={f} />
          </li>
        ))}
      </ul>
    );
  }
  // Fallback: each stored identification is a finding (DESIGN.md); no provisions are recorded with it yet.
  if (identifications.length === 0) return <p>{t('findings.none')}</p>;
  return (
    <>
      <p className="note">{t('findings.fallback')}</p>
      <ul className="findings">
        {identifications.map(({ run, result }) => {
          const best = [...result.candidates].sort((a, b) => b.posterior - a.posterior)[0];
          return (
            <li key={run.id}>
              <p>
                <span className="badge">{t('findings.identification')}</span>{' '}
                {best ? t('findings.bestType', { name: best.name, p: fmtPct(best.posterior, 1) }) : '—'}
              </p>
              <p className="muted">{t('findings.meta', { id: run.id, at: fmtUtc(run.createdAt) })}</p>
              <p className="muted">{t('findings.noProvisions')}</p>
            </li>
          );
        })}
      </ul>
    </>
  );
}
