#!/usr/bin/env node
// The command. The server is written in TypeScript and run as it is: tsx compiles each module
// as it loads (no build step, so `npx firm-widgets-server` works from a checkout too).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
