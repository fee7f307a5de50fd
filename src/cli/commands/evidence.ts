import type { Command } from 'commander';
import type { Io } from '../context.js';
import { registerEvidenceAdd } from './evidence-add.js';
import { registerEvidenceCustody } from './evidence-custody.js';
import { registerEvidenceDerive } from './evidence-derive.js';
import { registerEvidenceShow } from './evidence-show.js';

/** `salvo evidence ...`: the evidence locker. */
export function registerEvidence(program: Command, io: Io, setExit: (code: number) => void): void {
  const evidence = program
    .command('evidence')
    .description('the evidence locker: originals by SHA-256, a signed, hash-chained custody log');
  registerEvidenceAdd(evidence, io, setExit);
  registerEvidenceShow(evidence, io, setExit);
  registerEvidenceCustody(evidence, io, setExit);
  registerEvidenceDerive(evidence, io, setExit);
}
