#!/usr/bin/env node
import { main } from '../dist/cli.js';

main(process.argv).catch((error) => {
  console.error(error?.message ?? error);
  process.exitCode = 1;
});
