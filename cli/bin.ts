// Process entry point for the CLI: runs the command and exits with its status.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
