// `salvo` from the TypeScript sources (tsx), for the web e2e tests: dist/ may be older than the sources.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
