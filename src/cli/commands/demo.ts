import type { Command } from 'commander';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';

export function registerDemo(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('build a demo store from the illustrative data shipped with Salvo and show what it can do')
    .action(() => {
      io.out('demo: not yet');
      setExit(EXIT.OK);
    });
}
