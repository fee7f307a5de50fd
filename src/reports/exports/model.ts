import type { IncidentFacts, ReconstructionFacts } from '../model.js';

/** One incident to export, with its latest stored reconstruction (if any). */
export interface ExportRecord {
  readonly incident: IncidentFacts;
  readonly reconstruction: ReconstructionFacts | null;
}

/** The type an export shows: the identified type when there is one, else the reported model. */
export const typeOf = (i: IncidentFacts): string | null => i.identifiedType ?? i.modelClaimed;
